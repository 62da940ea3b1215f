import { useState } from 'react';
import { Alert, Button, Group, Modal, Paper, Stack, Switch, Table, Text, Textarea, Title } from '@mantine/core';
import { useParams } from 'react-router-dom';
import { getJson, postJson, seg } from '../api/client';
import { decideRollout } from '../api/actions';
import type { RolloutDetail } from '../api/types';
import { useAuth } from '../auth';
import { RolloutProgress } from '../components/RolloutProgress';
import { DecisionButtons, Failure, StatusBadge, when } from '../components/common';
import { useLoad } from '../hooks';

const live = (status: string) => ['planning', 'awaiting_approval', 'running', 'paused'].includes(status);

export default function RolloutPage() {
  const id = useParams().id!;
  const { me, can } = useAuth();
  const detail = useLoad(() => getJson<RolloutDetail>(`/api/v1/rollouts/${seg(id)}`), [id], 1500, (d) => live(d.rollout.status));
  const [error, setError] = useState<Error>();
  const [cancelling, setCancelling] = useState(false);
  const [rollback, setRollback] = useState(true);
  const [reason, setReason] = useState('');
  const d = detail.data;
  const r = d?.rollout;
  const control = async (action: 'pause' | 'resume' | 'cancel', body: object = {}) => {
    setError(undefined);
    try {
      await postJson(`/api/v1/rollouts/${seg(id)}/${action}`, body);
      setCancelling(false);
      detail.reload();
    } catch (e) {
      setError(e as Error);
    }
  };
  const pending = d?.approvals.find((a) => a.status === 'pending');
  const mayDecide = can('approve:tasks') && r && r.requestedBy !== me?.actor;
  const mayControl = can('execute:rollout');

  return (
    <Stack>
      <Title order={1}>Rollout {r?.target ?? id}</Title>
      <Failure error={detail.error ?? error} />
      {r && d && (
        <>
          <Group>
            <StatusBadge status={r.status} />
            <Text size="sm" data-testid="rollout-status" data-status={r.status}>{r.statusReason}</Text>
          </Group>
          <Text size="sm">{r.id} · requested by {r.requestedBy} at {when(r.createdAt)} · autonomy {r.autonomy.replaceAll('_', ' ')} · risk {r.riskLevel} ({r.riskScore?.toFixed(1)})</Text>
          {r.status === 'rolled_back' && <Alert color="red" title="Rolled back">The health gate stopped this rollout and every change was undone in reverse order ({r.progress.rolledBack} assets).</Alert>}
          <Group>
            {mayControl && r.status === 'running' && <Button variant="default" onClick={() => control('pause')}>Pause</Button>}
            {mayControl && r.status === 'paused' && <Button variant="default" onClick={() => control('resume')}>Resume</Button>}
            {mayControl && live(r.status) && <Button color="red.9" variant="outline" onClick={() => setCancelling(true)}>Cancel…</Button>}
          </Group>
          <Modal opened={cancelling} onClose={() => setCancelling(false)} title="Cancel the rollout">
            <Stack>
              <Switch label="Roll back what changed" checked={rollback} onChange={(e) => setRollback(e.currentTarget.checked)} />
              <Textarea label="Reason" value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
              <Button color="red.9" onClick={() => control('cancel', { rollback, reason })}>Cancel the rollout</Button>
            </Stack>
          </Modal>
          <Paper withBorder p="md">
            <Title order={2} size="h3">Approvals</Title>
            {d.approvals.length === 0 && <Text size="sm">No approval was needed.</Text>}
            {d.approvals.map((a) => (
              <Stack key={a.id} gap="xs">
                <Group><StatusBadge status={a.status} /><Text size="sm">{a.requiredApprovals} approver(s) needed in {a.environments.join(', ')}; expires {when(a.expiresAt)}</Text></Group>
                <Table aria-label="Decisions">
                  <Table.Tbody>
                    {a.decisions.map((x) => (
                      <Table.Tr key={x.actor + x.at}><Table.Td>{x.decision}</Table.Td><Table.Td>{x.actor}</Table.Td><Table.Td>{x.comment}</Table.Td><Table.Td>{x.channel}</Table.Td><Table.Td>{when(x.at)}</Table.Td></Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Stack>
            ))}
            {pending && mayDecide && (
              <DecisionButtons label={`rollout ${r.target}`} onDecide={async (x, c) => { await decideRollout(r.id, x, c); detail.reload(); }} />
            )}
            {pending && !mayDecide && <Text size="sm">{can('approve:tasks') ? 'You requested this rollout; someone else must approve it.' : 'Deciding needs approve:tasks.'}</Text>}
          </Paper>
          <Paper withBorder p="md">
            <Title order={2} size="h3">Waves and batches</Title>
            <RolloutProgress detail={d} />
          </Paper>
        </>
      )}
    </Stack>
  );
}
