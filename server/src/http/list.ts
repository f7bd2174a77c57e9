/**
 * THE way a list route works — react-admin's list conventions (ra-data-simple-rest):
 * `sort=["field","ASC"]`, `range=[0,24]`, `filter={"status":"manual"}`; the answer carries
 * `Content-Range: <resource> 0-24/319`. A route declares a ListSpec — what sorts, and a reader
 * per filter key — and answers with `listPage`; the repository gets the typed filter and a Page
 * (db/list-query.ts), never the query string. Only declared fields sort and filter; a value of
 * the wrong kind is a 400 naming `/filter/<name>`.
 */
import type { FastifyReply } from 'fastify';
import { isCalendarDate } from '../domain/dates.js';
import { issue } from '../domain/issues.js';
import { isUuid } from '../domain/uuid.js';
import type { Page, PageOf } from '../db/list-query.js';
import { BadRequestError } from './errors.js';

export interface ListQuery {
  sort?: string;
  range?: string;
  filter?: string;
}

export const listQuerySchema = {
  type: 'object',
  properties: {
    sort: { type: 'string', maxLength: 200 },
    range: { type: 'string', maxLength: 50 },
    filter: { type: 'string', maxLength: 5000 },
  },
} as const;

// ---- filter values ----

/** Reads one `filter` value (never undefined; null is passed on): the typed value, or undefined for "no condition". */
export type FilterReader<T> = (name: string, value: unknown) => T | undefined;

function badValue(name: string, en: string, da: string): BadRequestError {
  return new BadRequestError(`filter.${name} ${en}.`, [
    issue(`/filter/${name}`, 'list.filterValue', `filter.${name} ${da}.`, `filter.${name} ${en}.`),
  ]);
}

function strings(name: string, value: unknown, numbers = false): string[] | undefined {
  if (value === null) return undefined;
  const list = Array.isArray(value) ? value : [value];
  if (!list.every((v) => typeof v === 'string' || (numbers && typeof v === 'number'))) {
    throw badValue(
      name,
      'must be a string or a list of strings',
      'skal være tekst eller en liste af tekster',
    );
  }
  return list.map(String);
}

function time(name: string, value: unknown, endOfDay: boolean): Date | undefined {
  if (value === null || value === '') return undefined;
  const bad = () =>
    badValue(
      name,
      'must be a date or an ISO 8601 timestamp',
      'skal være en dato eller et tidspunkt (ISO 8601)',
    );
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}([T ].*)?$/.test(value)) throw bad();
  const dateOnly = value.length === 10;
  const d = new Date(dateOnly ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(d.getTime()) || !isCalendarDate(value.slice(0, 10))) throw bad();
  if (dateOnly && endOfDay) d.setUTCDate(d.getUTCDate() + 1);
  return d;
}

/** The readers a ListSpec's `filters` are made of. */
export const filters = {
  /** A string or a list of them. */
  strings: ((name, value) => strings(name, value)) satisfies FilterReader<string[]>,
  /** The same, numbers taken as their text (the ledger's and the decision log's values: numbers, codes). */
  values: ((name, value) => strings(name, value, true)) satisfies FilterReader<string[]>,
  /** One string (the first of a list): a free-text search or a single name. Empty means no condition. */
  text: ((name, value) => strings(name, value)?.find((s) => s !== '')) satisfies FilterReader<string>,
  /** Ids (react-admin's getMany sends a list): anything that is not a UUID matches nothing. */
  uuids: ((name, value) => strings(name, value, true)?.filter(isUuid)) satisfies FilterReader<string[]>,
  /** A positive integer or a list of them (a version number, as a number or a string). */
  integers: ((name, value) => {
    const list = strings(name, value, true);
    if (list === undefined) return undefined;
    if (!list.every((v) => /^[1-9][0-9]{0,8}$/.test(v))) {
      throw badValue(
        name,
        'must be a positive integer or a list of them',
        'skal være et positivt heltal eller en liste af dem',
      );
    }
    return list.map(Number);
  }) satisfies FilterReader<number[]>,
  /** true/false (react-admin sends booleans, a hand-written query may say "true"). */
  boolean: ((name, value) => {
    if (value === null) return undefined;
    if (value === true || value === 'true') return true;
    if (value === false || value === 'false') return false;
    throw badValue(name, 'must be true or false', 'skal være true eller false');
  }) satisfies FilterReader<boolean>,
  /** A date (YYYY-MM-DD, midnight UTC) or an ISO 8601 timestamp. */
  time: ((name, value) => time(name, value, false)) satisfies FilterReader<Date>,
  /** The same as an upper bound of a period: a date includes that whole day (the next midnight). */
  until: ((name, value) => time(name, value, true)) satisfies FilterReader<Date>,
  /** Codes or null (the platform's own, e.g. audit events and national templates), or a list of them. */
  codesOrNull: ((name, value) => {
    const list = Array.isArray(value) ? value : [value];
    if (!list.every((v) => v === null || typeof v === 'string')) {
      throw badValue(
        name,
        'must be a code, null, or a list of them',
        'skal være en kode, null eller en liste af dem',
      );
    }
    return list as (string | null)[];
  }) satisfies FilterReader<(string | null)[]>,
  /** One or more of the given values. */
  oneOf<V extends string>(values: readonly V[]): FilterReader<V[]> {
    return (name, value) => {
      const list = strings(name, value);
      if (list === undefined) return undefined;
      if (!list.every((v) => (values as readonly string[]).includes(v))) {
        throw badValue(name, `must be one of ${values.join(', ')}`, `skal være en af ${values.join(', ')}`);
      }
      return list as V[];
    };
  },
};

