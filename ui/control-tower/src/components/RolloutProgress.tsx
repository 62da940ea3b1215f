import { Group, Paper, Progress, Stack, Table, Text, Title } from '@mantine/core';
import type { AssetResult, RolloutDetail } from '../api/types';
import { StatusBadge } from './common';

const finished = (r: AssetResult) => r.status !== 'pending' && r.status !== 'running';

/** A rollout's stages and batches filling in as the per-asset results arrive, and the per-asset table. */
export function RolloutProgress({ detail }: { detail: RolloutDetail }) {
  const byAsset = new Map(detail.assets.map((a) => [a.assetId, a]));
  const p = detail.rollout.progress;
  const overall = p.total ? Math.round((100 * (p.done + p.failed)) / p.total) : 0;
  return (
    <Stack data-testid="rollout-progress">
      <Group>
        <Text fw={700}>Overall</Text>
        <Progress value={overall} w={300} size="lg" aria-label={`Overall progress ${overall}%`} />
        <Text data-testid="progress-counts">{p.done}/{p.total} done, {p.failed} failed{p.rolledBack ? `, ${p.rolledBack} rolled back` : ''}</Text>
      </Group>
      {detail.plan.map((stage) => {
        const results = stage.batches.flat().map((id) => byAsset.get(id));
        const doneCount = results.filter((r) => r && finished(r)).length;
        const failedCount = results.filter((r) => r?.status === 'failed' || r?.status === 'rolled_back').length;
        const value = stage.assetCount ? Math.round((100 * doneCount) / stage.assetCount) : 0;
        return (
          <Paper key={stage.number} withBorder p="sm" data-testid="stage">
            <Group justify="space-between">
              <Text fw={600}>{stage.name}</Text>
              <Text size="sm" data-testid="stage-counts">{doneCount}/{stage.assetCount}{failedCount ? `, ${failedCount} failed` : ''}</Text>
            </Group>
            <Progress value={value} color={failedCount ? 'red.8' : 'green.8'} aria-label={`${stage.name} ${value}%`} />
            <Group gap="xs" mt="xs">
              {stage.batches.map((batch, i) => {
                const states = batch.map((id) => byAsset.get(id)?.status ?? 'pending');
                const state = states.some((s) => s === 'failed' || s === 'rolled_back') ? 'failed'
                  : states.every((s) => s === 'succeeded' || s === 'skipped') ? 'succeeded'
                  : states.some((s) => s !== 'pending') ? 'running' : 'pending';
                return <Text key={i} size="xs" data-testid="batch" data-state={state}>batch {i + 1}: <StatusBadge status={state} /></Text>;
              })}
            </Group>
          </Paper>
        );
      })}
      <Title order={3} size="h4">Assets</Title>
      <Table aria-label="Per-asset results" data-testid="asset-results">
        <Table.Thead>
          <Table.Tr><Table.Th>Asset</Table.Th><Table.Th>Stage</Table.Th><Table.Th>Batch</Table.Th><Table.Th>From</Table.Th><Table.Th>To</Table.Th>
            <Table.Th>Status</Table.Th><Table.Th>Changed</Table.Th><Table.Th>Health</Table.Th><Table.Th>Duration</Table.Th></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {detail.assets.map((a) => (
            <Table.Tr key={a.assetId} data-testid="asset-result" data-status={a.status}>
              <Table.Td>{a.assetId}</Table.Td>
              <Table.Td>{detail.plan.find((s) => s.number === a.stage)?.name ?? a.stage}</Table.Td>
              <Table.Td>{a.batch}</Table.Td>
              <Table.Td>{a.fromVersion ?? '—'}</Table.Td>
              <Table.Td>{a.toVersion ?? '—'}</Table.Td>
              <Table.Td><StatusBadge status={a.status} />{a.error ? <Text size="xs" c="red.9">{a.error}</Text> : null}</Table.Td>
              <Table.Td>{a.changed ? 'yes' : 'no'}</Table.Td>
              <Table.Td>{a.health ?? '—'}</Table.Td>
              <Table.Td>{a.durationMs !== undefined ? `${a.durationMs} ms` : '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
