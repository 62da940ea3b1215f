import { useState } from 'react';
import { Anchor, Button, Modal, Stack, Table, Text, Textarea } from '@mantine/core';
import { Link } from 'react-router-dom';
import { acknowledgeAlert, type CertificateAlert } from '../api/certificates';
import { useAuth } from '../auth';
import { Failure, when } from './common';

/** Expiry alerts, each acknowledged once (with `acknowledge:alerts`; the API still decides). */
export function CertificateAlerts({ alerts, onChange, showCertificate = true }: { alerts: CertificateAlert[]; onChange: () => void; showCertificate?: boolean }) {
  const { can } = useAuth();
  const [acking, setAcking] = useState<CertificateAlert | null>(null);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!acking) return;
    setBusy(true);
    setError(undefined);
    try {
      await acknowledgeAlert(acking.id, comment);
      setAcking(null);
      setComment('');
      onChange();
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  const threshold = (days: number) => (days === 0 ? 'expired' : `${days} days before expiry`);
  return (
    <>
      <Table aria-label="Certificate alerts" data-testid="certificate-alerts">
        <Table.Thead><Table.Tr>{showCertificate && <Table.Th>Certificate</Table.Th>}<Table.Th>Threshold</Table.Th><Table.Th>Expires</Table.Th><Table.Th>Raised</Table.Th><Table.Th>Acknowledged</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {alerts.map((a) => (
            <Table.Tr key={a.id} data-testid="certificate-alert" data-id={a.id}>
              {showCertificate && <Table.Td><Anchor component={Link} to={`/certificates/${encodeURIComponent(a.certificateId)}`}>{a.certificateId}</Anchor></Table.Td>}
              <Table.Td>{threshold(a.thresholdDays)}</Table.Td>
              <Table.Td>{when(a.notAfter)}</Table.Td>
              <Table.Td>{when(a.raisedAt)}</Table.Td>
              <Table.Td>{a.acknowledgedAt
                ? <Text size="sm">by {a.acknowledgedBy} at {when(a.acknowledgedAt)}{a.comment ? `: ${a.comment}` : ''}</Text>
                : can('acknowledge:alerts')
                  ? <Button size="xs" variant="default" onClick={() => setAcking(a)} aria-label={`Acknowledge the alert on ${a.certificateId} (${threshold(a.thresholdDays)})`}>Acknowledge</Button>
                  : <Text size="sm">open (acknowledging needs acknowledge:alerts)</Text>}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {alerts.length === 0 && <Text size="sm">No alerts.</Text>}
      <Modal opened={acking !== null} onClose={() => setAcking(null)} title="Acknowledge the alert">
        <Stack>
          <Textarea label="Comment" description="Optional; it is audited." value={comment} onChange={(e) => setComment(e.currentTarget.value)} maxLength={1000} data-autofocus />
          <Failure error={error} />
          <Button onClick={submit} loading={busy}>Acknowledge</Button>
        </Stack>
      </Modal>
    </>
  );
}
