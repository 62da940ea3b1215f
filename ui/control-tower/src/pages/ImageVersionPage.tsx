import { useState } from 'react';
import { Anchor, Button, Group, Modal, Paper, Select, SimpleGrid, Stack, Table, Tabs, Text, Textarea, Title } from '@mantine/core';
import { DonutChart } from '@mantine/charts';
import { Link, useParams } from 'react-router-dom';
import { getJson, postJson, query, seg } from '../api/client';
import type { Component, Deployment, Finding, ImageDetail, Page, Release, SeverityCounts } from '../api/types';
import { useAuth } from '../auth';
import { Failure, StatusBadge, when } from '../components/common';
import { useLoad } from '../hooks';

const stages = ['draft', 'testing', 'production', 'deprecated', 'retired'];
const severityColour: Record<keyof SeverityCounts, string> = { critical: 'red.9', high: 'orange.8', medium: 'yellow.6', low: 'blue.6', negligible: 'gray.5', unknown: 'gray.7' };

export default function ImageVersionPage() {
  const id = useParams().id!;
  const { can } = useAuth();
  const detail = useLoad(() => getJson<ImageDetail>(`/api/v1/images/${seg(id)}`), [id]);
  const vulns = useLoad(() => getJson<{ findings: Finding[] }>(`/api/v1/images/${seg(id)}/vulnerabilities`), [id]);
  const components = useLoad(() => getJson<{ components: Component[] }>(`/api/v1/images/${seg(id)}/components`), [id]);
  const [cursor, setCursor] = useState<string>();
  const deployments = useLoad(() => getJson<Page<Deployment>>(`/api/v1/images/${seg(id)}/deployments${query({ limit: 50, cursor })}`), [id, cursor]);
  const lineage = useLoad(() => getJson<{ ancestors: { id: string; relation: string; depth: number }[]; descendants: { id: string; relation: string; depth: number }[] }>(`/api/v1/images/${seg(id)}/lineage`), [id]);
  const [move, setMove] = useState<{ release: Release; to: string; rollback: boolean } | null>(null);
  const d = detail.data;
  const counts = d?.counts?.vulnerabilities;

  return (
    <Stack>
      <Title order={1}>Image {id}</Title>
      <Failure error={detail.error} />
      {d && (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Paper withBorder p="md">
            <Title order={2} size="h3">Lifecycle per platform</Title>
            <Table aria-label="Releases">
              <Table.Thead><Table.Tr><Table.Th>Platform</Table.Th><Table.Th>Status</Table.Th><Table.Th>Reference</Table.Th><Table.Th>Change</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {d.version.releases.map((r) => {
                  const i = stages.indexOf(r.status);
                  return (
                    <Table.Tr key={r.platform}>
                      <Table.Td>{r.platform}</Table.Td><Table.Td><StatusBadge status={r.status} /></Table.Td>
                      <Table.Td><Text size="xs" style={{ wordBreak: 'break-all' }}>{r.reference}</Text></Table.Td>
                      <Table.Td>
                        {can('manage:images') && (
                          <Group gap={4}>
                            {i >= 0 && i < stages.length - 1 && <Button size="compact-xs" onClick={() => setMove({ release: r, to: stages[i + 1], rollback: false })}>Promote to {stages[i + 1]}</Button>}
                            {i > 0 && <Button size="compact-xs" variant="outline" color="red.9" onClick={() => setMove({ release: r, to: stages[i - 1], rollback: true })}>Roll back</Button>}
                          </Group>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Paper>
          <Paper withBorder p="md">
            <Title order={2} size="h3">Vulnerabilities (unique, by severity)</Title>
            {counts ? (
              <Group>
                <DonutChart size={120} thickness={20}
                  data={(Object.keys(severityColour) as (keyof SeverityCounts)[]).map((s) => ({ name: s, value: counts[s], color: severityColour[s] }))} />
                <Text size="sm" data-testid="image-vulnerabilities">{(Object.keys(severityColour) as (keyof SeverityCounts)[]).map((s) => `${s} ${counts[s]}`).join(' · ')}</Text>
              </Group>
            ) : <Text size="sm">No scan imported.</Text>}
            {d.sbom && <Text size="sm" mt="sm">SBOM: {d.sbom.format} {d.sbom.specVersion}, {d.sbom.componentCount} components{d.sbom.tool ? `, by ${d.sbom.tool}` : ''}</Text>}
          </Paper>
        </SimpleGrid>
      )}
      <Tabs defaultValue="findings">
        <Tabs.List>
          <Tabs.Tab value="findings">Findings</Tabs.Tab>
          <Tabs.Tab value="components">SBOM components</Tabs.Tab>
          <Tabs.Tab value="deployments">Where deployed</Tabs.Tab>
          <Tabs.Tab value="lineage">Lineage</Tabs.Tab>
          <Tabs.Tab value="history">Lifecycle history</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="findings">
          <Table aria-label="Findings">
            <Table.Thead><Table.Tr><Table.Th>Vulnerability</Table.Th><Table.Th>Severity</Table.Th><Table.Th>Package</Table.Th><Table.Th>Installed</Table.Th><Table.Th>Fixed in</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>{vulns.data?.findings.map((f) => (
              <Table.Tr key={f.id + f.package}><Table.Td>{f.id}</Table.Td><Table.Td>{f.severity}</Table.Td><Table.Td>{f.package}</Table.Td><Table.Td>{f.installedVersion}</Table.Td><Table.Td>{f.fixedVersion ?? '—'}</Table.Td></Table.Tr>
            ))}</Table.Tbody>
          </Table>
        </Tabs.Panel>
        <Tabs.Panel value="components">
          <Table aria-label="Components">
            <Table.Thead><Table.Tr><Table.Th>Name</Table.Th><Table.Th>Version</Table.Th><Table.Th>Licences</Table.Th><Table.Th>purl</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>{components.data?.components.map((c) => (
              <Table.Tr key={(c.purl ?? c.name) + c.version}><Table.Td>{c.name}</Table.Td><Table.Td>{c.version}</Table.Td><Table.Td>{c.licenses}</Table.Td><Table.Td><Text size="xs">{c.purl}</Text></Table.Td></Table.Tr>
            ))}</Table.Tbody>
          </Table>
        </Tabs.Panel>
        <Tabs.Panel value="deployments">
          <Table aria-label="Deployments">
            <Table.Thead><Table.Tr><Table.Th>Asset</Table.Th><Table.Th>Platform</Table.Th><Table.Th>Site</Table.Th><Table.Th>Environment</Table.Th><Table.Th>Drift</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>{deployments.data?.items.map((a) => (
              <Table.Tr key={a.assetId}><Table.Td><Anchor component={Link} to={`/assets/${encodeURIComponent(a.assetId)}`}>{a.assetId}</Anchor></Table.Td><Table.Td>{a.platform}</Table.Td><Table.Td>{a.site}</Table.Td><Table.Td>{a.environment}</Table.Td><Table.Td><StatusBadge status={a.drift} /></Table.Td></Table.Tr>
            ))}</Table.Tbody>
          </Table>
          <Group><Button size="xs" variant="default" disabled={!cursor} onClick={() => setCursor(undefined)}>First page</Button>
            <Button size="xs" variant="default" disabled={!deployments.data?.nextCursor} onClick={() => setCursor(deployments.data!.nextCursor!)}>Next page</Button></Group>
        </Tabs.Panel>
        <Tabs.Panel value="lineage">
          <Text size="sm" mt="sm">Ancestors: {lineage.data?.ancestors.map((a) => <span key={a.id}><Anchor component={Link} to={`/images/${encodeURIComponent(a.id)}`}>{a.id}</Anchor> ({a.relation.replaceAll('_', ' ')}) </span>)}</Text>
          <Text size="sm">Descendants: {lineage.data?.descendants.length ? lineage.data.descendants.map((a) => <span key={a.id}><Anchor component={Link} to={`/images/${encodeURIComponent(a.id)}`}>{a.id}</Anchor> </span>) : 'none'}</Text>
        </Tabs.Panel>
        <Tabs.Panel value="history">
          <Table aria-label="Lifecycle history">
            <Table.Thead><Table.Tr><Table.Th>When</Table.Th><Table.Th>Platform</Table.Th><Table.Th>From</Table.Th><Table.Th>To</Table.Th><Table.Th>Who</Table.Th><Table.Th>Why</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>{d?.transitions.map((t, i) => (
              <Table.Tr key={i}><Table.Td>{when(t.at)}</Table.Td><Table.Td>{t.platform}</Table.Td><Table.Td>{t.from}</Table.Td><Table.Td>{t.to}{t.rollback ? ' (rollback)' : ''}</Table.Td><Table.Td>{t.actor}</Table.Td><Table.Td>{t.reason}</Table.Td></Table.Tr>
            ))}</Table.Tbody>
          </Table>
        </Tabs.Panel>
      </Tabs>
      {move && <TransitionModal id={id} move={move} onClose={() => setMove(null)} onDone={() => { setMove(null); detail.reload(); }} />}
    </Stack>
  );
}

function TransitionModal({ id, move, onClose, onDone }: { id: string; move: { release: Release; to: string; rollback: boolean }; onClose: () => void; onDone: () => void }) {
  const earlier = stages.slice(0, Math.max(0, stages.indexOf(move.release.status)));
  const [to, setTo] = useState(move.to);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<Error>();
  const submit = async () => {
    try {
      await postJson(`/api/v1/images/${seg(id)}/transitions`, { status: to, platforms: [move.release.platform], reason, rollback: move.rollback || undefined });
      onDone();
    } catch (e) {
      setError(e as Error);
    }
  };
  return (
    <Modal opened onClose={onClose} title={`${move.rollback ? 'Roll back' : 'Promote'} ${id} on ${move.release.platform}`}>
      <Stack>
        {move.rollback ? <Select label="Back to" data={earlier} value={to} onChange={(v) => setTo(v ?? move.to)} /> : <Text>From {move.release.status} to {to}</Text>}
        <Textarea label="Reason" value={reason} onChange={(e) => setReason(e.currentTarget.value)} required />
        <Failure error={error} />
        <Button onClick={submit} disabled={!reason.trim()}>Confirm</Button>
      </Stack>
    </Modal>
  );
}
