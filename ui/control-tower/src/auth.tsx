import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useNavigate, type NavigateFunction } from 'react-router-dom';
import { getJson, request, setUnauthorizedHandler, storeCredential, storedCredential } from './api/client';
import type { Me } from './api/types';
import { loadUiConfig } from './api/uiConfig';
import { completeOidcSignIn, isOidcCallback } from './oidc';

interface Auth {
  me: Me | null;
  /** Whether the signed-in caller holds a permission over the organisation; the API still decides each call. */
  can: (permission: string) => boolean;
  /** Signs in with a credential: an API key, or the access token an OpenID Connect sign-in got. */
  signIn: (credential: string) => Promise<void>;
  signOut: () => void;
  /** Why the last OpenID Connect sign-in failed, for the sign-in page to say. */
  signInError?: string;
}

const AuthContext = createContext<Auth | null>(null);

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}

/**
 * Holds the caller's identity (GET /api/v1/rbac/me); the credential itself lives in sessionStorage only.
 * On the OpenID Connect callback path it first redeems the issuer's code for an access token.
 */
export function AuthProvider({ children, initial }: { children: ReactNode; initial?: Me | null }) {
  const [me, setMe] = useState<Me | null>(initial ?? null);
  const [checking, setChecking] = useState(initial === undefined && (storedCredential() !== null || isOidcCallback()));
  const [signInError, setSignInError] = useState<string>();
  const navigate = useNavigate();

  const signOut = useCallback(() => {
    storeCredential(null);
    setMe(null);
  }, []);

  const signIn = useCallback(async (credential: string) => {
    const response = await request('/api/v1/rbac/me', {}, credential);
    const caller = (await response.json()) as Me;
    storeCredential(credential);
    setSignInError(undefined);
    setMe(caller);
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(signOut);
    if (!checking) return;
    const check = isOidcCallback()
      ? completeCallback(signIn, navigate).catch((e: Error) => {
        signOut();
        setSignInError(e.message);
      })
      : getJson<Me>('/api/v1/rbac/me').then(setMe).catch(() => signOut());
    void check.finally(() => setChecking(false));
    return () => setUnauthorizedHandler(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const value = useMemo<Auth>(() => ({
    me,
    can: (p) => me?.permissions.includes(p) ?? false,
    signIn,
    signOut,
    signInError,
  }), [me, signIn, signOut, signInError]);

  if (checking) return null;
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** Back from the issuer: the code for a token, the token for the caller, then the page the user set out from. */
async function completeCallback(signIn: (credential: string) => Promise<void>, navigate: NavigateFunction): Promise<void> {
  try {
    const { oidc } = await loadUiConfig();
    if (!oidc) throw new Error('Single sign-on is not configured here.');
    const { accessToken, returnTo } = await completeOidcSignIn(oidc);
    await signIn(accessToken);
    await navigate(returnTo, { replace: true });
  } catch (e) {
    await navigate('/', { replace: true });
    throw e;
  }
}
