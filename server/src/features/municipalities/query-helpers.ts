/**
 * Small SQL helpers for the list routes of the municipality-scoped features (municipalities,
 * users, API keys, audit events): react-admin's `filter.id` and free-text `filter.q`.
 */
import { sql, type RawBuilder } from 'kysely';
import { BadRequestError } from '../../http/errors.js';
import { issue } from '../../domain/issues.js';

/** A condition that holds for no row (an empty `in` list is not valid SQL). */
export const NO_ROWS: RawBuilder<boolean> = sql<boolean>`false`;

/** Escapes LIKE wildcards so a search for "a_b" finds "a_b", then wraps it in %…%. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `filter.id`: one id or a list of them (react-admin's getMany); null when absent. */
export function idFilter(value: unknown): string[] | null {
  if (value === undefined || value === null) return null;
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** A string filter value, or a list of them; null when absent. */
export function stringsFilter(name: string, value: unknown): string[] | null {
  if (value === undefined || value === null) return null;
  const list = Array.isArray(value) ? value : [value];
  if (!list.every((v) => typeof v === 'string')) {
    throw new BadRequestError(`filter.${name} must be a string or a list of strings.`, [
      issue(
        `/filter/${name}`,
        'list.filterValue',
        `filter.${name} skal være tekst eller en liste af tekster.`,
        `filter.${name} must be a string or a list of strings.`,
      ),
    ]);
  }
  return list as string[];
}

/** A boolean filter value (react-admin sends true/false, query strings may say "true"). */
export function booleanFilter(name: string, value: unknown): boolean | null {
  if (value === undefined || value === null) return null;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new BadRequestError(`filter.${name} must be true or false.`, [
    issue(
      `/filter/${name}`,
      'list.filterValue',
      `filter.${name} skal være true eller false.`,
      `filter.${name} must be true or false.`,
    ),
  ]);
}

/** A timestamp filter value (ISO 8601); null when absent. */
export function timeFilter(name: string, value: unknown): Date | null {
  if (value === undefined || value === null || value === '') return null;
  const d = typeof value === 'string' ? new Date(value) : new Date(NaN);
  if (Number.isNaN(d.getTime())) {
    throw new BadRequestError(`filter.${name} must be an ISO 8601 date or timestamp.`, [
      issue(
        `/filter/${name}`,
        'list.filterValue',
        `filter.${name} skal være en dato eller et tidspunkt (ISO 8601).`,
        `filter.${name} must be an ISO 8601 date or timestamp.`,
      ),
    ]);
  }
  return d;
}
