/**
 * Operators, with json-rules-engine 7's semantics reproduced exactly (the reference engine is
 * kept as the judge: see reference.ts and the differential test): an operator is a callback
 * guarded by an optional fact-value validator, and decorators (`not:`, `swap:`, `someFact:`,
 * `everyFact:`, `someValue:`, `everyValue:`) wrap operators by name, e.g. `someFact:greaterThan`.
 *
 * The money operators are ours: exact comparison of decimal strings in øre. Anything that is
 * not a money amount (a number, "1e3", null) makes every money comparison false — including
 * moneyNotEqual — so a malformed amount never slips through as "different".
 */
import { parseMoney } from '../domain/money.js';

export type OperatorFn = (factValue: unknown, jsonValue: unknown) => boolean;

export interface OperatorDef {
  name: string;
  cb: (a: unknown, b: unknown) => boolean;
  validator?: (factValue: unknown) => boolean;
}

/** json-rules-engine's numberValidator, verbatim. */
export function numberValidator(factValue: unknown): boolean {
  return Number.parseFloat(factValue as string).toString() !== 'NaN';
}

/* eslint-disable @typescript-eslint/no-explicit-any -- reproducing untyped JS semantics on purpose */
export const BUILTIN_OPERATORS: readonly OperatorDef[] = [
  { name: 'equal', cb: (a, b) => a === b },
  { name: 'notEqual', cb: (a, b) => a !== b },
  { name: 'in', cb: (a, b) => (b as any).indexOf(a) > -1 },
  { name: 'notIn', cb: (a, b) => (b as any).indexOf(a) === -1 },
  { name: 'contains', cb: (a, b) => (a as any).indexOf(b) > -1, validator: Array.isArray },
  { name: 'doesNotContain', cb: (a, b) => (a as any).indexOf(b) === -1, validator: Array.isArray },
  { name: 'lessThan', cb: (a, b) => (a as any) < (b as any), validator: numberValidator },
  { name: 'lessThanInclusive', cb: (a, b) => (a as any) <= (b as any), validator: numberValidator },
  { name: 'greaterThan', cb: (a, b) => (a as any) > (b as any), validator: numberValidator },
  { name: 'greaterThanInclusive', cb: (a, b) => (a as any) >= (b as any), validator: numberValidator },
];

function moneyCompare(test: (diff: number) => boolean): (a: unknown, b: unknown) => boolean {
  return (a, b) => {
    const x = parseMoney(a);
    if (x === null) return false;
    const y = parseMoney(b);
    if (y === null) return false;
    return test(x - y);
  };
}

export const MONEY_OPERATORS: readonly OperatorDef[] = [
  { name: 'moneyEqual', cb: moneyCompare((d) => d === 0) },
  { name: 'moneyNotEqual', cb: moneyCompare((d) => d !== 0) },
  { name: 'moneyLessThan', cb: moneyCompare((d) => d < 0) },
  { name: 'moneyLessThanInclusive', cb: moneyCompare((d) => d <= 0) },
  { name: 'moneyGreaterThan', cb: moneyCompare((d) => d > 0) },
  { name: 'moneyGreaterThanInclusive', cb: moneyCompare((d) => d >= 0) },
];

export interface DecoratorDef {
  name: string;
  cb: (factValue: unknown, jsonValue: unknown, next: OperatorFn) => boolean;
  validator?: (factValue: unknown) => boolean;
}

export const DECORATORS: readonly DecoratorDef[] = [
  { name: 'someFact', cb: (f, j, next) => (f as any[]).some((fv) => next(fv, j)), validator: Array.isArray },
  { name: 'someValue', cb: (f, j, next) => (j as any[]).some((jv) => next(f, jv)) },
  {
    name: 'everyFact',
    cb: (f, j, next) => (f as any[]).every((fv) => next(fv, j)),
    validator: Array.isArray,
  },
  { name: 'everyValue', cb: (f, j, next) => (j as any[]).every((jv) => next(f, jv)) },
  { name: 'swap', cb: (f, j, next) => next(j, f) },
  { name: 'not', cb: (f, j, next) => !next(f, j) },
];
/* eslint-enable @typescript-eslint/no-explicit-any */

const OPERATORS = new Map<string, OperatorDef>(
  [...BUILTIN_OPERATORS, ...MONEY_OPERATORS].map((o) => [o.name, o]),
);
const DECORATOR_MAP = new Map(DECORATORS.map((d) => [d.name, d]));

export const MONEY_OPERATOR_NAMES: ReadonlySet<string> = new Set(MONEY_OPERATORS.map((o) => o.name));
export const NUMERIC_OPERATOR_NAMES: ReadonlySet<string> = new Set([
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
]);

function evaluateWith(op: OperatorDef): OperatorFn {
  const { cb, validator } = op;
  return validator ? (a, b) => validator(a) && cb(a, b) : cb;
}

export interface ResolvedOperator {
  /** The innermost operator's name ("greaterThan" for "not:someFact:greaterThan"). */
  base: string;
  decorators: string[];
  fn: OperatorFn;
}

/**
 * Resolves an operator name with its decorators, as json-rules-engine's OperatorMap.get does:
 * decorators apply from the innermost outwards. Returns null for an unknown operator/decorator.
 */
export function resolveOperator(name: string): ResolvedOperator | null {
  const decorators: DecoratorDef[] = [];
  let opName = name;
  while (!OPERATORS.has(opName)) {
    const i = opName.indexOf(':');
    if (i <= 0) return null;
    const dec = DECORATOR_MAP.get(opName.slice(0, i));
    if (!dec) return null;
    decorators.unshift(dec);
    opName = opName.slice(i + 1);
  }
  const base = OPERATORS.get(opName)!;
  let fn = evaluateWith(base);
  for (const dec of decorators) {
    const next = fn;
    const decorated: OperatorDef = { name: dec.name, cb: (a, b) => dec.cb(a, b, next) };
    if (dec.validator) decorated.validator = dec.validator;
    fn = evaluateWith(decorated);
  }
  return { base: base.name, decorators: decorators.map((d) => d.name).reverse(), fn };
}

export const OPERATOR_NAMES: readonly string[] = [...OPERATORS.keys()];
export const DECORATOR_NAMES: readonly string[] = [...DECORATOR_MAP.keys()];
