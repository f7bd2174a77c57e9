/**
 * The fact catalogue and the operators as the console needs them (GET /api/v1/facts): the facts
 * come from the engine's FACT_CATALOGUE, the operator names from the engine's own operator
 * tables; this file adds only what the engine does not know — the operators' labels and which
 * fact types each applies to (the same rules engine/validate-fact-types.ts enforces). A new engine operator with
 * no entry here fails its test.
 */
import { FACT_CATALOGUE, FACT_CATALOGUE_VERSION, type FactType } from '../../engine/fact-catalogue.js';
import { DECORATOR_NAMES, OPERATOR_NAMES } from '../../engine/operators.js';

export interface OperatorInfo {
  name: string;
  /** Fact types the plain operator compares (engine/validate-fact-types.ts refuses the others). */
  factTypes: readonly FactType[];
  /** What the value is: one value of the fact's type, a list of them, or a money amount. */
  value: 'scalar' | 'list' | 'money' | 'number';
  da: string;
  en: string;
}

export interface DecoratorInfo {
  name: string;
  da: string;
  en: string;
}

const SCALARS: readonly FactType[] = ['boolean', 'integer', 'string', 'string?', 'date'];
const MONEY: readonly FactType[] = ['money', 'money?'];

const OPERATOR_INFO: Readonly<Record<string, Omit<OperatorInfo, 'name'>>> = {
  equal: { factTypes: SCALARS, value: 'scalar', da: 'er lig med', en: 'equals' },
  notEqual: { factTypes: SCALARS, value: 'scalar', da: 'er forskellig fra', en: 'does not equal' },
  in: { factTypes: ['integer', 'string', 'string?', 'date'], value: 'list', da: 'er en af', en: 'is one of' },
  notIn: {
    factTypes: ['integer', 'string', 'string?', 'date'],
    value: 'list',
    da: 'er ikke en af',
    en: 'is not one of',
  },
  contains: { factTypes: ['string[]'], value: 'scalar', da: 'indeholder', en: 'contains' },
  doesNotContain: { factTypes: ['string[]'], value: 'scalar', da: 'indeholder ikke', en: 'does not contain' },
  lessThan: { factTypes: ['integer'], value: 'number', da: 'er mindre end', en: 'is less than' },
  lessThanInclusive: {
    factTypes: ['integer'],
    value: 'number',
    da: 'er højst',
    en: 'is at most',
  },
  greaterThan: { factTypes: ['integer'], value: 'number', da: 'er større end', en: 'is greater than' },
  greaterThanInclusive: { factTypes: ['integer'], value: 'number', da: 'er mindst', en: 'is at least' },
  moneyEqual: { factTypes: MONEY, value: 'money', da: 'beløb er lig med', en: 'amount equals' },
  moneyNotEqual: {
    factTypes: MONEY,
    value: 'money',
    da: 'beløb er forskelligt fra',
    en: 'amount does not equal',
  },
  moneyLessThan: { factTypes: MONEY, value: 'money', da: 'beløb er mindre end', en: 'amount is less than' },
  moneyLessThanInclusive: { factTypes: MONEY, value: 'money', da: 'beløb er højst', en: 'amount is at most' },
  moneyGreaterThan: {
    factTypes: MONEY,
    value: 'money',
    da: 'beløb er større end',
    en: 'amount is greater than',
  },
  moneyGreaterThanInclusive: {
    factTypes: MONEY,
    value: 'money',
    da: 'beløb er mindst',
    en: 'amount is at least',
  },
};

const DECORATOR_INFO: Readonly<Record<string, Omit<DecoratorInfo, 'name'>>> = {
  not: { da: 'ikke', en: 'not' },
  swap: { da: 'ombyttet', en: 'swapped' },
  someFact: { da: 'mindst ét element i faktummet', en: 'some element of the fact' },
  everyFact: { da: 'hvert element i faktummet', en: 'every element of the fact' },
  someValue: { da: 'mindst én af værdierne', en: 'some of the values' },
  everyValue: { da: 'hver af værdierne', en: 'every one of the values' },
};

/** The operators the engine knows, in its order, each with its label (throws on a missing one). */
export function operatorCatalogue(): OperatorInfo[] {
  return OPERATOR_NAMES.map((name) => {
    const info = OPERATOR_INFO[name];
    if (!info) throw new Error(`Operator "${name}" has no label in fact-catalogue.ts`);
    return { name, ...info };
  });
}

export function decoratorCatalogue(): DecoratorInfo[] {
  return DECORATOR_NAMES.map((name) => {
    const info = DECORATOR_INFO[name];
    if (!info) throw new Error(`Decorator "${name}" has no label in fact-catalogue.ts`);
    return { name, ...info };
  });
}

export function factCatalogue() {
  return {
    version: FACT_CATALOGUE_VERSION,
    facts: FACT_CATALOGUE.map((f) => ({
      name: f.name,
      type: f.type,
      source: f.source,
      description: { da: f.da, en: f.en },
      ...(f.values ? { values: [...f.values] } : {}),
    })),
    operators: operatorCatalogue().map((o) => ({
      name: o.name,
      factTypes: [...o.factTypes],
      value: o.value,
      label: { da: o.da, en: o.en },
    })),
    decorators: decoratorCatalogue().map((d) => ({ name: d.name, label: { da: d.da, en: d.en } })),
  };
}
