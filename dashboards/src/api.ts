// The client of the workbench's API (/api/* only: the browser never sees SQL). Same-origin requests with
// the session cookie; requests that change something carry the session's CSRF token; a 401 ends the
// session on this page (the login form is shown); every error carries the server's own message.

import type { Session as SessionAnswer, SessionUser, SignedIn } from '../../kernel/api/session.ts';

export type { SessionUser };
/** Who is signed in: GET /api/session's answer, or POST's (which has no expiry to tell yet). */
export type Session = SessionAnswer | SignedIn;

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
    this.name = 'ApiError';
  }
}

type Params = Record<string, string | number | undefined | null>;

let csrfToken: string | null = null;
let onUnauthorized: (error: ApiError) => void = () => undefined;

let onModelsStale: (reason: string | null) => void = () => undefined;

/**
 * What to do with the server's word on its models after each read: a reason when its numbers leave out files
 * loaded after the last build (the X-Models-Stale header), null when they do not.
 */
export function whenModelsStale(handler: (reason: string | null) => void): void {
  onModelsStale = handler;
}

/** What to do when the server answers 401 (the app shows the login form). */
export function whenUnauthorized(handler: (error: ApiError) => void): void {
  onUnauthorized = handler;
}

/** A path with its query: empty and undefined parameters are left out. */
export function withQuery(path: string, params: Params = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

async function errorOf(response: Response): Promise<ApiError> {
  let code = 'http_' + response.status;
  let message = `${response.status} ${response.statusText || 'error'}`;
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string } };
    if (body.error?.message) message = body.error.message;
    if (body.error?.code) code = body.error.code;
  } catch {
    // not JSON (a proxy's page): the status line says it
  }
  return new ApiError(response.status, code, message);
}

async function request<T>(method: string, path: string, init: { body?: unknown; signal?: AbortSignal; quietUnauthorized?: boolean } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: 'same-origin',
      // The server's Referrer-Policy is no-referrer, under which the Fetch standard has a POST say
      // "Origin: null" (Chromium sends the origin anyway); the server refuses a foreign Origin on
      // state-changing requests, so same-origin requests keep theirs.
      referrerPolicy: 'same-origin',
      signal: init.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'network', 'the server cannot be reached; is `rcm serve` running?');
  }
  if (method === 'GET' && response.ok) onModelsStale(response.headers.get('x-models-stale'));
  if (!response.ok) {
    const error = await errorOf(response);
    if (error.status === 401 && !init.quietUnauthorized) {
      csrfToken = null;
      onUnauthorized(error);
    }
    throw error;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export function getJson<T>(path: string, params: Params = {}, signal?: AbortSignal): Promise<T> {
  return request<T>('GET', withQuery(path, params), { signal });
}

/** A POST of a JSON body (with the session's CSRF token), answered as JSON. */
export function postJson<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
  return request<T>('POST', path, { body, signal });
}

/** Who is signed in, or null (no session, or it ended). */
export async function currentSession(): Promise<Session | null> {
  try {
    const session = await request<SessionAnswer>('GET', '/api/session', { quietUnauthorized: true });
    csrfToken = session.csrf_token;
    return session;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export async function logIn(username: string, password: string): Promise<Session> {
  const session = await request<SignedIn>('POST', '/api/session', { body: { username, password }, quietUnauthorized: true });
  csrfToken = session.csrf_token;
  return session;
}

export async function logOut(): Promise<void> {
  try {
    await request<void>('DELETE', '/api/session', { quietUnauthorized: true });
  } finally {
    csrfToken = null;
  }
}
