/**
 * react-admin's list conventions (ra-data-simple-rest): `sort=["field","ASC"]`,
 * `range=[0,24]`, `filter={"status":"manual"}`; the answer carries
 * `Content-Range: <resource> 0-24/319`. Only whitelisted fields sort and filter.
 */
import type { FastifyReply } from 'fastify';
import { BadRequestError } from './errors.js';
import { issue } from '../domain/issues.js';

export interface ListQuery {
  sort?: string;
  range?: string;
  filter?: string;
}

export interface ListParams<F extends string = string> {
  sortField: F;
  sortOrder: 'asc' | 'desc';
  offset: number;
  limit: number;
  filter: Record<string, unknown>;
}

export const listQuerySchema = {
  type: 'object',
  properties: {
    sort: { type: 'string', maxLength: 200 },
    range: { type: 'string', maxLength: 50 },
    filter: { type: 'string', maxLength: 5000 },
  },
} as const;

function parseJson(raw: string, name: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw new BadRequestError(`Query parameter "${name}" is not valid JSON.`, [
      issue(`/${name}`, 'list.invalidJson', `"${name}" er ikke gyldig JSON.`, `"${name}" is not valid JSON.`),
    ]);
  }
}

export interface ListOptions<F extends string> {
  sortable: readonly F[];
  defaultSort: F;
  defaultOrder?: 'asc' | 'desc';
  filterable: readonly string[];
  maxLimit?: number;
}

export function parseList<F extends string>(q: ListQuery, opts: ListOptions<F>): ListParams<F> {
  let sortField = opts.defaultSort;
  let sortOrder: 'asc' | 'desc' = opts.defaultOrder ?? 'desc';
  if (q.sort) {
    const s = parseJson(q.sort, 'sort');
    if (
      !Array.isArray(s) ||
      s.length !== 2 ||
      typeof s[0] !== 'string' ||
      !/^(ASC|DESC)$/i.test(String(s[1]))
    ) {
      throw new BadRequestError('sort must be ["field","ASC"|"DESC"].', [
        issue(
          '/sort',
          'list.sort',
          'sort skal være ["felt","ASC"|"DESC"].',
          'sort must be ["field","ASC"|"DESC"].',
        ),
      ]);
    }
    if (!(opts.sortable as readonly string[]).includes(s[0])) {
      throw new BadRequestError(`Cannot sort by "${s[0]}"; sortable: ${opts.sortable.join(', ')}.`, [
        issue(
          '/sort/0',
          'list.sortField',
          `Der kan ikke sorteres efter "${s[0]}".`,
          `Cannot sort by "${s[0]}".`,
        ),
      ]);
    }
    sortField = s[0] as F;
    sortOrder = String(s[1]).toLowerCase() as 'asc' | 'desc';
  }
  const max = opts.maxLimit ?? 1000;
  let offset = 0;
  let limit = 25;
  if (q.range) {
    const r = parseJson(q.range, 'range');
    if (
      !Array.isArray(r) ||
      r.length !== 2 ||
      !Number.isInteger(r[0]) ||
      !Number.isInteger(r[1]) ||
      r[0] < 0 ||
      r[1] < r[0]
    ) {
      throw new BadRequestError('range must be [first, last] with 0 ≤ first ≤ last.', [
        issue('/range', 'list.range', 'range skal være [første, sidste].', 'range must be [first, last].'),
      ]);
    }
    offset = r[0];
    limit = Math.min(r[1] - r[0] + 1, max);
  }
  let filter: Record<string, unknown> = {};
  if (q.filter) {
    const f = parseJson(q.filter, 'filter');
    if (f === null || typeof f !== 'object' || Array.isArray(f)) {
      throw new BadRequestError('filter must be a JSON object.', [
        issue('/filter', 'list.filter', 'filter skal være et JSON-objekt.', 'filter must be a JSON object.'),
      ]);
    }
    for (const key of Object.keys(f)) {
      if (!opts.filterable.includes(key)) {
        throw new BadRequestError(`Cannot filter by "${key}"; filterable: ${opts.filterable.join(', ')}.`, [
          issue(
            `/filter/${key}`,
            'list.filterField',
            `Der kan ikke filtreres på "${key}".`,
            `Cannot filter by "${key}".`,
          ),
        ]);
      }
    }
    filter = f as Record<string, unknown>;
  }
  return { sortField, sortOrder, offset, limit, filter };
}

/** Sets Content-Range (and exposes it to browsers) for a page of a list. */
export function setContentRange(
  reply: FastifyReply,
  resource: string,
  offset: number,
  count: number,
  total: number,
): void {
  const end = count === 0 ? offset : offset + count - 1;
  reply.header('content-range', `${resource} ${offset}-${end}/${total}`);
  reply.header('access-control-expose-headers', 'Content-Range');
}

/**
 * A react-admin list route's body: parse `sort`/`range`/`filter`, fetch the page, answer with
 * its rows and `Content-Range`.
 */
export async function listPage<F extends string, R>(
  request: { query: ListQuery },
  reply: FastifyReply,
  resource: string,
  options: ListOptions<F>,
  fetch: (params: ListParams<F>) => Promise<{ rows: R[]; total: number }>,
): Promise<R[]> {
  const params = parseList<F>(request.query, options);
  const { rows, total } = await fetch(params);
  setContentRange(reply, resource, params.offset, rows.length, total);
  return rows;
}
