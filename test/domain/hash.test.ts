import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash } from '../../server/src/domain/hash.js';
import { documentArb } from '../support/arbitraries.js';

// canonicalJson replaced the `canonicalize` package for the content hash: the hashes of stored
// documents must not change, so the text must be the same for every JSON value.
describe('canonicalJson', () => {
  it('writes the same text as canonicalize for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(canonicalJson(v)).toBe(canonicalize(v));
      }),
      { numRuns: 2000 },
    );
  });

  it('writes the same text, or refuses, as canonicalize for strings of any UTF-16 code units', () => {
    const outcome = (f: () => string | undefined): string => {
      try {
        return `ok ${f()}`;
      } catch {
        return 'refused';
      }
    };
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: 'binary' }), (v) => {
        expect(outcome(() => canonicalJson(v))).toBe(outcome(() => canonicalize(v)));
      }),
      { numRuns: 2000 },
    );
  });

  it('writes the same text as canonicalize for any canonical document', () => {
    fc.assert(
      fc.property(documentArb, (doc) => {
        expect(canonicalJson(doc)).toBe(canonicalize(doc));
      }),
      { numRuns: 500 },
    );
  });

  it('handles what JSON.parse cannot give the same way: undefined, Date, escapes', () => {
    const v = {
      z: [undefined, new Date(0), -0, 1e21, 1e-7],
      a: undefined,
      'é\u2028': 'q"\\\u0001\ud83d\ude00',
      b: { y: 'a\\ud800', x: {} },
    };
    expect(canonicalJson(v)).toBe(canonicalize(v));
  });

  it('refuses what has no canonical form, as canonicalize does', () => {
    for (const bad of ['a\ud800', { ['\udc00']: 1 }, ['x\\\ud83d'], { a: NaN }, [Infinity]]) {
      expect(() => canonicalize(bad)).toThrow();
      expect(() => canonicalJson(bad)).toThrow();
    }
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => canonicalJson(cycle)).toThrow();
  });

  it('keeps the hash of a known document', () => {
    expect(contentHash({ b: [1, 'x'], a: { d: null, c: true } })).toBe(
      'sha256:' + createHash('sha256').update('{"a":{"c":true,"d":null},"b":[1,"x"]}').digest('hex'),
    );
  });
});
