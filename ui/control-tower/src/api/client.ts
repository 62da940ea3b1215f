// The one way the UI talks to QL-RF: the public /api/v1 API, with the signed-in credential as a bearer token.

const storageKey = 'qlrf.credential';

export function storedCredential(): string | null {
  return sessionStorage.getItem(storageKey);
}

export function storeCredential(credential: string | null): void {
  if (credential) sessionStorage.setItem(storageKey, credential);
  else sessionStorage.removeItem(storageKey);
}

/** An RFC 9457 problem the API answered with, or a network failure. */
export class ApiError extends Error {
  readonly status: number;
  readonly detail?: string;
  constructor(status: number, title: string, detail?: string) {
    super(detail ? `${title}: ${detail}` : title);
    this.status = status;
    this.detail = detail;
  }
}

/** Called when a request is refused with 401, so the shell can send the user back to sign in. */
let onUnauthorized: (() => void) | null = null;
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

export async function request(path: string, init: RequestInit = {}, credential = storedCredential()): Promise<Response> {
  const headers = new Headers(init.headers);
  if (credential) headers.set('Authorization', `Bearer ${credential}`);
  if (init.body && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
  const response = await fetch(path, { ...init, headers });
  if (!response.ok) {
    let title = response.statusText || `HTTP ${response.status}`;
    let detail: string | undefined;
    try {
      const problem = (await response.json()) as { title?: string; detail?: string; errors?: Record<string, string[]> };
      title = problem.title ?? title;
      detail = problem.detail ?? (problem.errors ? Object.entries(problem.errors).map(([k, v]) => `${k}: ${v.join(' ')}`).join('; ') : undefined);
    } catch {
      // not a problem document
    }
    if (response.status === 401 && onUnauthorized) onUnauthorized();
    throw new ApiError(response.status, title, detail);
  }
  return response;
}

export async function getJson<T>(path: string): Promise<T> {
  return (await (await request(path)).json()) as T;
}

export async function postJson<T>(path: string, body: unknown = {}, headers?: HeadersInit): Promise<T> {
  const response = await request(path, { method: 'POST', body: JSON.stringify(body), headers });
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Encodes one path segment; asset ids hold '/' and ':'. */
export const seg = (id: string) => encodeURIComponent(id);

export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Downloads a response body as a file (CSV and JSON Lines exports need the bearer header, so no plain link). */
export async function download(path: string, fileName: string): Promise<void> {
  const blob = await (await request(path)).blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  URL.revokeObjectURL(url);
}
