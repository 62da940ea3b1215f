import { useState } from 'react';
import { Alert, Badge, Button, Group, Loader, Modal, Stack, Textarea } from '@mantine/core';
import type { Rag } from '../api/types';

// Light badges with dark text keep the RAG colours readable (WCAG AA contrast).
const ragColour: Record<string, string> = { red: 'red', amber: 'yellow', green: 'green' };

export function RagBadge({ rag }: { rag: Rag | null | undefined }) {
  if (!rag) return <Badge color="gray" variant="light" c="dark">n/a</Badge>;
  return <Badge color={ragColour[rag]} variant="light" c="dark">{rag}</Badge>;
}

const statusColour: Record<string, string> = {
  completed: 'green', passed: 'green', succeeded: 'green', approved: 'green', healthy: 'green', compliant: 'green',
  running: 'blue', planning: 'blue', awaiting_approval: 'yellow', pending: 'gray', paused: 'yellow',
  failed: 'red', rolled_back: 'red', rejected: 'red', cancelled: 'gray', expired: 'gray', outdated: 'yellow', unhealthy: 'red',
};

export function StatusBadge({ status }: { status: string | undefined }) {
  return <Badge color={statusColour[status ?? ''] ?? 'gray'} variant="light" c="dark" maw="none" style={{ flexShrink: 0, overflow: 'visible' }}>{(status ?? 'unknown').replaceAll('_', ' ')}</Badge>;
}

export function Failure({ error }: { error: Error | undefined }) {
  return error ? <Alert color="red" title="The API refused or failed" role="alert">{error.message}</Alert> : null;
}

export function Loading({ when }: { when: boolean }) {
  return when ? <Loader size="sm" aria-label="Loading" /> : null;
}

export const when = (t: string | undefined | null) => (t ? new Date(t).toLocaleString() : '—');
export const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v.toFixed(1)} %`);
export const secs = (s: number | null | undefined) => {
  if (s === null || s === undefined) return '—';
  return s >= 60 ? `${Math.floor(s / 60)}m ${Math.round(s % 60)}s` : `${Math.round(s)}s`;
};

/**
 * Approve and reject with the comment every decision needs. Shown only to callers who may decide
 * (`approve:tasks`) and did not request the change; the API still decides.
 */
export function DecisionButtons({ onDecide, label }: { onDecide: (decision: 'approve' | 'reject', comment: string) => Promise<void>; label: string }) {
  const [decision, setDecision] = useState<'approve' | 'reject' | null>(null);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!decision) return;
    setBusy(true);
    setError(undefined);
    try {
      await onDecide(decision, comment);
      setDecision(null);
      setComment('');
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Group gap="xs">
        {/* teal.9 keeps white text above 4.5:1 (green.9 is 4.4:1) */}
        <Button size="xs" color="teal.9" onClick={() => setDecision('approve')} aria-label={`Approve ${label}`}>Approve</Button>
        <Button size="xs" color="red.9" variant="outline" onClick={() => setDecision('reject')} aria-label={`Reject ${label}`}>Reject</Button>
      </Group>
      <Modal opened={decision !== null} onClose={() => setDecision(null)} title={`${decision === 'approve' ? 'Approve' : 'Reject'} ${label}`}>
        <Stack>
          <Textarea label="Comment" description="Every decision needs a comment; it is audited." value={comment}
            onChange={(e) => setComment(e.currentTarget.value)} required data-autofocus />
          <Failure error={error} />
          <Button onClick={submit} loading={busy} disabled={!comment.trim()}>Confirm</Button>
        </Stack>
      </Modal>
    </>
  );
}
