import { useState } from 'react';
import { Alert, Anchor, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router-dom';
import { getJson, postJson, seg } from '../api/client';
import { decideRotation, rotationDone, type CertificateRotation } from '../api/certificates';
import { useAuth } from '../auth';
import { DecisionButtons, Failure, StatusBadge, when } from '../components/common';
import { useLoad } from '../hooks';

/** A certificate rotation followed live: its plan and risk, the approval, every step, and the outcome. */
export default function CertificateRotationPage() {
  const id = useParams().id!;
  const { me, can } = useAuth();
  const rotation = useLoad(() => getJson<CertificateRotation>(`/api/v1/certificate-rotations/${seg(id)}`), [id], 1500, (r) => !rotationDone(r.status));
  const [error, setError] = useState<Error>();
  const r = rotation.data;
  const control = async (action: 'pause' | 'resume' | 'cancel') => {
    setError(undefined);
    try {
      await postJson(`/api/v1/certificate-rotations/${seg(id)}/${action}`, {});
      rotation.reload();
    } catch (e) {
      setError(e as Error);
    }
  };
  const mayControl = can('rotate:certificates');

  return (
    <Stack>
      <Title order={1}>Rotation of {r?.certificateId ?? id}</Title>
      <Failure error={rotation.error ?? error} />
      {r && (
        <>
          <Group>
            <StatusBadge status={r.status} />
            <Text size="sm" data-testid="rotation-status" data-status={r.status}>
              {r.id} · requested by {r.requestedBy} at {when(r.createdAt)}{r.reason ? ` · ${r.reason}` : ''}
            </Text>
          </Group>
          <Text size="sm"><Anchor component={Link} to={`/certificates/${encodeURIComponent(r.certificateId)}`}>The certificate</Anchor>
            {r.newThumbprint ? ` · new version ${r.newThumbprint.slice(0, 16)}…, valid to ${when(r.newNotAfter)}` : ''}</Text>
          {r.error && <Alert color="red" title="Failed">{r.error}</Alert>}
          <Group>
            {mayControl && !rotationDone(r.status) && r.status !== 'paused' && r.status !== 'awaiting_approval' && <Button variant="default" onClick={() => control('pause')}>Pause</Button>}
            {mayControl && r.status === 'paused' && <Button variant="default" onClick={() => control('resume')}>Resume</Button>}
            {mayControl && !rotationDone(r.status) && <Button color="red.9" variant="outline" onClick={() => control('cancel')}>Cancel (rolls back)</Button>}
          </Group>
          {r.plan && (
            <Paper withBorder p="md">
              <Title order={2} size="h3">Plan and risk</Title>
              <Text size="sm">Risk {r.plan.risk.level} ({r.plan.risk.score.toFixed(1)}) · {r.plan.autoApproved ? 'runs without approval' : `${r.plan.requiredApprovals} approver(s) needed`} · environments {r.plan.environments.join(', ')}</Text>
              <Text size="sm">New version: {r.plan.newVersion.subject}, {r.plan.newVersion.keyType} {r.plan.newVersion.keySize}, {r.plan.newVersion.validityDays} days</Text>
              <Table aria-label="Waves">
                <Table.Thead><Table.Tr><Table.Th>Wave</Table.Th><Table.Th>Updates</Table.Th></Table.Tr></Table.Thead>
                <Table.Tbody>
                  {r.plan.waves.map((w, i) => (
                    <Table.Tr key={i}><Table.Td>{i + 1}</Table.Td><Table.Td>{w.map((u) => `${u.kind} ${u.target} (${u.environment})`).join(', ')}</Table.Td></Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
          )}
          <Paper withBorder p="md">
            <Title order={2} size="h3">Approval</Title>
            {r.status === 'awaiting_approval'
              ? (can('approve:tasks') && r.requestedBy !== me?.actor
                ? <DecisionButtons label={`rotation of ${r.certificateId}`} onDecide={async (x, c) => { await decideRotation(r.id, x, c); rotation.reload(); }} />
                : <Text size="sm">{can('approve:tasks') ? 'You requested this rotation; someone else must approve it.' : 'Deciding needs approve:tasks.'}</Text>)
              : <Text size="sm">{r.plan?.autoApproved ? 'No approval was needed.' : r.status === 'planning' ? 'Planning.' : 'Decided.'}</Text>}
          </Paper>
          <Paper withBorder p="md">
            <Title order={2} size="h3">Steps</Title>
            <Table aria-label="Rotation steps" data-testid="rotation-steps">
              <Table.Thead><Table.Tr><Table.Th>When</Table.Th><Table.Th>Action</Table.Th><Table.Th>Target</Table.Th><Table.Th>Outcome</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {r.steps.map((s, i) => (
                  <Table.Tr key={i} data-testid="rotation-step" data-ok={s.succeeded}>
                    <Table.Td>{when(s.at)}</Table.Td><Table.Td>{s.action}</Table.Td><Table.Td>{s.target}</Table.Td>
                    <Table.Td>{s.succeeded ? 'ok' : 'failed'}{s.detail ? ` — ${s.detail}` : ''}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {r.steps.length === 0 && <Text size="sm">No steps yet.</Text>}
          </Paper>
        </>
      )}
    </Stack>
  );
}
