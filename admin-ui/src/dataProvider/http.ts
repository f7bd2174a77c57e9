/**
 * The one place the console calls `fetch`. Every call goes to /api/v1 with the session cookie
 * (same origin, httpOnly — the console never sees it). A problem+json answer becomes a
 * react-admin HttpError whose body keeps the problem and turns its `errors` pointers into
 * react-hook-form paths (`/serviceNumbers/3/maxAmount` → `serviceNumbers.3.maxAmount`), so a
 * form marks the exact field; `body.problems` keeps the server's list as sent.
 */
import { HttpError } from 'react-admin';
import { currentLocale } from '../i18n/locale';

export const API_BASE = '/api/v1';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ProblemError {
  pointer: string;
  message: string;
  code?: string;
  messages?: { da: string; en: string };
}

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  errors?: ProblemError[];
  [extra: string]: unknown;
}

export interface ApiResponse<T> {
  status: number;
  headers: Headers;
  json: T;
}

export interface RequestOptions {
  /** Query parameters, added to the path (values are stringified). */
  query?: Record<string, string | number | boolean | undefined>;
  /** A body that is not JSON (an XML document): sent as is with this Content-Type. */
  contentType?: string;
  signal?: AbortSignal;
}

/** `/serviceNumbers/3/maxAmount` → `serviceNumbers.3.maxAmount` (react-hook-form's field path). */
export function pointerToPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

/** The message of a problem's error in the console's language. */
export function localMessage(e: ProblemError): string {
  return e.messages?.[currentLocale()] ?? e.message;
}

export function problemToHttpError(problem: Problem): HttpError {
  const problems = problem.errors ?? [];
  const errors: Record<string, string> = {};
  for (const e of problems) {
    const path = pointerToPath(e.pointer) || 'root.serverError';
    errors[path] ??= localMessage(e);
  }
  const first = problems[0];
  const message = first ? localMessage(first) : (problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
  return new HttpError(message, problem.status, {
    ...problem,
    problems,
    ...(problems.length ? { errors } : { errors: undefined }),
  });
}

function urlOf(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) params.set(k, String(v));
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `${path.includes('?') ? '&' : '?'}${qs}` : ''}`;
}

/** Calls the API; resolves with the JSON (or text for non-JSON answers), rejects with an HttpError. */
export async function request<T = unknown>(
  method: HttpMethod,
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  let payload: string | undefined;
  if (body !== undefined) {
    if (options.contentType) {
      headers['content-type'] = options.contentType;
      payload = String(body);
    } else {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
  }
  let res: Response;
  try {
    res = await fetch(urlOf(path, options.query), {
      method,
      headers,
      body: payload,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new HttpError('ra.notification.offline', 0, {});
  }
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  let json: unknown = text;
  if (/json/.test(type) && text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = text;
    }
  }
  if (!res.ok) {
    const problem =
      json && typeof json === 'object'
        ? ({ status: res.status, ...(json as object) } as Problem)
        : { status: res.status, title: res.statusText, detail: typeof json === 'string' ? json : undefined };
    throw problemToHttpError(problem);
  }
  return { status: res.status, headers: res.headers, json: json as T };
}
