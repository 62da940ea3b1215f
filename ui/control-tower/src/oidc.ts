// OpenID Connect sign-in (Entra ID where configured): the authorization-code flow with PKCE by oidc-client-ts, loaded
// only when someone signs in that way. The access token it gets is then the credential, sent as a bearer token like an
// API key; the API checks it (issuer, audience, signature, expiry) and reads the user's organisation and roles from it.
import type { UserManager } from 'oidc-client-ts';
import type { OidcSignIn } from './api/uiConfig';

/** Where the issuer sends the browser back with the code; any path of the app serves the app. */
export const callbackPath = '/auth/callback';

export const isOidcCallback = () => window.location.pathname === callbackPath;

async function manager(oidc: OidcSignIn): Promise<UserManager> {
  const { UserManager, WebStorageStateStore } = await import('oidc-client-ts');
  const store = new WebStorageStateStore({ store: window.sessionStorage });
  return new UserManager({
    authority: oidc.authority,
    client_id: oidc.clientId,
    scope: oidc.scopes,
    response_type: 'code',
    redirect_uri: window.location.origin + callbackPath,
    post_logout_redirect_uri: window.location.origin + '/',
    stateStore: store,
    userStore: store,
    // No hidden iframe or refresh: when the token expires the API answers 401 and the user signs in again.
    automaticSilentRenew: false,
    loadUserInfo: false,
  });
}

/** Sends the browser to the issuer; it comes back to {@link callbackPath}, then to `returnTo`. */
export async function startOidcSignIn(oidc: OidcSignIn, returnTo: string): Promise<void> {
  await (await manager(oidc)).signinRedirect({ state: returnTo });
}

/** Redeems the code the issuer sent back (with the PKCE verifier kept in this tab) for an access token. */
export async function completeOidcSignIn(oidc: OidcSignIn): Promise<{ accessToken: string; returnTo: string }> {
  const users = await manager(oidc);
  const user = await users.signinRedirectCallback();
  // The token is kept as the tab's credential, like an API key; oidc-client-ts need not keep a copy.
  await users.removeUser();
  const returnTo = typeof user.state === 'string' && user.state.startsWith('/') && !user.state.startsWith('//') ? user.state : '/';
  return { accessToken: user.access_token, returnTo };
}
