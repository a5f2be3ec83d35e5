// The one way the app talks to the server: same origin, the session cookie (HttpOnly: the app
// never sees a token), and the header X-Sismic-Request: 1 that the server's CSRF check requires.
import type { TypedDocumentString } from './gql/graphql';

/** A failure with the contract's code (`extensions.code`), or NETWORK when nothing answered. */
export class ApiError extends Error {
  constructor(
    public readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Codes after which the same request may succeed later unchanged (the offline queue keeps it). */
export const RETRYABLE = new Set(['NETWORK', 'UNAVAILABLE']);

const HEADERS = { 'content-type': 'application/json', 'x-sismic-request': '1' } as const;

let unauthenticated: () => void = () => {};
/** Called on every UNAUTHENTICATED answer (the app then asks to sign in again, keeping forms). */
export function onUnauthenticated(handler: () => void): void {
  unauthenticated = handler;
}

async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { credentials: 'same-origin', ...init, headers: { ...HEADERS, ...init.headers } });
  } catch (error) {
    throw new ApiError('NETWORK', String(error));
  }
}

async function errorOf(response: Response): Promise<ApiError> {
  const body = await response.json().catch(() => null);
  const first = body?.errors?.[0];
  if (first) return new ApiError(first.extensions?.code ?? 'INTERNAL', first.message ?? '');
  return new ApiError(response.status >= 500 ? 'UNAVAILABLE' : 'INTERNAL', `HTTP ${response.status}`);
}

/** Runs one GraphQL operation; throws an ApiError with the first error's code. */
export async function request<R, V>(document: TypedDocumentString<R, V>, variables: V): Promise<R> {
  const response = await send('/graphql', {
    method: 'POST',
    headers: { accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify({ query: document.toString(), variables }),
  });
  const body = await response.json().catch(() => null);
  if (!body) throw new ApiError(response.status >= 500 ? 'UNAVAILABLE' : 'INTERNAL', `HTTP ${response.status}`);
  const first = body.errors?.[0];
  if (first) {
    const error = new ApiError(first.extensions?.code ?? 'INTERNAL', first.message ?? '');
    if (error.code === 'UNAUTHENTICATED') unauthenticated();
    throw error;
  }
  return body.data as R;
}

/**
 * Runs one GraphQL operation with files, as `multipart/form-data` (the GraphQL multipart
 * request specification): the files go to the list variable `files`. The files never leave
 * memory on this side (nothing is stored). An oversized upload is the code PAYLOAD_TOO_LARGE.
 */
export async function requestWithFiles<R, V extends { files: unknown }>(
  document: TypedDocumentString<R, V>,
  variables: Omit<V, 'files'>,
  files: File[],
): Promise<R> {
  const form = new FormData();
  form.append('operations', JSON.stringify({ query: document.toString(), variables: { ...variables, files: files.map(() => null) } }));
  form.append('map', JSON.stringify(Object.fromEntries(files.map((_, i) => [String(i), [`variables.files.${i}`]]))));
  files.forEach((file, i) => form.append(String(i), file, file.name));
  let response: Response;
  try {
    // No content-type: the browser writes the multipart boundary itself.
    response = await fetch('/graphql', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'x-sismic-request': '1', accept: 'application/graphql-response+json, application/json' },
      body: form,
    });
  } catch (error) {
    throw new ApiError('NETWORK', String(error));
  }
  if (response.status === 413) throw new ApiError('PAYLOAD_TOO_LARGE', 'HTTP 413');
  const body = await response.json().catch(() => null);
  if (!body) throw new ApiError(response.status >= 500 ? 'UNAVAILABLE' : 'INTERNAL', `HTTP ${response.status}`);
  const first = body.errors?.[0];
  if (first) {
    const error = new ApiError(first.extensions?.code ?? 'INTERNAL', first.message ?? '');
    if (error.code === 'UNAUTHENTICATED') unauthenticated();
    throw error;
  }
  return body.data as R;
}

/** One page of a connection, as every list of the API answers it. */
export interface Page<N> {
  nodes: N[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/**
 * Every node of a connection, page after page: `fetch(after)` reads the page after the cursor
 * (`null` for the first). Lists the screens show whole (the board, a region's participants, the
 * cohorts) are read this way.
 */
export async function allPages<N>(fetch: (after: string | null) => Promise<Page<N>>): Promise<N[]> {
  const all: N[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await fetch(after);
    all.push(...page.nodes);
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return all;
    after = page.pageInfo.endCursor;
  }
}

export interface SessionUser {
  id: string;
  email: string;
  role: string;
  region: { id: string; code: string; name: string } | null;
  /** A partner account's institution. */
  partner?: { id: string; name: string } | null;
  /** Signed in with a one-time password: it must be changed before anything else. */
  mustChangePassword?: boolean;
}

/** Who is signed in, or null. */
export async function currentSession(): Promise<SessionUser | null> {
  const response = await send('/session', { method: 'GET' });
  if (response.status === 401) return null;
  if (!response.ok) throw await errorOf(response);
  return (await response.json()).user as SessionUser;
}

export async function signIn(email: string, password: string): Promise<SessionUser> {
  const response = await send('/session', { method: 'POST', body: JSON.stringify({ email, password }) });
  if (!response.ok) throw await errorOf(response);
  return (await response.json()).user as SessionUser;
}

export async function signOut(): Promise<void> {
  await send('/session', { method: 'DELETE' });
}