// ---- the list ----

export type FilterReaders = Record<string, FilterReader<unknown>>;

/** A list's typed filter: each key present only when the request filters by it. */
export type FilterOf<R extends FilterReaders> = {
  [K in keyof R]?: R[K] extends FilterReader<infer T> ? T : never;
};

export interface ListSpec<S extends string, R extends FilterReaders> {
  /** The resource named in Content-Range. */
  resource: string;
  sortable: readonly S[];
  defaultSort: S;
  defaultOrder?: 'asc' | 'desc';
  /** The filter keys this list takes, each with its reader. */
  filters: R;
  maxLimit?: number;
}

function parseJson(raw: string, name: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw new BadRequestError(`Query parameter "${name}" is not valid JSON.`, [
      issue(`/${name}`, 'list.invalidJson', `"${name}" er ikke gyldig JSON.`, `"${name}" is not valid JSON.`),
    ]);
  }
}

function parsePage<S extends string>(q: ListQuery, spec: ListSpec<S, FilterReaders>): Page<S> {
  let sortField = spec.defaultSort;
  let sortOrder: 'asc' | 'desc' = spec.defaultOrder ?? 'desc';
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
    if (!(spec.sortable as readonly string[]).includes(s[0])) {
      throw new BadRequestError(`Cannot sort by "${s[0]}"; sortable: ${spec.sortable.join(', ')}.`, [
        issue(
          '/sort/0',
          'list.sortField',
          `Der kan ikke sorteres efter "${s[0]}".`,
          `Cannot sort by "${s[0]}".`,
        ),
      ]);
    }
    sortField = s[0] as S;
    sortOrder = String(s[1]).toLowerCase() as 'asc' | 'desc';
  }
  const max = spec.maxLimit ?? 1000;
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
  return { sortField, sortOrder, offset, limit };
}

/** The typed filter of `filter=` (also for routes that aggregate rather than list, e.g. a summary). */
export function parseFilter<R extends FilterReaders>(raw: string | undefined, readers: R): FilterOf<R> {
  if (!raw) return {};
  const f = parseJson(raw, 'filter');
  if (f === null || typeof f !== 'object' || Array.isArray(f)) {
    throw new BadRequestError('filter must be a JSON object.', [
      issue('/filter', 'list.filter', 'filter skal være et JSON-objekt.', 'filter must be a JSON object.'),
    ]);
  }
  const keys = Object.keys(readers);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(f)) {
    if (!Object.hasOwn(readers, key)) {
      throw new BadRequestError(`Cannot filter by "${key}"; filterable: ${keys.join(', ')}.`, [
        issue(
          `/filter/${key}`,
          'list.filterField',
          `Der kan ikke filtreres på "${key}".`,
          `Cannot filter by "${key}".`,
        ),
      ]);
    }
    if (value === undefined) continue;
    const typed = readers[key]!(key, value);
    if (typed !== undefined) out[key] = typed;
  }
  return out as FilterOf<R>;
}

/** Sets Content-Range (and exposes it to browsers) for a page of a list. */
function setContentRange(
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
 * A list route's body: read `sort`/`range`/`filter` by the spec, fetch the page, answer with its
 * rows and `Content-Range`.
 */
export async function listPage<S extends string, R extends FilterReaders, Row>(
  query: ListQuery,
  reply: FastifyReply,
  spec: ListSpec<S, R>,
  fetch: (filter: FilterOf<R>, page: Page<S>) => Promise<PageOf<Row>>,
): Promise<Row[]> {
  const page = parsePage(query, spec);
  const filter = parseFilter(query.filter, spec.filters);
  const { rows, total } = await fetch(filter, page);
  setContentRange(reply, spec.resource, page.offset, rows.length, total);
  return rows;
}
