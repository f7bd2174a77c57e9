/**
 * The path parameters every route shares, defined once: `:m` (the municipality), `:id` and
 * `:n` (a version number). Path and query parameters arrive as strings (the app does not coerce).
 */

/** `:m`, the 3-digit kommunekode. */
export const municipalityParam = {
  type: 'string',
  pattern: '^[0-9]{3}$',
  description: 'The municipality code (kommunekode), e.g. "851"',
} as const;

/** An id in the path; one that names nothing is a 404 (the services check its form). */
export const idParam = { type: 'string', minLength: 1, maxLength: 100 } as const;

/** A UUID id in the path, checked by the schema (the database column is a uuid). */
export const uuidParam = { type: 'string', format: 'uuid' } as const;

/** A positive integer as a string (a version number in the path or the query). */
export const positiveIntegerString = { type: 'string', pattern: '^[1-9][0-9]{0,8}$' } as const;

export const mParams = { type: 'object', required: ['m'], properties: { m: municipalityParam } } as const;

export const mIdParams = {
  type: 'object',
  required: ['m', 'id'],
  properties: { m: municipalityParam, id: idParam },
} as const;
