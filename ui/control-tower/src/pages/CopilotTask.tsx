import { Alert, Anchor, Code, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router-dom';
import { getJson, seg } from '../api/client';
import { decideTask, taskFinished, type AiProposal, type AiTask } from '../api/copilot';
import type { Drill, RolloutDetail } from '../api/types';
import { useAuth } from '../auth';
import { DecisionButtons, Failure, StatusBadge, when } from '../components/common';
import { useLoad } from '../hooks';

/** A copilot task: the plan and its tool calls, why it passed or failed validation, the decision, and what it proposed, live. */
export default function CopilotTask() {
  const id = useParams().id!;
  const { can } = useAuth();
  const task = useLoad(() => getJson<AiTask>(`/api/v1/ai/tasks/${seg(id)}`), [id], 2000, (t) => !taskFinished(t.status));
  const t = task.data;
  const mayDecide = can('approve:ai-tasks');

  return (
    <Stack>
      <Title order={1}>Copilot task</Title>
      <Failure error={task.error} />
      {t && (
        <>
          <Paper withBorder p="md">
            <Text fw={600} data-testid="task-prompt">“{t.prompt}”</Text>
            <Group mt="xs">
              <StatusBadge status={t.status} />
              <Text size="sm" data-testid="task-status" data-status={t.status}>
                {t.plan.intent.replaceAll('_', ' ')} · agent {t.plan.agent} · risk {t.plan.risk.replaceAll('_', ' ')} · autonomy {t.autonomy.replaceAll('_', ' ')}
              </Text>
            </Group>
            <Text size="sm" mt="xs">Asked by {t.requestedBy} at {when(t.createdAt)} · planned by {t.planner}{t.usage.calls > 0 ? ` · ${t.usage.inputTokens + t.usage.outputTokens} tokens` : ''}</Text>
            <Text mt="xs" data-testid="task-explanation">{t.plan.explanation}</Text>
            {t.plan.refusal && <Alert color="red" title="Refused" mt="xs">{t.plan.refusal}</Alert>}
            {t.plan.questions.length > 0 && (
              <Alert color="yellow" title="The copilot asks back" mt="xs">
                <List size="sm">{t.plan.questions.map((q) => <List.Item key={q}>{q}</List.Item>)}</List>
              </Alert>
            )}
            {t.summary && <Alert color="blue" title="Summary" mt="xs" data-testid="task-summary">{t.summary}</Alert>}
          </Paper>

          <Paper withBorder p="md">
            <Title order={2} size="h3">Plan: tool calls</Title>
            <Table aria-label="Tool calls" data-testid="tool-calls">
              <Table.Thead><Table.Tr><Table.Th>#</Table.Th><Table.Th>Tool</Table.Th><Table.Th>Arguments</Table.Th><Table.Th>Result</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {t.plan.toolCalls.map((c, i) => {
                  const result = t.results.find((r) => r.index === i);
                  return (
                    <Table.Tr key={i} data-testid="tool-call" data-tool={c.tool}>
                      <Table.Td>{i + 1}</Table.Td>
                      <Table.Td><Code>{c.tool}</Code></Table.Td>
                      <Table.Td><Code block>{JSON.stringify(c.arguments, null, 1)}</Code></Table.Td>
                      <Table.Td>{result ? (result.error ? <Text size="sm" c="red.9">{result.error}</Text> : <Text size="sm">{result.summary}</Text>)
                        : <Text size="sm">{t.proposals.some((p) => p.index === i) ? 'proposed (below)' : 'runs once approved'}</Text>}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
            {t.plan.toolCalls.length === 0 && <Text size="sm">No tool calls.</Text>}
          </Paper>

          <Paper withBorder p="md" data-testid="validation" data-passed={t.validation.problems.length === 0}>
            <Title order={2} size="h3">Validation</Title>
            {t.validation.problems.length === 0
              ? <Text size="sm">Passed: every call’s arguments fit its tool, you may run each tool in every environment it touches, the rollout policies allow it, and the scope is your organisation’s.</Text>
              : (
                <List size="sm">
                  {t.validation.problems.map((p, i) => (
                    <List.Item key={i} data-testid="validation-problem">
                      <b>{p.check}</b>{p.toolIndex !== null && p.toolIndex !== undefined ? ` (call ${p.toolIndex + 1})` : ''}: {p.message}{p.permission ? ` — needs ${p.permission}` : ''}
                    </List.Item>
                  ))}
                </List>
              )}
          </Paper>

          <Paper withBorder p="md">
            <Title order={2} size="h3">Decision</Title>
            {t.decision && (
              <Text size="sm" data-testid="task-decision">{t.decision.approved ? 'Approved' : 'Rejected'} by {t.decision.actor} at {when(t.decision.at)}: {t.decision.comment}</Text>
            )}
            {t.status === 'awaiting_approval' && (mayDecide
              ? <DecisionButtons label="the copilot's plan" onDecide={async (d, c) => { await decideTask(t.id, d, c); task.reload(); }} />
              : <Text size="sm">Deciding needs approve:ai-tasks in {t.environments.join(', ') || 'the environments it changes'}.</Text>)}
            {t.status === 'awaiting_approval' && t.approvalDeadline && <Text size="xs" mt="xs">Expires {when(t.approvalDeadline)}; approving starts the proposals below, each then waiting for its own approval.</Text>}
            {!t.decision && t.status !== 'awaiting_approval' && <Text size="sm">No decision was needed.</Text>}
          </Paper>

          <Paper withBorder p="md">
            <Title order={2} size="h3">Proposed rollouts and drills</Title>
            <Table aria-label="Proposals" data-testid="proposals">
              <Table.Thead><Table.Tr><Table.Th>Kind</Table.Th><Table.Th>Workflow</Table.Th><Table.Th>Status</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>{t.proposals.map((p) => <ProposalRow key={p.index} proposal={p} />)}</Table.Tbody>
            </Table>
            {t.proposals.length === 0 && <Text size="sm">{t.plan.risk.startsWith('state_change') ? 'Nothing proposed yet: proposals are made once the plan is approved.' : 'This plan changes nothing.'}</Text>}
          </Paper>
        </>
      )}
    </Stack>
  );
}

const rolloutDone = (status: string) => ['completed', 'failed', 'rolled_back', 'rejected', 'cancelled', 'expired'].includes(status);

/** A proposed workflow with its status read live from the workflow itself. */
function ProposalRow({ proposal }: { proposal: AiProposal }) {
  const rollout = proposal.kind === 'rollout';
  const path = rollout ? `/rollouts/${encodeURIComponent(proposal.id)}` : `/dr/drills/${encodeURIComponent(proposal.id)}`;
  const live = useLoad(async () => {
    if (!proposal.id) return { status: proposal.status, done: true };
    if (rollout) {
      const status = (await getJson<RolloutDetail>(`/api/v1/rollouts/${seg(proposal.id)}`)).rollout.status;
      return { status, done: rolloutDone(status) };
    }
    const drill = await getJson<Drill>(`/api/v1/dr/drills/${seg(proposal.id)}`);
    return { status: drill.status, done: !!drill.finishedAt };
  }, [proposal.id], 2000, (s) => !s.done);
  const status = live.data?.status ?? proposal.status;
  return (
    <Table.Tr data-testid="proposal" data-kind={proposal.kind} data-id={proposal.id} data-status={status}>
      <Table.Td>{proposal.kind}</Table.Td>
      <Table.Td>{proposal.id ? <Anchor component={Link} to={path}>{rollout ? 'Rollout' : 'Drill'} {proposal.id}</Anchor> : '—'}</Table.Td>
      <Table.Td><StatusBadge status={status} /></Table.Td>
    </Table.Tr>
  );
}
