import { useState } from 'react';
import { Alert, Button, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { download, getJson, query } from '../api/client';
import type { AuditEntry, AuditVerification, Page } from '../api/types';
import { useAuth } from '../auth';
import { Failure, when } from '../components/common';
import { useLoad } from '../hooks';

export default function Audit() {
  const { can } = useAuth();
  const [form, setForm] = useState({ actor: '', action: '', target: '', outcome: '', from: '', to: '' });
  const [filters, setFilters] = useState(form);
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1];
  const page = useLoad(() => getJson<Page<AuditEntry>>(`/api/v1/audit${query({ ...filters, limit: 50, cursor })}`), [JSON.stringify(filters), cursor]);
  const [verification, setVerification] = useState<AuditVerification>();
  const [error, setError] = useState<Error>();
  if (!can('read:audit')) return <Alert color="yellow" title="Audit">Reading the audit log needs read:audit.</Alert>;
  const field = (name: keyof typeof form) => ({ value: form[name], onChange: (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [name]: e.currentTarget.value }) });
  const verify = async () => {
    setError(undefined);
    try { setVerification(await getJson<AuditVerification>('/api/v1/audit/verify')); } catch (e) { setError(e as Error); }
  };
  return (
    <Stack>
      <Title order={1}>Audit log</Title>
      <Group align="end">
        <TextInput label="Actor" placeholder="key:… or user:…" {...field('actor')} />
        <TextInput label="Action" placeholder="StartRollout" {...field('action')} />
        <TextInput label="Target" {...field('target')} />
        <Select label="Outcome" data={['success', 'denied', 'failed']} value={form.outcome || null} onChange={(v) => setForm({ ...form, outcome: v ?? '' })} clearable />
        <TextInput label="From (ISO 8601)" {...field('from')} />
        <TextInput label="To (ISO 8601)" {...field('to')} />
        <Button onClick={() => { setFilters(form); setCursors([]); }}>Search</Button>
      </Group>
      <Group>
        <Button variant="default" onClick={verify}>Verify the chain</Button>
        <Button variant="default" onClick={() => download(`/api/v1/audit/export${query(filters)}`, 'audit.jsonl').catch(setError)}>Export (JSON Lines)</Button>
      </Group>
      {verification && (
        <Alert color={verification.verified ? 'green' : 'red'} title={verification.verified ? 'The chain is intact' : 'The chain is broken'} data-testid="audit-verification">
          {verification.checked} entries checked{verification.head ? `; head #${verification.head.sequence} ${verification.head.hash.slice(0, 16)}…` : ''}
          {verification.broken ? <pre>{JSON.stringify(verification.broken, null, 2)}</pre> : null}
        </Alert>
      )}
      <Failure error={page.error ?? error} />
      <Table aria-label="Audit entries" striped>
        <Table.Thead><Table.Tr><Table.Th>#</Table.Th><Table.Th>Time</Table.Th><Table.Th>Actor</Table.Th><Table.Th>Action</Table.Th><Table.Th>Target</Table.Th><Table.Th>Outcome</Table.Th><Table.Th>Details</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {page.data?.items.map((e) => (
            <Table.Tr key={e.sequence}>
              <Table.Td>{e.sequence}</Table.Td><Table.Td>{when(e.time)}</Table.Td><Table.Td>{e.actor}</Table.Td><Table.Td>{e.action}</Table.Td>
              <Table.Td><Text size="xs">{e.target}</Text></Table.Td><Table.Td>{e.outcome}</Table.Td>
              <Table.Td><Text size="xs">{Object.entries(e.details ?? {}).map(([k, v]) => `${k}=${v}`).join(', ')}</Text></Table.Td>
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
