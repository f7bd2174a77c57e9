/** The console's HTTP conventions: problem+json → HttpError with field paths, Content-Range totals. */
import { describe, expect, it } from 'vitest';
import { changedFields, totalOf } from '../../admin-ui/src/dataProvider/index.js';
import { pointerToPath, problemToHttpError } from '../../admin-ui/src/dataProvider/http.js';

describe('the console data provider', () => {
  it('turns JSON pointers into react-hook-form paths', () => {
    expect(pointerToPath('/serviceNumbers/3/maxAmount')).toBe('serviceNumbers.3.maxAmount');
    expect(pointerToPath('/a~1b/c~0d')).toBe('a/b.c~d');
    expect(pointerToPath('')).toBe('');
  });

  it('keeps a 422 problem in the HttpError body, its pointers as form errors in Danish', () => {
    const err = problemToHttpError({
      status: 422,
      title: 'Unprocessable Content',
      detail: 'The ruleset is not valid.',
      errors: [
        {
          pointer: '/serviceNumbers/3/maxAmount',
          message: 'Money must be a decimal string',
          messages: { da: 'Beløb skal angives som tekst', en: 'Money must be a decimal string' },
        },
        { pointer: '', message: 'Whole document' },
      ],
    });
    expect(err.status).toBe(422);
    expect(err.message).toBe('Beløb skal angives som tekst');
    expect(err.body.errors).toEqual({
      'serviceNumbers.3.maxAmount': 'Beløb skal angives som tekst',
      'root.serverError': 'Whole document',
    });
    expect(err.body.problems).toHaveLength(2);
    expect(err.body.detail).toBe('The ruleset is not valid.');
  });

  it('a problem without pointers has no form errors (react-admin notifies instead)', () => {
    const err = problemToHttpError({ status: 409, title: 'Conflict', detail: 'The draft changed.' });
    expect(err.message).toBe('The draft changed.');
    expect(err.body.errors).toBeUndefined();
  });

  it('reads the total from Content-Range and sends only changed fields', () => {
    expect(totalOf(new Headers({ 'content-range': 'users 0-24/319' }), 25)).toBe(319);
    expect(totalOf(new Headers(), 3)).toBe(3);
    expect(
      changedFields({ id: 'x', role: 'admin', disabled: true }, { id: 'x', role: 'admin', disabled: false }),
    ).toEqual({ disabled: true });
  });
});
