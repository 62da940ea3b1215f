import { useState, type FormEvent } from 'react';
import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useAuth } from '../auth';

/** Sign in with an API key; it is kept in this tab's sessionStorage only. */
export function SignIn() {
  const { signIn } = useAuth();
  const [key, setKey] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await signIn(key.trim());
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main>
      <Center mih="100vh">
        <Paper withBorder p="xl" w={460} component="form" onSubmit={submit}>
          <Stack>
            <Title order={1}>QL-RF Control Tower</Title>
            <Text size="sm">Sign in with an API key (<code>qlrf_…</code>). The key stays in this browser tab only.</Text>
            <PasswordInput label="API key" value={key} onChange={(e) => setKey(e.currentTarget.value)} required autoComplete="off" />
            {error && <Alert color="red" title="Sign-in failed" role="alert">{error}</Alert>}
            <Button type="submit" loading={busy}>Sign in</Button>
          </Stack>
        </Paper>
      </Center>
    </main>
  );
}
