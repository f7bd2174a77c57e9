import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/**
 * A content hash: SHA-256 of the RFC 8785 canonical JSON (sorted keys, normalised numbers), so
 * the same content always hashes the same whatever its key order or whitespace.
 */
export function contentHash(value: unknown): string {
  const json = canonicalize(value);
  if (json === undefined) throw new TypeError('Cannot hash a value with no JSON form');
  return 'sha256:' + createHash('sha256').update(json).digest('hex');
}
