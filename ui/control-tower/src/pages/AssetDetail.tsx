import { Code, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useParams } from 'react-router-dom';
import { getJson, seg } from '../api/client';
import type { Asset, AssetChange, AssetDrift } from '../api/types';
import { Failure, StatusBadge, when } from '../components/common';
import { useLoad } from '../hooks';

export default function AssetDetail() {
  const id = useParams().id!;
  const asset = useLoad(() => getJson<{ asset: Asset; history: AssetChange[] }>(`/api/v1/assets/${seg(id)}`), [id]);
  const drift = useLoad(() => getJson<AssetDrift>(`/api/v1/drift/assets/${seg(id)}`), [id]);
  const a = asset.data?.asset;
  const d = drift.data;
  return (
    <Stack>
      <Title order={1}>Asset {id}</Title>
      <Failure error={asset.error} />
      {a && (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Paper withBorder p="md">
            <Title order={2} size="h4">Inventory</Title>
            <Text>{a.name} · {a.platform} · {a.site} · {a.environment}</Text>
            <Text>Image: {a.image ? `${a.image.family}@${a.image.version}` : 'none'}</Text>
            <Group gap="xs"><Text>State {a.state}, health</Text><StatusBadge status={a.health} /></Group>
            <Text size="sm">Tags: {Object.entries(a.tags).map(([k, v]) => `${k}=${v}`).join(', ') || 'none'}</Text>
            <Text size="sm">First seen {when(a.firstSeenAt)}, last changed {when(a.lastChangedAt)} (version {a.version})</Text>
          </Paper>
          <Paper withBorder p="md" data-testid="asset-drift">
            <Title order={2} size="h4">Drift</Title>
            <Failure error={drift.error} />
            {d && (
              <>
                <Group gap="xs"><Text>Status</Text><StatusBadge status={d.status} /></Group>
                <Text>Running {d.version ?? '—'}; production is {d.productionVersion ?? '—'}</Text>
                {d.status === 'outdated' && <Text>{d.versionsBehind} version(s) and {d.daysBehind} day(s) behind, since {when(d.outdatedSince)}</Text>}
              </>
            )}
          </Paper>
        </SimpleGrid>
      )}
      {asset.data && (
        <Paper withBorder p="md">
          <Title order={2} size="h4">History</Title>
          <Table aria-label="Change history">
            <Table.Thead><Table.Tr><Table.Th>Version</Table.Th><Table.Th>Change</Table.Th><Table.Th>Fields</Table.Th><Table.Th>Detected</Table.Th><Table.Th>Applied</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {asset.data.history.map((h) => (
                <Table.Tr key={h.version}>
                  <Table.Td>{h.version}</Table.Td><Table.Td>{h.kind}</Table.Td>
                  <Table.Td>{h.changedFields.map((f) => <Code key={f} mr={4}>{f}</Code>)}</Table.Td>
                  <Table.Td>{when(h.detectedAt)}</Table.Td><Table.Td>{when(h.appliedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}
