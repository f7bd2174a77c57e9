/**
 * Validation problems as people read them: every error and warning names the field with a JSON
 * pointer (RFC 6901) and says what is wrong in Danish and English. `message` is the English
 * text (for ERP developers and logs); `messages.da` is what the Danish console shows.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { issue, pointerToken, type Issue } from './issue.js';

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

export { issue, pointer, pointerToken, type Issue, type Severity } from './issue.js';

/** Reads the value at a JSON pointer, or undefined. */
export function valueAt(root: unknown, ptr: string): unknown {
  if (ptr === '') return root;
  let cur: unknown = root;
  for (const raw of ptr.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur as object, key)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

export function createAjv(): Ajv2020 {
  // strict, except strictRequired: the schema's if/then discriminators name properties ("all",
  // "any"…) in `required` without redeclaring them, which is correct JSON Schema.
  const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true, allowUnionTypes: true });
  addFormats(ajv);
  return ajv;
}

function describeType(t: unknown): { da: string; en: string } {
  const names: Record<string, [string, string]> = {
    string: ['tekst', 'a string'],
    number: ['et tal', 'a number'],
    integer: ['et heltal', 'an integer'],
    boolean: ['true eller false', 'true or false'],
    object: ['et objekt', 'an object'],
    array: ['en liste', 'an array'],
    null: ['null', 'null'],
  };
  const list = (Array.isArray(t) ? t : [t]).map((x) => names[String(x)] ?? [String(x), String(x)]);
  return { da: list.map((x) => x[0]).join(' eller '), en: list.map((x) => x[1]).join(' or ') };
}

/** Turns ajv's errors into {@link Issue}s, most specific first, one per pointer and keyword. */
export function ajvIssues(errors: ErrorObject[] | null | undefined, data: unknown): Issue[] {
  if (!errors) return [];
  const out: Issue[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    // if/then/else and anyOf wrappers only repeat what their branches already said.
    if (e.keyword === 'if' || e.keyword === 'anyOf' || e.keyword === 'oneOf') continue;
    const base = e.instancePath;
    const value = valueAt(data, base);
    let ptr = base;
    let da: string;
    let en: string;
    switch (e.keyword) {
      case 'required': {
        const prop = (e.params as { missingProperty: string }).missingProperty;
        ptr = `${base}/${pointerToken(prop)}`;
        da = `"${prop}" mangler og skal udfyldes.`;
        en = `"${prop}" is missing and is required.`;
        break;
      }
      case 'additionalProperties': {
        const prop = (e.params as { additionalProperty: string }).additionalProperty;
        ptr = `${base}/${pointerToken(prop)}`;
        da = `"${prop}" er ikke et kendt felt her (stavefejl?).`;
        en = `"${prop}" is not a known field here (a typo?).`;
        break;
      }
      case 'type': {
        const expected = describeType((e.params as { type: unknown }).type);
        if (typeof value === 'number' && /money/i.test(e.schemaPath)) {
          da = `Beløb skal angives som tekst med højst to decimaler, fx "${value}", ikke som et JSON-tal.`;
          en = `Money must be a decimal string with at most two decimals, e.g. "${value}", not a JSON number.`;
        } else {
          da = `Skal være ${expected.da}.`;
          en = `Must be ${expected.en}.`;
        }
        break;
      }
      case 'pattern': {
        const pattern = (e.params as { pattern: string }).pattern;
        if (/money/i.test(e.schemaPath)) {
          da = `${JSON.stringify(value)} er ikke et gyldigt beløb; skriv fx "1234.50" (punktum, højst to decimaler).`;
          en = `${JSON.stringify(value)} is not a valid amount; write e.g. "1234.50" (a point, at most two decimals).`;
        } else {
          da = `${JSON.stringify(value)} har ikke det krævede format (${pattern}).`;
          en = `${JSON.stringify(value)} does not have the required format (${pattern}).`;
        }
        break;
      }
      case 'format': {
        const format = (e.params as { format: string }).format;
        const human: Record<string, [string, string]> = {
          date: ['en gyldig dato (ÅÅÅÅ-MM-DD)', 'a valid date (YYYY-MM-DD)'],
          'date-time': [
            'et gyldigt tidspunkt (ISO 8601, fx 2025-03-02T10:00:00Z)',
            'a valid timestamp (ISO 8601, e.g. 2025-03-02T10:00:00Z)',
          ],
          regex: ['et gyldigt regulært udtryk', 'a valid regular expression'],
        };
        const [hda, hen] = human[format] ?? [format, format];
        da = `${JSON.stringify(value)} er ikke ${hda}.`;
        en = `${JSON.stringify(value)} is not ${hen}.`;
        break;
      }
      case 'enum': {
        const allowed = (e.params as { allowedValues: unknown[] }).allowedValues
          .map((v) => JSON.stringify(v))
          .join(', ');
        da = `${JSON.stringify(value)} er ikke tilladt; brug en af: ${allowed}.`;
        en = `${JSON.stringify(value)} is not allowed; use one of: ${allowed}.`;
        break;
      }
      case 'const': {
        const allowed = JSON.stringify((e.params as { allowedValue: unknown }).allowedValue);
        da = `Skal være ${allowed}.`;
        en = `Must be ${allowed}.`;
        break;
      }
      case 'minLength':
        da =
          (e.params as { limit: number }).limit === 1
            ? 'Må ikke være tom.'
            : `Skal være mindst ${(e.params as { limit: number }).limit} tegn.`;
        en =
          (e.params as { limit: number }).limit === 1
            ? 'Must not be empty.'
            : `Must be at least ${(e.params as { limit: number }).limit} characters.`;
        break;
      case 'maxLength':
        da = `Må højst være ${(e.params as { limit: number }).limit} tegn.`;
        en = `Must be at most ${(e.params as { limit: number }).limit} characters.`;
        break;
      case 'minItems':
        da = `Skal have mindst ${(e.params as { limit: number }).limit} element(er).`;
        en = `Must have at least ${(e.params as { limit: number }).limit} item(s).`;
        break;
      case 'maxItems':
        da = `Må højst have ${(e.params as { limit: number }).limit} elementer.`;
        en = `Must have at most ${(e.params as { limit: number }).limit} items.`;
        break;
      case 'minProperties':
        da = `Skal have mindst ${(e.params as { limit: number }).limit} felt(er).`;
        en = `Must have at least ${(e.params as { limit: number }).limit} field(s).`;
        break;
      case 'maxProperties':
        da = `Må højst have ${(e.params as { limit: number }).limit} felter.`;
        en = `Must have at most ${(e.params as { limit: number }).limit} fields.`;
        break;
      case 'uniqueItems': {
        const { i, j } = e.params as { i: number; j: number };
        da = `Elementerne ${j} og ${i} er ens; hvert element må kun forekomme én gang.`;
        en = `Items ${j} and ${i} are identical; each item may appear only once.`;
        break;
      }
      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum': {
        const { comparison, limit } = e.params as { comparison: string; limit: number };
        da = `Skal være ${comparison} ${limit}.`;
        en = `Must be ${comparison} ${limit}.`;
        break;
      }
      case 'propertyNames':
        continue; // reported through the nested pattern error
      default:
        da = e.message ?? 'Ugyldig værdi.';
        en = e.message ?? 'Invalid value.';
    }
    const key = `${ptr}|${e.keyword}|${en}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(issue(ptr, `schema.${e.keyword}`, da, en));
  }
  return out;
}

export type { ValidateFunction };
