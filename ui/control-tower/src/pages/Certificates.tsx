import { useState } from 'react';
import { Anchor, Badge, Button, Card, Group, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Link, useSearchParams } from 'react-router-dom';
import { getJson, query } from '../api/client';
import { buckets, type CertificateAlert, type CertificateSummary, type CertificateView } from '../api/certificates';
import type { Page } from '../api/types';
import { CertificateAlerts } from '../components/CertificateAlerts';
import { Failure, Loading, when } from '../components/common';
import { useLoad } from '../hooks';

const within = [
  { value: '', label: 'Any expiry' },
  { value: '0', label: 'Expired' },
  { value: '7', label: 'Within 7 days' },
  { value: '30', label: 'Within 30 days' },
  { value: '90', label: 'Within 90 days' },
];

export const bucketLabel = (bucket: string) =>
  ({ expired: 'expired', within7_days: '< 7 days', within30_days: '< 30 days', within90_days: '< 90 days', later: 'later' } as Record<string, string>)[bucket] ?? bucket;
const bucketColour = (bucket: string) => (bucket === 'expired' || bucket === 'within7_days' ? 'red' : bucket === 'within30_days' ? 'yellow' : bucket === 'within90_days' ? 'blue' : 'green');

export function BucketBadge({ bucket }: { bucket: string }) {
  return <Badge color={bucketColour(bucket)} variant="light" c="dark">{bucketLabel(bucket)}</Badge>;
}

/** The certificate inventory: how many expire when, the list (filtered by expiry and environment), and open alerts. */
export default function Certificates() {
  const [params, setParams] = useSearchParams();
  const expiring = params.get('expiringWithinDays') ?? '';
  const environment = params.get('environment') ?? '';
  const [cursor, setCursor] = useState<string>();
  const summary = useLoad(() => getJson<CertificateSummary>('/api/v1/certificates/summary'), [], 30000);
  const list = useLoad(() => getJson<Page<CertificateView>>(`/api/v1/certificates${query({ expiringWithinDays: expiring, environment, limit: 50, cursor })}`), [expiring, environment, cursor]);
  const alerts = useLoad(() => getJson<CertificateAlert[]>('/api/v1/certificates/alerts'), [], 30000);
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value); else next.delete(key);
    setCursor(undefined);
    setParams(next);
  };

  return (
    <Stack>
      <Title order={1}>Certificates</Title>
      <SimpleGrid cols={{ base: 2, md: 6 }} data-testid="certificate-summary">
        <Card withBorder><Text size="sm">All</Text><Text fz={28} fw={700} data-testid="bucket-total">{summary.data?.total ?? '—'}</Text></Card>
        {buckets.map((b) => (
          <Card withBorder key={b.key}>
            <Text size="sm">{b.label}</Text>
            <Text fz={28} fw={700} data-testid={`bucket-${b.key}`}>{summary.data ? summary.data[b.key] : '—'}</Text>
          </Card>
        ))}
      </SimpleGrid>
      <Failure error={summary.error} />
      <Paper withBorder p="md">
        <Group align="end">
          <Select label="Expiring" data={within} value={expiring} onChange={(v) => set('expiringWithinDays', v)} allowDeselect={false} w={200} />
          <Select label="Environment" data={[{ value: '', label: 'All environments' }, ...['prod', 'staging', 'dev', 'sandbox'].map((e) => ({ value: e, label: e }))]}
            value={environment} onChange={(v) => set('environment', v)} allowDeselect={false} w={200} />
          <Loading when={list.loading} />
        </Group>
        <Table aria-label="Certificates" mt="md" data-testid="certificates">
          <Table.Thead><Table.Tr><Table.Th>Certificate</Table.Th><Table.Th>Environment</Table.Th><Table.Th>Subject</Table.Th><Table.Th>Issuer</Table.Th><Table.Th>Expires</Table.Th><Table.Th>Days left</Table.Th><Table.Th>Bucket</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {list.data?.items.map(({ certificate: c, bucket, daysLeft }) => (
              <Table.Tr key={c.id} data-testid="certificate-row" data-id={c.id} data-bucket={bucket}>
                <Table.Td><Anchor component={Link} to={`/certificates/${encodeURIComponent(c.id)}`}>{c.id}</Anchor></Table.Td>
                <Table.Td>{c.environment}</Table.Td>
                <Table.Td>{c.subject}</Table.Td>
                <Table.Td>{c.issuer}</Table.Td>
                <Table.Td>{when(c.notAfter)}</Table.Td>
                <Table.Td data-testid="days-left">{daysLeft}</Table.Td>
                <Table.Td><BucketBadge bucket={bucket} /></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {list.data && list.data.items.length === 0 && <Text size="sm">No certificate matches.</Text>}
        {list.data?.nextCursor && <Button variant="default" mt="sm" onClick={() => setCursor(list.data!.nextCursor!)}>Next page</Button>}
        <Failure error={list.error} />
      </Paper>
      <Paper withBorder p="md">
        <Title order={2} size="h3">Open alerts</Title>
        {alerts.data && <CertificateAlerts alerts={alerts.data} onChange={alerts.reload} />}
        <Failure error={alerts.error} />
      </Paper>
    </Stack>
  );
}
