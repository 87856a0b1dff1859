import type { ErrorCode, FieldError, Problem } from '../../shared/errors.ts';

// The one way the web app talks to the server: JSON over /api with the session cookie, the CSRF token
// on every write, and RFC 9457 problems turned into ApiError.

/** 'network' when the server could not be reached at all. */
export type ApiErrorCode = ErrorCode | 'network';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly fieldErrors: FieldError[] = [],
    /** From Retry-After on 429 answers. */
    readonly retryAfterSeconds: number | null = null,
    /** consent_required: the organization and data categories the participant's consent lacks. */
    readonly missing: Problem['missing'] = undefined,
  ) {
    super(message);
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

/** A session that is gone (as opposed to a wrong password, which is 401 too). */
export const isSignedOut = (e: unknown) => isApiError(e) && (e.code === 'unauthenticated' || e.code === 'session_expired');

let csrfToken: string | null = null;
let onSignedOut: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when an API answer says the session has ended, so the app can go to sign-in. */
export function onSessionEnded(handler: () => void): void {
  onSignedOut = handler;
}

type Query = Record<string, string | number | undefined | null>;

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function send(method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  // A FormData body is a multipart upload: the browser writes its Content-Type with the boundary.
  const form = body instanceof FormData;
  if (body !== undefined && !form) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  try {
    return await fetch(`/api${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : form ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'The server could not be reached.');
  }
}

async function toError(res: Response): Promise<ApiError> {
  let problem: Partial<Problem> = {};
  try {
    problem = (await res.json()) as Problem;
  } catch {
    // A proxy's HTML error page, say: fall back to the status alone.
  }
  const retryAfter = Number(res.headers.get('retry-after'));
  return new ApiError(
    res.status,
    problem.code ?? (res.status >= 500 ? 'internal' : 'malformed_request'),
    problem.title ?? res.statusText,
    problem.errors ?? [],
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
    problem.missing,
  );
}

async function request<T>(method: string, path: string, body?: unknown, retried = false): Promise<T> {
  const res = await send(method, path, body);
  if (res.ok) return (await res.json()) as T;
  const error = await toError(res);
  // The session's CSRF token changes when someone signs in again in another tab: fetch it and retry once.
  if (error.code === 'csrf_failed' && !retried) {
    const me = await send('GET', '/me');
    if (me.ok) {
      setCsrfToken(((await me.json()) as { csrfToken: string }).csrfToken);
      return request(method, path, body, true);
    }
  }
  if (isSignedOut(error) && path !== '/me') onSignedOut?.();
  throw error;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', withQuery(path, query)),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
  /** multipart/form-data: append the fields first and the file part last (the server reads them in order). */
  upload: <T>(path: string, form: FormData) => request<T>('POST', path, form),
};
