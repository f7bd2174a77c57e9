/**
 * Reading react-admin `filter` values for the decision log and the ledger: a value or a list of
 * values, booleans, timestamps — each a 400 naming `/filter/<name>` when it is not what it should be.
 */
import { isUuid } from '../../domain/uuid.js';
import { issue } from '../../domain/issues.js';
import { BadRequestError } from '../../http/errors.js';

function bad(name: string, en: string, da: string): BadRequestError {
  return new BadRequestError(`filter.${name} ${en}.`, [
    issue(`/filter/${name}`, 'list.filterValue', `filter.${name} ${da}.`, `filter.${name} ${en}.`),
  ]);
}

/** A string or a list of strings; null when absent. */
export function stringsFilter(name: string, value: unknown): string[] | null {
  if (value === undefined || value === null) return null;
  const list = Array.isArray(value) ? value : [value];
  if (!list.every((v) => typeof v === 'string' || typeof v === 'number')) {
    throw bad(name, 'must be a string or a list of strings', 'skal være tekst eller en liste af tekster');
  }
  return list.map(String);
}

/** Ids (react-admin's getMany sends a list): anything that is not a UUID matches nothing. */
export function idsFilter(name: string, value: unknown): string[] | null {
  const list = stringsFilter(name, value);
  return list === null ? null : list.filter((id) => isUuid(id));
}

/** A positive integer or a list of them (a version number, as a number or a string); null when absent. */
export function integersFilter(name: string, value: unknown): number[] | null {
  const list = stringsFilter(name, value);
  if (list === null) return null;
  if (!list.every((v) => /^[1-9][0-9]{0,8}$/.test(v))) {
    throw bad(
      name,
      'must be a positive integer or a list of them',
      'skal være et positivt heltal eller en liste af dem',
    );
  }
  return list.map(Number);
}

export function booleanFilter(name: string, value: unknown): boolean | null {
  if (value === undefined || value === null) return null;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw bad(name, 'must be true or false', 'skal være true eller false');
}

/** A date (YYYY-MM-DD, midnight UTC; `endOfDay` makes it the next midnight) or an ISO 8601 timestamp. */
export function timeFilter(name: string, value: unknown, endOfDay = false): Date | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}([T ].*)?$/.test(value)) {
    throw bad(
      name,
      'must be a date or an ISO 8601 timestamp',
      'skal være en dato eller et tidspunkt (ISO 8601)',
    );
  }
  const dateOnly = value.length === 10;
  const d = new Date(dateOnly ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(d.getTime()) || !isCalendarDate(value.slice(0, 10))) {
    throw bad(
      name,
      'must be a date or an ISO 8601 timestamp',
      'skal være en dato eller et tidspunkt (ISO 8601)',
    );
  }
  if (dateOnly && endOfDay) d.setUTCDate(d.getUTCDate() + 1);
  return d;
}

/** True when "YYYY-MM-DD" is a real day (JavaScript's Date quietly turns 2026-02-30 into 2 March). */
export function isCalendarDate(ymd: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}
