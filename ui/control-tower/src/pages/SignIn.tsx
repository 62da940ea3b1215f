import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Button, Center, Divider, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useAuth } from '../auth';
import { loadUiConfig, type OidcSignIn } from '../api/uiConfig';
import { startOidcSignIn } from '../oidc';

/**
 * Sign in with an API key, or with the OpenID Connect issuer where one is configured (GET /api/v1/ui/config).
 * Either credential is kept in this tab's sessionStorage only.
 */
export function SignIn() {
  const { signIn, signInError } = useAuth();
  const [key, setKey] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  // undefined until the settings are read
  const [oidc, setOidc] = useState<OidcSignIn | null>();

  useEffect(() => {
    let live = true;
    void loadUiConfig().then((c) => live && setOidc(c.oidc));
    return () => { live = false; };
  }, []);

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

  const single = async () => {
    if (!oidc) return;
    setBusy(true);
    setError(undefined);
    try {
      await startOidcSignIn(oidc, window.location.pathname + window.location.search);
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  };

  const failure = error ?? signInError;
  return (
    <main>
      <Center mih="100vh">
        <Paper withBorder p="xl" w={460} component="form" onSubmit={submit} data-testid="sign-in" data-ways={oidc === undefined ? 'loading' : oidc ? 'oidc api-key' : 'api-key'}>
          <Stack>
            <Title order={1}>QL-RF Control Tower</Title>
            {oidc && (
              <>
                <Button type="button" variant="filled" onClick={single} loading={busy} data-testid="oidc-sign-in">{oidc.displayName}</Button>
                <Divider label="or with an API key" labelPosition="center" />
              </>
            )}
            <Text size="sm">Sign in with an API key (<code>qlrf_…</code>). The key stays in this browser tab only.</Text>
            <PasswordInput label="API key" value={key} onChange={(e) => setKey(e.currentTarget.value)} required autoComplete="off" />
            {failure && <Alert color="red" title="Sign-in failed" role="alert">{failure}</Alert>}
            <Button type="submit" loading={busy} variant={oidc ? 'default' : 'filled'}>Sign in</Button>
          </Stack>
        </Paper>
      </Center>
    </main>
  );
}
