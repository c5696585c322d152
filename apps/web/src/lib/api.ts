/**
 * One way to call the JSON API from server code: `apiJson(event.fetch, '/api/...')`.
 * It never throws for an HTTP status; a page decides what a 404 or a 409 means to it.
 */

/** RFC 9457 problem details, as every API error is answered. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { path: string; message: string }[];
}

export type ApiResult<T> =
  | { ok: true; status: number; data: T; problem: null }
  | { ok: false; status: number; data: null; problem: Problem };

export interface ApiInit {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
}

type Fetch = typeof globalThis.fetch;

/** A list answer of the API. */
export interface Items<T> {
  items: T[];
}

export async function apiJson<T = unknown>(
  fetch: Fetch,
  path: string,
  init: ApiInit = {},
): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
  let body: string | undefined;
  if (init.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.body);
  }

  let response: Response;
  try {
    response = await fetch(path, { method: init.method ?? 'GET', headers, body });
  } catch (cause) {
    console.error(`API ${init.method ?? 'GET'} ${path} failed:`, cause);
    return failure(503, {
      type: 'about:blank',
      title: 'The service is not reachable',
      status: 503,
    });
  }

  const parsed = await readJson(response);
  if (response.ok) return { ok: true, status: response.status, data: parsed as T, problem: null };
  return failure(response.status, asProblem(parsed, response));
}

function failure(status: number, problem: Problem): ApiResult<never> {
  return { ok: false, status, data: null, problem };
}

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204 || response.status === 205) return null;
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) {
    await response.body?.cancel();
    return null;
  }
  try {
    return await response.json();
  } catch {
    return null;
  }
}

function asProblem(value: unknown, response: Response): Problem {
  if (value && typeof value === 'object' && 'status' in value && 'title' in value) {
    const p = value as Partial<Problem>;
    return {
      type: typeof p.type === 'string' ? p.type : 'about:blank',
      title: String(p.title),
      status: typeof p.status === 'number' ? p.status : response.status,
      detail: typeof p.detail === 'string' ? p.detail : undefined,
      errors: Array.isArray(p.errors)
        ? p.errors.filter(
            (e): e is { path: string; message: string } =>
              !!e && typeof e.path === 'string' && typeof e.message === 'string',
          )
        : undefined,
    };
  }
  return { type: 'about:blank', title: response.statusText || 'Error', status: response.status };
}

/**
 * The API names a field by a path such as `email`, `/email` or `body.email`; forms name
 * it `email`. Errors on paths the form does not show are collected under `''`.
 */
export function problemFieldErrors(
  problem: Problem,
  fields: readonly string[],
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const e of problem.errors ?? []) {
    const key = e.path
      .replace(/^\/+/, '')
      .replace(/\//g, '.')
      .replace(/^body\./, '');
    const field = fields.includes(key) ? key : (fields.find((f) => key.startsWith(`${f}.`)) ?? '');
    if (!(field in errors)) errors[field] = e.message;
  }
  return errors;
}

/** A one-line human message for a problem: its detail, else its title. */
export function problemMessage(problem: Problem): string {
  return problem.detail || problem.title;
}
