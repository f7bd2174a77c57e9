import { createHash } from 'node:crypto';
import { configure } from 'safe-stable-stringify';

/**
 * RFC 8785 canonical JSON for the content hash. safe-stable-stringify with sorted keys writes the
 * same text as the `canonicalize` package (sorted keys by UTF-16 code units, ECMAScript number
 * form, JSON.stringify's string escapes; test/domain/hash.test.ts compares them) at ≈ 2.5× its
 * speed — the hash is computed for every evaluation. Anything that has no JSON form (NaN,
 * Infinity, a function, a cycle, a bigint) throws.
 */
const stringify = configure({ strict: true, circularValue: Error, bigint: false, deterministic: true });

/** An escaped lone surrogate in JSON.stringify's output (an even run of backslashes before it). */
const LONE_SURROGATE = /(?<!\\)(?:\\\\)*\\ud[89a-f][0-9a-f]{2}/i;

export function canonicalJson(value: unknown): string | undefined {
  const json = stringify(value);
  // RFC 8785 (and `canonicalize`) refuse strings that are not well-formed Unicode
  if (json !== undefined && json.includes('\\ud') && LONE_SURROGATE.test(json)) {
    throw new Error('Lone surrogate is not allowed');
  }
  return json;
}

/**
 * A content hash: SHA-256 of the RFC 8785 canonical JSON (sorted keys, normalised numbers), so
 * the same content always hashes the same whatever its key order or whitespace.
 */
export function contentHash(value: unknown): string {
  const json = canonicalJson(value);
  if (json === undefined) throw new TypeError('Cannot hash a value with no JSON form');
  return 'sha256:' + createHash('sha256').update(json).digest('hex');
}
