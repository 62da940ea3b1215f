import { useState } from 'react';
import { Anchor, Button, Code, Group, Modal, NumberInput, Paper, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { getJson, seg } from '../api/client';
import { startRotation, type CertificateDetail, type CertificateRotation, type CertificateUsageView } from '../api/certificates';
import { useAuth } from '../auth';
import { CertificateAlerts } from '../components/CertificateAlerts';
import { Failure, StatusBadge, when } from '../components/common';
import { useLoad } from '../hooks';
import { BucketBadge } from './Certificates';

/** A certificate: its record, what uses it (blast radius), its alerts, and its rotations; start one from here. */
export default function CertificatePage() {
  const id = useParams().id!;
  const { can } = useAuth();
  const navigate = useNavigate();
  const detail = useLoad(() => getJson<CertificateDetail>(`/api/v1/certificates/${seg(id)}`), [id]);
  const usage = useLoad(() => getJson<CertificateUsageView>(`/api/v1/certificates/${seg(id)}/usage`), [id]);
  const rotations = useLoad(() => getJson<CertificateRotation[]>(`/api/v1/certificates/${seg(id)}/rotations`), [id]);
  const [rotating, setRotating] = useState(false);
  const [reason, setReason] = useState('');
  const [validity, setValidity] = useState<number | string>('');
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const d = detail.data;
  const c = d?.certificate;

  const rotate = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const rotation = await startRotation(id, reason.trim(), typeof validity === 'number' ? validity : undefined);
      navigate(`/certificate-rotations/${encodeURIComponent(rotation.id)}`);
    } catch (e) {
      setError(e as Error);
      setBusy(false);
    }
  };

  return (
    <Stack>
      <Title order={1}>Certificate {c?.name ?? id}</Title>
      <Failure error={detail.error} />
      {c && d && (
        <>
          <Group>
            <BucketBadge bucket={d.bucket} />
            <Text size="sm" data-testid="certificate-expiry">{d.daysLeft < 0 ? `expired ${-d.daysLeft} days ago` : `${d.daysLeft} days left`} · expires {when(c.notAfter)}</Text>
            {can('rotate:certificates') && <Button onClick={() => setRotating(true)}>Rotate…</Button>}
          </Group>
          <Paper withBorder p="md">
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xs">
              <Text size="sm">Subject: {c.subject}</Text>
              <Text size="sm">Issuer: {c.issuer}</Text>
              <Text size="sm">Names: {c.subjectAlternativeNames.join(', ') || '—'}</Text>
              <Text size="sm">Environment: {c.environment} · store {c.store} ({c.storeKind})</Text>
              <Text size="sm">Valid {when(c.notBefore)} to {when(c.notAfter)}</Text>
              <Text size="sm">Key {c.keyType} {c.keySize} · {c.signatureAlgorithm}{c.protocol ? ` · served over ${c.protocol}` : ''}</Text>
              <Text size="sm">Chain: {c.chainValid === null || c.chainValid === undefined ? 'not checked' : c.chainValid ? 'valid' : 'invalid'}</Text>
              <Text size="sm">Thumbprint <Code>{c.thumbprint}</Code></Text>
            </SimpleGrid>
          </Paper>
          <Paper withBorder p="md">
            <Title order={2} size="h3">Usage and blast radius</Title>
            {usage.data && (
              <>
                <Text size="sm" data-testid="blast-radius">
                  {usage.data.total} usages · by environment: {Object.entries(usage.data.byEnvironment).map(([e, n]) => `${e} ${n}`).join(', ') || '—'} · by kind: {Object.entries(usage.data.byKind).map(([k, n]) => `${k} ${n}`).join(', ') || '—'}
                </Text>
                <Table aria-label="Usages">
                  <Table.Thead><Table.Tr><Table.Th>Kind</Table.Th><Table.Th>Target</Table.Th><Table.Th>Environment</Table.Th><Table.Th>Found by</Table.Th><Table.Th>Rotation updates it</Table.Th></Table.Tr></Table.Thead>
                  <Table.Tbody>
                    {usage.data.usages.map((u) => (
                      <Table.Tr key={`${u.kind}:${u.target}:${u.via}`} data-testid="certificate-usage">
                        <Table.Td>{u.kind}</Table.Td>
                        <Table.Td>{u.kind === 'asset' ? <Anchor component={Link} to={`/assets/${encodeURIComponent(u.target)}`}>{u.target}</Anchor> : u.target}</Table.Td>
                        <Table.Td>{u.environment}</Table.Td>
                        <Table.Td>{u.via}</Table.Td>
                        <Table.Td>{u.deployable ? 'yes' : 'no (follows its endpoint)'}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </>
            )}
            <Failure error={usage.error} />
          </Paper>
          <Paper withBorder p="md">
            <Title order={2} size="h3">Alerts</Title>
            <CertificateAlerts alerts={d.alerts} onChange={detail.reload} showCertificate={false} />
          </Paper>
          <Paper withBorder p="md">
            <Title order={2} size="h3">Rotations</Title>
            <Table aria-label="Rotations">
              <Table.Thead><Table.Tr><Table.Th>Rotation</Table.Th><Table.Th>Status</Table.Th><Table.Th>Requested by</Table.Th><Table.Th>When</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {rotations.data?.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td><Anchor component={Link} to={`/certificate-rotations/${encodeURIComponent(r.id)}`}>{r.id}</Anchor></Table.Td>
                    <Table.Td><StatusBadge status={r.status} /></Table.Td>
                    <Table.Td>{r.requestedBy}</Table.Td>
                    <Table.Td>{when(r.createdAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {rotations.data && rotations.data.length === 0 && <Text size="sm">Never rotated here.</Text>}
            <Failure error={rotations.error} />
          </Paper>
          <Modal opened={rotating} onClose={() => setRotating(false)} title={`Rotate ${c.name}`}>
            <Stack>
              <Text size="sm">A new version with the same subject, names and key type is issued, deployed wave by wave to what uses it, and each endpoint is checked by a TLS handshake; any failure rolls every step back. It waits for approval first.</Text>
              <NumberInput label="Validity of the new version (days)" description="Empty: the default." min={1} max={3650} value={validity} onChange={setValidity} />
              <Textarea label="Reason" value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
              <Failure error={error} />
              <Button onClick={rotate} loading={busy}>Start the rotation</Button>
            </Stack>
          </Modal>
        </>
      )}
    </Stack>
  );
}
