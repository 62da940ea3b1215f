import { useState } from 'react';
import { Anchor, Button, Group, Progress, Select, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router-dom';
import { getJson, query } from '../api/client';
import type { Page, RolloutSummary } from '../api/types';
import { useAuth } from '../auth';
import { Failure, StatusBadge, when } from '../components/common';
import { useLoad } from '../hooks';

const statuses = ['planning', 'awaiting_approval', 'running', 'paused', 'completed', 'rolled_back', 'cancelled', 'rejected', 'expired'];

export default function Rollouts() {
  const { can } = useAuth();
  const [status, setStatus] = useState<string | null>(null);
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1];
  const page = useLoad(() => getJson<Page<RolloutSummary>>(`/api/v1/rollouts${query({ status, limit: 25, cursor })}`), [status, cursor], 5000);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>Rollouts</Title>
        {can('execute:rollout') && <Button component={Link} to="/rollouts/new">Start a rollout</Button>}
      </Group>
      <Select label="Status" data={statuses} value={status} onChange={(v) => { setStatus(v); setCursors([]); }} clearable w={240} />
      <Failure error={page.error} />
      <Table aria-label="Rollouts" data-testid="rollouts">
        <Table.Thead><Table.Tr><Table.Th>Target</Table.Th><Table.Th>Status</Table.Th><Table.Th>Progress</Table.Th><Table.Th>Risk</Table.Th>
          <Table.Th>Requested by</Table.Th><Table.Th>Created</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {page.data?.items.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td><Anchor component={Link} to={`/rollouts/${encodeURIComponent(r.id)}`}>{r.target}</Anchor></Table.Td>
              <Table.Td><StatusBadge status={r.status} /></Table.Td>
              <Table.Td>
                <Progress value={r.progress.total ? (100 * (r.progress.done + r.progress.failed)) / r.progress.total : 0} w={120} aria-label={`Progress of ${r.target}`} />
                <Text size="xs">{r.progress.done}/{r.progress.total} done, {r.progress.failed} failed</Text>
              </Table.Td>
              <Table.Td>{r.riskLevel ?? '—'} {r.riskScore !== undefined ? `(${r.riskScore.toFixed(1)})` : ''}</Table.Td>
              <Table.Td>{r.requestedBy}</Table.Td>
              <Table.Td>{when(r.createdAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group>
        <Button variant="default" size="xs" disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>Previous page</Button>
        <Button variant="default" size="xs" disabled={!page.data?.nextCursor} onClick={() => setCursors([...cursors, page.data!.nextCursor!])}>Next page</Button>
      </Group>
    </Stack>
  );
}
