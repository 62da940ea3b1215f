// How this deployment signs users in: GET /api/v1/ui/config, read before anyone has signed in (it is public).

/** An OpenID Connect issuer the UI signs in with: authorization code with PKCE, as a public client. */
export interface OidcSignIn {
  authority: string;
  clientId: string;
  scopes: string;
  displayName: string;
}

export interface UiConfig {
  /** Null when only API keys sign in (the API leaves it out). */
  oidc: OidcSignIn | null;
}

let cached: Promise<UiConfig> | undefined;

/** The sign-in settings, asked for once per page load; an API that cannot say means API keys only. */
export function loadUiConfig(): Promise<UiConfig> {
  cached ??= fetch('/api/v1/ui/config')
    .then(async (r) => (r.ok ? { oidc: ((await r.json()) as Partial<UiConfig>).oidc ?? null } : { oidc: null }))
    .catch(() => ({ oidc: null }));
  return cached;
}
