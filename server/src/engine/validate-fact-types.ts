/**
 * Validation, layer 2 (per condition): a fact condition's fact, operator, path and value fit the
 * fact's type — money compares only with money operators and money values, a fact compared with
 * another fact of a compatible type, list operators with lists.
 */
import { issue, type Issue } from '../domain/issues.js';
import { parseMoney } from '../domain/money.js';
import { FACTS_BY_NAME, type FactDefinition } from './fact-catalogue.js';
import { MONEY_OPERATOR_NAMES, NUMERIC_OPERATOR_NAMES, resolveOperator } from './operators.js';
import { parsePath } from './path.js';
import { isFactReference, type FactCondition } from './ruleset.js';

const TYPE_TEXT: Record<string, [string, string]> = {
  boolean: ['true eller false', 'true or false'],
  integer: ['et heltal', 'a whole number'],
  string: ['en tekst', 'a string'],
  'string?': ['en tekst eller null', 'a string or null'],
  date: ['en dato som tekst (ÅÅÅÅ-MM-DD)', 'a date string (YYYY-MM-DD)'],
  money: ['et beløb som tekst, fx "1500.00"', 'an amount as a string, e.g. "1500.00"'],
  'money?': ['et beløb som tekst eller null', 'an amount as a string, or null'],
  'string[]': ['en tekst', 'a string'],
};

function fitsScalar(def: FactDefinition, value: unknown): boolean {
  switch (def.type) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return typeof value === 'number' && Number.isFinite(value);
    case 'string':
    case 'date':
      return typeof value === 'string' && (!def.values || def.values.includes(value));
    case 'string?':
      return value === null || typeof value === 'string';
    case 'money':
      return parseMoney(value) !== null;
    case 'money?':
      return value === null || parseMoney(value) !== null;
    case 'string[]':
      return typeof value === 'string' && (!def.values || def.values.includes(value));
  }
}

