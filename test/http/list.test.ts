/**
 * http/list.ts, the one list helper: the filter readers a ListSpec is made of, and the 400s
 * (title, pointer) a wrong filter gets. The list routes' own tests (test/api) cover the SQL side.
 */
import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../../server/src/http/errors.js';
import { filters, parseFilter } from '../../server/src/http/list.js';

const READERS = {
  name: filters.strings,
  number: filters.values,
  q: filters.text,
  id: filters.uuids,
  version: filters.integers,
  disabled: filters.boolean,
  from: filters.time,
  to: filters.until,
  owner: filters.codesOrNull,
  status: filters.oneOf(['pending', 'approved'] as const),
};

const parse = (f: object) => parseFilter(JSON.stringify(f), READERS);

function refusal(f: object): { pointer: string; title: string } {
  try {
    parse(f);
  } catch (e) {
    if (e instanceof BadRequestError) {
      const errors = e.fields.errors ?? [];
      return { pointer: errors[0]?.pointer ?? '', title: e.title };
    }
    throw e;
  }
  throw new Error(`accepted ${JSON.stringify(f)}`);
}

describe('filter readers', () => {
  it('types what it reads, and leaves out what asks for nothing', () => {
    const id = '0b7f7a8e-6c1d-4f39-9d3e-2f1a5b6c7d8e';
    expect(
      parse({
        name: 'a',
        number: [1001, '1002'],
        q: ['', 'tand'],
        id: [id, 'not-a-uuid'],
        version: ['2', 3],
        disabled: 'false',
        from: '2026-06-01',
        to: '2026-06-01',
        owner: ['851', null],
        status: 'pending',
      }),
    ).toEqual({
      name: ['a'],
      number: ['1001', '1002'],
      q: 'tand',
      id: [id],
      version: [2, 3],
      disabled: false,
      from: new Date('2026-06-01T00:00:00Z'),
      to: new Date('2026-06-02T00:00:00Z'),
      owner: ['851', null],
      status: ['pending'],
    });
    expect(parse({ name: null, q: '', from: '' })).toEqual({});
    expect(parseFilter(undefined, READERS)).toEqual({});
  });

  it('refuses a value of the wrong kind with a 400 naming /filter/<key>', () => {
    for (const [key, value] of [
      ['name', 5],
      ['number', { x: 1 }],
      ['version', 0],
      ['version', '1.5'],
      ['disabled', 'yes'],
      ['from', 'yesterday'],
      ['to', '2026-02-30'],
      ['owner', 5],
      ['status', 'void'],
    ] as const) {
      expect(refusal({ [key]: value })).toEqual({ pointer: `/filter/${key}`, title: 'Bad Request' });
    }
  });

  it('refuses a key the list does not filter by, and a filter that is not an object', () => {
    expect(refusal({ cpr: '1' })).toEqual({ pointer: '/filter/cpr', title: 'Bad Request' });
    expect(() => parseFilter('[1]', READERS)).toThrow(BadRequestError);
    expect(() => parseFilter('{', READERS)).toThrow(BadRequestError);
  });
});
