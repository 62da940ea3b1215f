import { useState } from 'react';
import { Anchor, Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router-dom';
import { getJson, seg } from '../api/client';
import type { ImageFamily, ImageVersion, LineageNode } from '../api/types';
import { Failure, when } from '../components/common';
import { useLoad } from '../hooks';

export default function Images() {
  const families = useLoad(() => getJson<ImageFamily[]>('/api/v1/images/families'), []);
  const [family, setFamily] = useState<string | null>(null);
  const chosen = family ?? families.data?.[0]?.name ?? null;
  const detail = useLoad(async () => (chosen ? getJson<{ versions: ImageVersion[] }>(`/api/v1/images/families/${seg(chosen)}`) : undefined), [chosen]);
  const tree = useLoad(async () => (chosen ? getJson<{ roots: LineageNode[] }>(`/api/v1/images/families/${seg(chosen)}/lineage-tree`) : undefined), [chosen]);
  const platforms = [...new Set((detail.data?.versions ?? []).flatMap((v) => v.releases.map((r) => r.platform)))].sort();
  return (
    <Stack>
      <Title order={1}>Golden images</Title>
      <Failure error={families.error} />
      <Table aria-label="Image families">
        <Table.Thead><Table.Tr><Table.Th>Family</Table.Th><Table.Th>OS</Table.Th><Table.Th>Owner</Table.Th><Table.Th>Production</Table.Th><Table.Th>Versions</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {families.data?.map((f) => (
            <Table.Tr key={f.name} bg={f.name === chosen ? 'var(--mantine-color-indigo-0)' : undefined}>
              <Table.Td><Anchor component="button" onClick={() => setFamily(f.name)} aria-pressed={f.name === chosen}>{f.name}</Anchor></Table.Td>
              <Table.Td>{f.os}</Table.Td><Table.Td>{f.owner}</Table.Td>
              <Table.Td><Text size="xs">{Object.entries(f.production).map(([p, v]) => `${p} ${v}`).join(' · ') || 'none'}</Text></Table.Td>
              <Table.Td>{f.versions}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {chosen && (
        <Paper withBorder p="md">
          <Title order={2} size="h3">{chosen}: versions and lifecycle</Title>
          <Failure error={detail.error} />
          <Table aria-label={`Versions of ${chosen}`}>
            <Table.Thead><Table.Tr><Table.Th>Version</Table.Th>{platforms.map((p) => <Table.Th key={p}>{p}</Table.Th>)}<Table.Th>Created</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {detail.data?.versions.map((v) => (
                <Table.Tr key={v.id}>
                  <Table.Td><Anchor component={Link} to={`/images/${encodeURIComponent(v.id)}`}>{v.version}</Anchor></Table.Td>
                  {platforms.map((p) => <Table.Td key={p}>{v.releases.find((r) => r.platform === p)?.status ?? '—'}</Table.Td>)}
                  <Table.Td>{when(v.createdAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Title order={3} size="h4" mt="md">Lineage</Title>
          <div role="tree" aria-label={`Lineage of ${chosen}`}>{tree.data?.roots.map((n) => <Node key={n.id} node={n} />)}</div>
        </Paper>
      )}
    </Stack>
  );
}

/** One version in the lineage graph, its children drawn beneath it, joined by a line. */
function Node({ node }: { node: LineageNode }) {
  const statuses = [...new Set(node.releases.map((r) => r.status))];
  return (
    <div role="treeitem" aria-selected={false} style={{ borderLeft: '2px solid var(--mantine-color-gray-5)', paddingLeft: 12, marginLeft: 8, marginTop: 4 }}>
      <Group gap="xs">
        <Anchor component={Link} to={`/images/${encodeURIComponent(node.id)}`}>{node.version}</Anchor>
        {node.relation && <Text size="xs">({node.relation.replaceAll('_', ' ')})</Text>}
        {statuses.map((s) => <Badge key={s} size="xs" variant="light" c="dark">{s}</Badge>)}
      </Group>
      {node.children?.length ? <div role="group">{node.children.map((c) => <Node key={c.id} node={c} />)}</div> : null}
    </div>
  );
}
