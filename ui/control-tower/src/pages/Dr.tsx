import { useState } from 'react';
import { Anchor, Button, Group, List, Paper, Select, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { BarChart } from '@mantine/charts';
import { Link, useNavigate } from 'react-router-dom';
import { getJson, postJson } from '../api/client';
import type { DrPair, Drill, FleetReadiness, Page } from '../api/types';
import { useAuth } from '../auth';
import { Failure, RagBadge, StatusBadge, secs, when } from '../components/common';
import { useLoad } from '../hooks';

export default function Dr() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const readiness = useLoad(() => getJson<FleetReadiness>('/api/v1/dr/readiness'), [], 15000);
  const pairs = useLoad(() => getJson<Page<DrPair>>('/api/v1/dr/pairs?limit=100'), []);
  const drills = useLoad(() => getJson<Page<Drill>>('/api/v1/dr/drills?limit=25'), [], 3000);
  const [pairId, setPairId] = useState<string | null>(null);
  const [kind, setKind] = useState('test_failover');
  const [dryRun, setDryRun] = useState(false);
  const [error, setError] = useState<Error>();
  const pairById = new Map((pairs.data?.items ?? []).map((p) => [p.id, p]));

  const start = async () => {
    setError(undefined);
    try {
      const drill = await postJson<Drill>('/api/v1/dr/drills', { pairId, kind, dryRun }, { 'Idempotency-Key': crypto.randomUUID() });
      navigate(`/dr/drills/${encodeURIComponent(drill.id)}`);
    } catch (e) {
      setError(e as Error);
    }
  };

  const measured = (drills.data?.items ?? []).filter((d) => d.rtoSeconds !== undefined && d.rtoSeconds !== null).slice(0, 8).reverse();
  const chart = measured.map((d) => ({
    drill: `${d.pairId} ${new Date(d.createdAt).toLocaleTimeString()}`,
    'RTO measured': d.rtoSeconds ?? 0, 'RTO target': pairById.get(d.pairId)?.rtoTargetSeconds ?? 0,
    'RPO measured': d.rpoSeconds ?? 0, 'RPO target': pairById.get(d.pairId)?.rpoTargetSeconds ?? 0,
  }));

  return (
    <Stack>
      <Title order={1}>Disaster recovery</Title>
      <Paper withBorder p="md">
        <Group><Title order={2} size="h3">Readiness</Title><RagBadge rag={readiness.data?.status} /></Group>
        <Failure error={readiness.error ?? pairs.error} />
        <Table aria-label="DR pairs and readiness" data-testid="dr-pairs">
          <Table.Thead><Table.Tr><Table.Th>Pair</Table.Th><Table.Th>Sites</Table.Th><Table.Th>Targets</Table.Th><Table.Th>Readiness</Table.Th><Table.Th>Reasons</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {readiness.data?.pairs.map((r) => {
              const p = pairById.get(r.pairId);
              return (
                <Table.Tr key={r.pairId}>
                  <Table.Td>{r.pairName}<Text size="xs">{r.pairId}</Text></Table.Td>
                  <Table.Td>{p ? `${p.primarySite} → ${p.recoverySite}` : '—'}</Table.Td>
                  <Table.Td>{p ? `RTO ${secs(p.rtoTargetSeconds)}, RPO ${secs(p.rpoTargetSeconds)}` : '—'}</Table.Td>
                  <Table.Td><RagBadge rag={r.status} /></Table.Td>
                  <Table.Td><List size="xs">{r.reasons.map((x) => <List.Item key={x.code}>{x.status}: {x.message}</List.Item>)}</List></Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Paper>
      {can('trigger:drill') && (
        <Paper withBorder p="md">
          <Title order={2} size="h3">Start a drill</Title>
          <Group align="end">
            <Select label="Pair" data={(pairs.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))} value={pairId} onChange={setPairId} w={360} />
            <Select label="Kind" data={['test_failover', 'planned_failover']} value={kind} onChange={(v) => setKind(v ?? 'test_failover')} />
            <Switch label="Dry run (pre-check only)" checked={dryRun} onChange={(e) => setDryRun(e.currentTarget.checked)} />
            <Button onClick={start} disabled={!pairId}>Start drill</Button>
          </Group>
          <Failure error={error} />
        </Paper>
      )}
      <Paper withBorder p="md">
        <Title order={2} size="h3">RTO and RPO against targets (seconds)</Title>
        {chart.length > 0
          ? <BarChart h={240} data={chart} dataKey="drill" withLegend
              series={[{ name: 'RTO measured', color: 'indigo.8' }, { name: 'RTO target', color: 'indigo.3' }, { name: 'RPO measured', color: 'teal.8' }, { name: 'RPO target', color: 'teal.3' }]} />
          : <Text size="sm">No drill has measured RTO and RPO yet.</Text>}
      </Paper>
      <Paper withBorder p="md">
        <Title order={2} size="h3">Drills</Title>
        <Table aria-label="Drills" data-testid="drills">
          <Table.Thead><Table.Tr><Table.Th>Drill</Table.Th><Table.Th>Pair</Table.Th><Table.Th>Kind</Table.Th><Table.Th>Status</Table.Th><Table.Th>Phase</Table.Th><Table.Th>RTO</Table.Th><Table.Th>RPO</Table.Th><Table.Th>Started</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {drills.data?.items.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td><Anchor component={Link} to={`/dr/drills/${encodeURIComponent(d.id)}`}>{d.id.slice(-12)}</Anchor></Table.Td>
                <Table.Td>{d.pairId}</Table.Td><Table.Td>{d.kind.replaceAll('_', ' ')}{d.dryRun ? ' (dry run)' : ''}</Table.Td>
                <Table.Td><StatusBadge status={d.status} /></Table.Td><Table.Td>{d.phase.replaceAll('_', ' ')}</Table.Td>
                <Table.Td>{secs(d.rtoSeconds)}</Table.Td><Table.Td>{secs(d.rpoSeconds)}</Table.Td><Table.Td>{when(d.createdAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    </Stack>
  );
}
