import { useState } from 'react';
import { Alert, Button, Group, Paper, Stack, Stepper, Table, Text, Title } from '@mantine/core';
import { BarChart } from '@mantine/charts';
import { useParams } from 'react-router-dom';
import { download, getJson, postJson, seg } from '../api/client';
import { decideDrill } from '../api/actions';
import type { DrPair, Drill, DrillReport } from '../api/types';
import { useAuth } from '../auth';
import { DecisionButtons, Failure, StatusBadge, secs, when } from '../components/common';
import { useLoad } from '../hooks';

const phases = ['pre_check', 'approval', 'replication_sync', 'failover', 'validation', 'failback', 'post_check', 'report'];

export default function DrillPage() {
  const id = useParams().id!;
  const { me, can } = useAuth();
  const drill = useLoad(() => getJson<Drill>(`/api/v1/dr/drills/${seg(id)}`), [id], 1500, (d) => !d.finishedAt);
  const d = drill.data;
  const finished = Boolean(d?.finishedAt);
  const report = useLoad(async () => (finished ? getJson<DrillReport>(`/api/v1/dr/drills/${seg(id)}/report`) : undefined), [id, finished]);
  const pair = useLoad(async () => (d ? getJson<DrPair>(`/api/v1/dr/pairs/${seg(d.pairId)}`) : undefined), [d?.pairId]);
  const [error, setError] = useState<Error>();
  const control = async (action: 'pause' | 'resume' | 'cancel') => {
    setError(undefined);
    try { await postJson(`/api/v1/dr/drills/${seg(id)}/${action}`, {}); drill.reload(); } catch (e) { setError(e as Error); }
  };
  const active = d ? (finished ? phases.length : Math.max(0, phases.indexOf(d.phase))) : 0;
  const rep = report.data;
  const rto = rep?.rto.measuredSeconds ?? d?.rtoSeconds;
  const rpo = rep?.rpo.measuredSeconds ?? d?.rpoSeconds;
  const rtoTarget = rep?.rto.targetSeconds ?? pair.data?.rtoTargetSeconds;
  const rpoTarget = rep?.rpo.targetSeconds ?? pair.data?.rpoTargetSeconds;

  return (
    <Stack>
      <Title order={1}>Drill of {d?.pairId ?? id}</Title>
      <Failure error={drill.error ?? error} />
      {d && (
        <>
          <Group><StatusBadge status={d.status} /><Text size="sm" data-testid="drill-status" data-status={d.status}>phase {d.phase.replaceAll('_', ' ')} · {secs(d.elapsedSeconds)} elapsed · requested by {d.requestedBy}</Text></Group>
          <Stepper active={active} size="xs" aria-label="Drill phases" allowNextStepsSelect={false}>
            {phases.map((p) => <Stepper.Step key={p} label={p.replaceAll('_', ' ')} />)}
          </Stepper>
          <Group>
            {d.status === 'awaiting_approval' && can('approve:tasks') && d.requestedBy !== me?.actor && (
              <DecisionButtons label={`drill of ${d.pairId}`} onDecide={async (x, c) => { await decideDrill(d.id, x, c); drill.reload(); }} />
            )}
            {can('trigger:drill') && d.status === 'running' && <Button variant="default" onClick={() => control('pause')}>Pause</Button>}
            {can('trigger:drill') && d.status === 'paused' && <Button variant="default" onClick={() => control('resume')}>Resume</Button>}
            {can('trigger:drill') && !finished && <Button color="red.9" variant="outline" onClick={() => control('cancel')}>Cancel</Button>}
          </Group>
          {d.summary && <Alert color={d.status === 'passed' ? 'green' : 'red'} title={`Drill ${d.status}`} data-testid="drill-summary">{d.summary}</Alert>}
          <Paper withBorder p="md">
            <Title order={2} size="h3">RTO and RPO against targets</Title>
            <Text data-testid="rto-rpo">RTO {secs(rto)} (target {secs(rtoTarget)}) · RPO {secs(rpo)} (target {secs(rpoTarget)})</Text>
            {rto !== undefined && rto !== null && (
              <BarChart h={180} data={[{ measure: 'RTO', measured: rto, target: rtoTarget ?? 0 }, { measure: 'RPO', measured: rpo ?? 0, target: rpoTarget ?? 0 }]}
                dataKey="measure" unit=" s" withLegend series={[{ name: 'measured', color: 'indigo.8' }, { name: 'target', color: 'gray.5' }]} />
            )}
          </Paper>
        </>
      )}
      {rep && (
        <Paper withBorder p="md" data-testid="drill-report">
          <Group justify="space-between">
            <Title order={2} size="h3">Report</Title>
            {can('export:reports') && <Button variant="default" size="xs" onClick={() => download(`/api/v1/dr/drills/${seg(id)}/report?format=markdown`, `${id}.md`).catch(setError)}>Download (Markdown)</Button>}
          </Group>
          <Text size="sm">Workloads: {rep.workloads.join(', ')}</Text>
          <Table aria-label="Drill phases">
            <Table.Thead><Table.Tr><Table.Th>Phase</Table.Th><Table.Th>Outcome</Table.Th><Table.Th>Started</Table.Th><Table.Th>Finished</Table.Th><Table.Th>Detail</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {rep.phases.map((p) => (
                <Table.Tr key={p.phase + p.startedAt}><Table.Td>{p.phase.replaceAll('_', ' ')}</Table.Td><Table.Td><StatusBadge status={p.outcome} /></Table.Td>
                  <Table.Td>{when(p.startedAt)}</Table.Td><Table.Td>{when(p.finishedAt)}</Table.Td><Table.Td><Text size="xs">{p.detail}</Text></Table.Td></Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}
