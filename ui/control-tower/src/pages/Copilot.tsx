import { useState, type FormEvent } from 'react';
import { Anchor, Button, Paper, Select, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { Link, useNavigate } from 'react-router-dom';
import { getJson } from '../api/client';
import { askCopilot, type AiTaskSummary } from '../api/copilot';
import type { Page } from '../api/types';
import { useAuth } from '../auth';
import { Failure, StatusBadge, when } from '../components/common';
import { useLoad } from '../hooks';

const autonomies = [
  { value: '', label: 'The organisation’s default' },
  { value: 'plan_only', label: 'Plan only (propose nothing)' },
  { value: 'approve_all', label: 'Approve every proposal' },
  { value: 'canary_only', label: 'Approve every proposal, canary required' },
  { value: 'risk_based', label: 'Outside production without the task’s approval' },
];

/** Ask in plain words; the answer is a plan to read and approve, and the tasks asked before. */
export default function Copilot() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const [prompt, setPrompt] = useState('');
  const [autonomy, setAutonomy] = useState<string | null>('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const tasks = useLoad(() => getJson<Page<AiTaskSummary>>('/api/v1/ai/tasks?limit=25'), [], 10000);
  const mayAsk = can('execute:ai-tasks');

  const ask = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const task = await askCopilot(prompt.trim(), autonomy ?? undefined);
      navigate(`/copilot/${encodeURIComponent(task.id)}`);
    } catch (err) {
      setError(err as Error);
      setBusy(false);
    }
  };

  return (
    <Stack>
      <Title order={1}>Copilot</Title>
      <Paper withBorder p="md" component="form" onSubmit={ask}>
        <Stack>
          <Textarea label="Prompt" description="What you want, in plain words: a question about the fleet, or a change (a rollout, a drill). Changes are only proposed; they wait for approval."
            placeholder="patch the staging web servers to ubuntu-2204-base, canary first" autosize minRows={2} maxLength={2000}
            value={prompt} onChange={(e) => setPrompt(e.currentTarget.value)} required disabled={!mayAsk} />
          <Select label="Autonomy" data={autonomies} value={autonomy} onChange={setAutonomy} allowDeselect={false} disabled={!mayAsk} w={360} />
          <Failure error={error} />
          {mayAsk
            ? <Button type="submit" loading={busy} disabled={!prompt.trim()} w="fit-content">Ask the copilot</Button>
            : <Text size="sm">Asking the copilot needs execute:ai-tasks.</Text>}
        </Stack>
      </Paper>
      <Paper withBorder p="md">
        <Title order={2} size="h3">Recent tasks</Title>
        <Table aria-label="Copilot tasks">
          <Table.Thead><Table.Tr><Table.Th>Prompt</Table.Th><Table.Th>Status</Table.Th><Table.Th>Intent</Table.Th><Table.Th>Risk</Table.Th><Table.Th>Asked by</Table.Th><Table.Th>When</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {tasks.data?.items.map((t) => (
              <Table.Tr key={t.id} data-testid="copilot-task" data-id={t.id}>
                <Table.Td><Anchor component={Link} to={`/copilot/${encodeURIComponent(t.id)}`}>{t.prompt}</Anchor></Table.Td>
                <Table.Td><StatusBadge status={t.status} /></Table.Td>
                <Table.Td>{t.intent.replaceAll('_', ' ')}</Table.Td>
                <Table.Td>{t.risk.replaceAll('_', ' ')}</Table.Td>
                <Table.Td>{t.requestedBy}</Table.Td>
                <Table.Td>{when(t.createdAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {tasks.data && tasks.data.items.length === 0 && <Text size="sm">Nobody has asked yet.</Text>}
        <Failure error={tasks.error} />
      </Paper>
    </Stack>
  );
}
