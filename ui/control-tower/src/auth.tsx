import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { getJson, request, setUnauthorizedHandler, storeCredential, storedCredential } from './api/client';
import type { Me } from './api/types';

interface Auth {
  me: Me | null;
  /** Whether the signed-in caller holds a permission over the organisation; the API still decides each call. */
  can: (permission: string) => boolean;
  signIn: (credential: string) => Promise<void>;
  signOut: () => void;
}

const AuthContext = createContext<Auth | null>(null);

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}

/** Holds the caller's identity (GET /api/v1/rbac/me); the credential itself lives in sessionStorage only. */
export function AuthProvider({ children, initial }: { children: ReactNode; initial?: Me | null }) {
  const [me, setMe] = useState<Me | null>(initial ?? null);
  const [checking, setChecking] = useState(initial === undefined && storedCredential() !== null);

  const signOut = useCallback(() => {
    storeCredential(null);
    setMe(null);
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(signOut);
    if (!checking) return;
    getJson<Me>('/api/v1/rbac/me')
      .then(setMe)
      .catch(() => signOut())
      .finally(() => setChecking(false));
    return () => setUnauthorizedHandler(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const signIn = useCallback(async (credential: string) => {
    const response = await request('/api/v1/rbac/me', {}, credential);
    const caller = (await response.json()) as Me;
    storeCredential(credential);
    setMe(caller);
  }, []);

  const value = useMemo<Auth>(() => ({
    me,
    can: (p) => me?.permissions.includes(p) ?? false,
    signIn,
    signOut,
  }), [me, signIn, signOut]);

  if (checking) return null;
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
