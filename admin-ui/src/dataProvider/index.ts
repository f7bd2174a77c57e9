/**
 * react-admin's data provider over the Regelværk API. A resource's name is its path segment:
 * `users` → `/municipalities/<the logged-in user's municipality>/users`; resources that are not
 * about one municipality are listed in GLOBAL_PATHS. Lists send react-admin's `sort`, `range`
 * and `filter` as JSON query parameters and read the total from `Content-Range`
 * (`users 0-24/319`, server/src/http/list.ts). Updates send only the changed fields (PATCH).
 *
 * Non-CRUD calls (draft, publish, simulate, impact …) go through `dataProvider.api(…)`, with a
 * path relative to the municipality (`'ruleset/draft'`) or absolute (`'/templates'`).
 */
import type { DataProvider, Identifier } from 'react-admin';
import { request, type ApiResponse, type HttpMethod, type RequestOptions } from './http';
import { currentMunicipality } from './session';

export type { ApiResponse, HttpMethod, RequestOptions, Problem, ProblemError } from './http';
export { pointerToPath, localMessage } from './http';
export { loadMe, type Me } from './session';

/**
 * Resources whose API path is not their name (a new one adds a line here): absolute paths are not
 * under /municipalities/:m; relative ones are, under another segment than the resource's name.
 */
const GLOBAL_PATHS: Readonly<Record<string, string>> = {
  municipalities: '/municipalities',
  templates: '/templates',
  facts: '/facts',
  versions: 'ruleset/versions',
};

/** The API path of a path relative to the municipality (`'ruleset/draft'`) or absolute (`'/templates'`). */
export async function apiPath(path: string): Promise<string> {
  if (path.startsWith('/')) return path;
  return `/municipalities/${encodeURIComponent(await currentMunicipality())}/${path}`;
}

export async function resourcePath(resource: string): Promise<string> {
  return apiPath(GLOBAL_PATHS[resource] ?? resource);
}

/** `users 0-24/319` → 319 (falls back to the page's length when the header is missing). */
export function totalOf(headers: Headers, fallback: number): number {
  const m = /\/(\d+)\s*$/.exec(headers.get('content-range') ?? '');
  return m ? Number(m[1]) : fallback;
}

/** The fields of `data` that differ from `previous` (what a PATCH sends). */
export function changedFields(data: Record<string, unknown>, previous: Record<string, unknown> | undefined) {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) {
    if (k === 'id') continue;
    if (!previous || JSON.stringify(previous[k]) !== JSON.stringify(v)) out[k] = v;
  }
  return out;
}

/** The server's records, typed as whatever record type the caller asked react-admin for. */
type Rec = never;

const one = (path: string, id: Identifier) => `${path}/${encodeURIComponent(String(id))}`;

export interface RegelvaerkDataProvider extends DataProvider {
  /** Any API call: `api('POST', 'ruleset/draft/publish', {comment})`, `api('GET', '/templates')`. */
  api<T = unknown>(
    method: HttpMethod,
    path: string,
    body?: unknown,
    options?: RequestOptions,
  ): Promise<ApiResponse<T>>;
  /** The API path of a municipality-relative or absolute path (for links, downloads). */
  apiPath(path: string): Promise<string>;
}

export const dataProvider: RegelvaerkDataProvider = {
  async getList(resource, params) {
    const path = await resourcePath(resource);
    const { page = 1, perPage = 25 } = params.pagination ?? {};
    const query: Record<string, string> = {
      range: JSON.stringify([(page - 1) * perPage, page * perPage - 1]),
    };
    if (params.sort?.field) query.sort = JSON.stringify([params.sort.field, params.sort.order]);
    if (params.filter && Object.keys(params.filter).length) query.filter = JSON.stringify(params.filter);
    const res = await request<Rec[]>('GET', path, undefined, { query, signal: params.signal });
    return { data: res.json, total: totalOf(res.headers, res.json.length) };
  },

  async getOne(resource, params) {
    const res = await request<Rec>('GET', one(await resourcePath(resource), params.id), undefined, {
      signal: params.signal,
    });
    return { data: res.json };
  },

  async getMany(resource, params) {
    const path = await resourcePath(resource);
    const data = await Promise.all(
      params.ids.map((id) => request<Rec>('GET', one(path, id), undefined, { signal: params.signal })),
    );
    return { data: data.map((r) => r.json) };
  },

  async getManyReference(resource, params) {
    return dataProvider.getList(resource, {
      ...params,
      filter: { ...params.filter, [params.target]: params.id },
    });
  },

  async create(resource, params) {
    const res = await request<Rec>('POST', await resourcePath(resource), params.data);
    return { data: res.json };
  },

  async update(resource, params) {
    const body = changedFields(params.data as Record<string, unknown>, params.previousData);
    const res = await request<Rec>('PATCH', one(await resourcePath(resource), params.id), body);
    return { data: res.json };
  },

  async updateMany(resource, params) {
    const path = await resourcePath(resource);
    await Promise.all(params.ids.map((id) => request('PATCH', one(path, id), params.data)));
    return { data: params.ids };
  },

  async delete(resource, params) {
    const res = await request<Rec>('DELETE', one(await resourcePath(resource), params.id));
    return { data: res.json };
  },

  async deleteMany(resource, params) {
    const path = await resourcePath(resource);
    await Promise.all(params.ids.map((id) => request('DELETE', one(path, id))));
    return { data: params.ids };
  },

  async api<T = unknown>(method: HttpMethod, path: string, body?: unknown, options?: RequestOptions) {
    return request<T>(method, await apiPath(path), body, options);
  },

  apiPath,
};