export function factConditionIssues(c: FactCondition, at: string): Issue[] {
  const out: Issue[] = [];
  const def = FACTS_BY_NAME.get(c.fact);
  if (!def) {
    out.push(
      issue(
        `${at}/fact`,
        'ruleset.unknownFact',
        `Faktummet "${c.fact}" findes ikke i faktakataloget.`,
        `The fact "${c.fact}" does not exist in the fact catalogue.`,
      ),
    );
  }
  const op = resolveOperator(c.operator);
  if (!op) {
    out.push(
      issue(
        `${at}/operator`,
        'ruleset.unknownOperator',
        `Operatoren "${c.operator}" findes ikke.`,
        `The operator "${c.operator}" does not exist.`,
      ),
    );
  }
  if (c.path !== undefined && parsePath(c.path) === null) {
    out.push(
      issue(
        `${at}/path`,
        'ruleset.invalidPath',
        `Stien "${c.path}" understøttes ikke.`,
        `The path "${c.path}" is not supported.`,
      ),
    );
  }
  let refDef: FactDefinition | undefined;
  if (isFactReference(c.value)) {
    refDef = FACTS_BY_NAME.get(c.value.fact);
    if (!refDef) {
      out.push(
        issue(
          `${at}/value/fact`,
          'ruleset.unknownFact',
          `Faktummet "${c.value.fact}" findes ikke i faktakataloget.`,
          `The fact "${c.value.fact}" does not exist in the fact catalogue.`,
        ),
      );
    }
  }
  if (!def || !op) return out;
  if (c.path !== undefined && def.type !== 'string[]') {
    out.push(
      issue(
        `${at}/path`,
        'ruleset.pathOnScalar',
        `Faktummet "${c.fact}" er ikke en liste eller et objekt, så en sti kan ikke bruges.`,
        `The fact "${c.fact}" is not a list or an object, so a path cannot be used.`,
      ),
    );
    return out;
  }
  // Type checks apply to the plain forms; decorators and paths are checked for existence only.
  if (op.decorators.length > 0 || c.path !== undefined) return out;
  const isMoneyFact = def.type === 'money' || def.type === 'money?';
  const isMoneyOp = MONEY_OPERATOR_NAMES.has(op.base);
  const typeText = TYPE_TEXT[def.type]!;
  if (isMoneyFact && !isMoneyOp && op.base !== 'equal' && op.base !== 'notEqual') {
    return [
      ...out,
      issue(
        `${at}/operator`,
        'ruleset.moneyNeedsMoneyOperator',
        `"${c.fact}" er et beløb; brug en beløbsoperator (fx moneyGreaterThan i stedet for ${op.base}), så der sammenlignes præcist.`,
        `"${c.fact}" is an amount; use a money operator (e.g. moneyGreaterThan instead of ${op.base}) so it compares exactly.`,
      ),
    ];
  }
  if (isMoneyFact && !isMoneyOp && !(def.type === 'money?' && c.value === null)) {
    return [
      ...out,
      issue(
        `${at}/operator`,
        'ruleset.moneyNeedsMoneyOperator',
        `"${c.fact}" er et beløb; brug moneyEqual/moneyNotEqual, så "100.0" og "100.00" er ens.`,
        `"${c.fact}" is an amount; use moneyEqual/moneyNotEqual so that "100.0" and "100.00" compare equal.`,
      ),
    ];
  }
  if (isMoneyOp && !isMoneyFact) {
    return [
      ...out,
      issue(
        `${at}/operator`,
        'ruleset.moneyOperatorOnNonMoney',
        `${op.base} sammenligner beløb, men "${c.fact}" er ikke et beløb.`,
        `${op.base} compares amounts, but "${c.fact}" is not an amount.`,
      ),
    ];
  }
  if (refDef) {
    const compatible =
      refDef.type.replace('?', '') === def.type.replace('?', '') ||
      (def.type === 'string[]' && refDef.type === 'string');
    const listOps = op.base === 'in' || op.base === 'notIn';
    if (listOps ? refDef.type !== 'string[]' : !compatible) {
      out.push(
        issue(
          `${at}/value/fact`,
          'ruleset.valueType',
          `"${c.value && (c.value as { fact: string }).fact}" har en anden type end "${c.fact}".`,
          `"${(c.value as { fact: string }).fact}" has a different type than "${c.fact}".`,
        ),
      );
    }
    return out;
  }
  const valueAt = `${at}/value`;
  const bad = (da: string, en: string): Issue => issue(valueAt, 'ruleset.valueType', da, en);
  switch (op.base) {
    case 'in':
    case 'notIn':
      if (!Array.isArray(c.value))
        out.push(bad(`${op.base} kræver en liste af værdier.`, `${op.base} needs a list of values.`));
      else
        c.value.forEach((v, i) => {
          if (!fitsScalar(def, v))
            out.push(
              issue(
                `${valueAt}/${i}`,
                'ruleset.valueType',
                `Skal være ${typeText[0]}${def.values ? ` (${def.values.join(', ')})` : ''}.`,
                `Must be ${typeText[1]}${def.values ? ` (${def.values.join(', ')})` : ''}.`,
              ),
            );
        });
      break;
    case 'contains':
    case 'doesNotContain':
      if (def.type !== 'string[]')
        out.push(
          issue(
            `${at}/operator`,
            'ruleset.operatorType',
            `${op.base} kræver en liste, men "${c.fact}" er ikke en liste.`,
            `${op.base} needs a list, but "${c.fact}" is not a list.`,
          ),
        );
      else if (!fitsScalar(def, c.value))
        out.push(
          bad(
            `Skal være ${typeText[0]}${def.values ? ` (${def.values.join(', ')})` : ''}.`,
            `Must be ${typeText[1]}${def.values ? ` (${def.values.join(', ')})` : ''}.`,
          ),
        );
      break;
    default:
      if (NUMERIC_OPERATOR_NAMES.has(op.base)) {
        if (def.type !== 'integer')
          out.push(
            issue(
              `${at}/operator`,
              'ruleset.operatorType',
              `${op.base} sammenligner tal, men "${c.fact}" er ${typeText[0]}.`,
              `${op.base} compares numbers, but "${c.fact}" is ${typeText[1]}.`,
            ),
          );
        else if (typeof c.value !== 'number') out.push(bad('Skal være et tal.', 'Must be a number.'));
      } else if (def.type === 'string[]') {
        out.push(
          issue(
            `${at}/operator`,
            'ruleset.operatorType',
            `"${c.fact}" er en liste; brug contains/doesNotContain, eller et antal-faktum.`,
            `"${c.fact}" is a list; use contains/doesNotContain, or a count fact.`,
          ),
        );
      } else if (!fitsScalar(def, c.value)) {
        out.push(
          bad(
            `Skal være ${typeText[0]}${def.values ? ` (${def.values.join(', ')})` : ''}.`,
            `Must be ${typeText[1]}${def.values ? ` (${def.values.join(', ')})` : ''}.`,
          ),
        );
      }
  }
  return out;
}

/** Locked rules of the template must be present, by name, and unchanged. */
