/**
 * Validation of a ruleset version, in three layers, each issue with a JSON pointer and Danish
 * and English text:
 *  1. the JSON Schema (ajv, strict, draft 2020-12; unknown properties are errors);
 *  2. cross-reference checks a schema cannot express (reasons, case types, facts, operators and
 *     named conditions that rules use must exist; codes and names are unique; values fit the
 *     fact's type — money compares only with money operators; locked template rules are kept);
 *  3. lint warnings: a rule no document can reach, a service number without an account, an
 *     expired opt-out, a reason code nothing uses.
 */
import schema from '../../../rulesets/schema/ruleset.v1.schema.json' with { type: 'json' };
import { ajvIssues, createAjv, issue, pointer, type Issue } from '../domain/issues.js';
import { isValidEan } from '../domain/ean.js';
import { parseMoney } from '../domain/money.js';
import { FACTS_BY_NAME, type FactDefinition } from './facts.js';
import { MONEY_OPERATOR_NAMES, NUMERIC_OPERATOR_NAMES, resolveOperator } from './operators.js';
import { parsePath } from './path.js';
import {
  isAll,
  isAny,
  isFactReference,
  isNot,
  isReference,
  type Condition,
  type FactCondition,
  type Ruleset,
} from './ruleset.js';
import canonicalize from 'canonicalize';

export const rulesetSchema = schema;
const validateSchema = createAjv().compile<Ruleset>(schema);

/** Reasons the platform raises itself, so they count as used even if no rule names them. */
export const PLATFORM_REASONS: ReadonlySet<string> = new Set(['AUTOMATIK_FRA']);

/** Checks intake settings (element paths, the CPR pattern); supplied by the intake module. */
export type IntakeValidator = (intake: NonNullable<Ruleset['intake']>) => Issue[];

export interface ValidateOptions {
  /** "Today" for the expired-opt-out warning (YYYY-MM-DD); defaults to the current date. */
  today?: string;
  /** The template version this ruleset is based on: its locked rules must be kept unchanged. */
  template?: Ruleset;
  intakeValidator?: IntakeValidator;
}

export interface ValidationResult {
  valid: boolean;
  errors: Issue[];
  warnings: Issue[];
}

export function validateRuleset(input: unknown, options: ValidateOptions = {}): ValidationResult {
  if (!validateSchema(input)) {
    return { valid: false, errors: ajvIssues(validateSchema.errors, input), warnings: [] };
  }
  const ruleset = input;
  const errors = crossReferenceIssues(ruleset);
  if (options.template) errors.push(...lockedRuleIssues(ruleset, options.template));
  if (ruleset.intake && options.intakeValidator) errors.push(...options.intakeValidator(ruleset.intake));
  const warnings =
    errors.length === 0 ? lintIssues(ruleset, options.today ?? new Date().toISOString().slice(0, 10)) : [];
  return { valid: errors.length === 0, errors, warnings };
}

function duplicates<T>(
  items: readonly T[],
  key: (t: T) => string,
  at: (i: number) => string,
  what: [string, string],
): Issue[] {
  const seen = new Map<string, number>();
  const out: Issue[] = [];
  items.forEach((item, i) => {
    const k = key(item);
    const first = seen.get(k);
    if (first !== undefined) {
      out.push(
        issue(
          at(i),
          'ruleset.duplicate',
          `${what[0]} "${k}" findes allerede (element ${first}).`,
          `${what[1]} "${k}" already exists (item ${first}).`,
        ),
      );
    } else seen.set(k, i);
  });
  return out;
}

function crossReferenceIssues(rs: Ruleset): Issue[] {
  const errors: Issue[] = [];
  errors.push(
    ...duplicates(
      rs.caseTypes,
      (c) => c.code,
      (i) => pointer('caseTypes', i, 'code'),
      ['Sagstypen', 'Case type'],
    ),
  );
  errors.push(
    ...duplicates(
      rs.serviceNumbers,
      (s) => s.code,
      (i) => pointer('serviceNumbers', i, 'code'),
      ['Ydelsesnummeret', 'Service number'],
    ),
  );
  errors.push(
    ...duplicates(
      rs.rejectionReasons,
      (r) => r.code,
      (i) => pointer('rejectionReasons', i, 'code'),
      ['Afvisningsårsagen', 'Rejection reason'],
    ),
  );
  errors.push(
    ...duplicates(
      rs.manualReasons,
      (r) => r.code,
      (i) => pointer('manualReasons', i, 'code'),
      ['Årsagen', 'Manual reason'],
    ),
  );
  errors.push(
    ...duplicates(
      rs.rules,
      (r) => r.name,
      (i) => pointer('rules', i, 'name'),
      ['Reglen', 'Rule'],
    ),
  );

  const rejectCodes = new Map(rs.rejectionReasons.map((r) => [r.code, r]));
  const manualCodes = new Map(rs.manualReasons.map((r) => [r.code, r]));
  rs.manualReasons.forEach((r, i) => {
    if (rejectCodes.has(r.code)) {
      errors.push(
        issue(
          pointer('manualReasons', i, 'code'),
          'ruleset.reasonBothKinds',
          `Koden "${r.code}" er både en afvisningsårsag og en årsag til manuel behandling.`,
          `Code "${r.code}" is both a rejection reason and a manual reason.`,
        ),
      );
    }
  });

  rs.settings.kpEans.forEach((ean, i) => {
    if (!isValidEan(ean)) {
      errors.push(
        issue(
          pointer('settings', 'kpEans', i),
          'ruleset.invalidEan',
          `"${ean}" er ikke et gyldigt EAN-nummer (kontrolcifferet passer ikke).`,
          `"${ean}" is not a valid EAN number (the check digit is wrong).`,
        ),
      );
    }
  });

  const caseTypes = new Set(rs.caseTypes.map((c) => c.code));
  rs.serviceNumbers.forEach((s, i) => {
    if (!caseTypes.has(s.caseType)) {
      errors.push(
        issue(
          pointer('serviceNumbers', i, 'caseType'),
          'ruleset.unknownCaseType',
          `Sagstypen "${s.caseType}" findes ikke under sagstyper.`,
          `Case type "${s.caseType}" does not exist in caseTypes.`,
        ),
      );
    }
  });

  rs.supplierOptOuts.forEach((o, i) => {
    if (o.until != null && o.until < o.from) {
      errors.push(
        issue(
          pointer('supplierOptOuts', i, 'until'),
          'ruleset.periodReversed',
          `Slutdatoen ${o.until} ligger før startdatoen ${o.from}.`,
          `The end date ${o.until} is before the start date ${o.from}.`,
        ),
      );
    }
  });

  const named = rs.conditions ?? {};
  for (const [name, c] of Object.entries(named)) {
    if (!isAll(c) && !isAny(c) && !isNot(c) && !isReference(c)) {
      errors.push(
        issue(
          pointer('conditions', name),
          'ruleset.rootCondition',
          'En navngiven betingelse skal begynde med "all", "any", "not" eller "condition".',
          'A named condition must start with "all", "any", "not" or "condition".',
        ),
      );
    } else errors.push(...conditionIssues(c, pointer('conditions', name), named));
  }
  errors.push(...referenceCycles(named));

  rs.rules.forEach((rule, i) => {
    const at = pointer('rules', i);
    const root = rule.conditions as Condition;
    if (!isAll(root) && !isAny(root) && !isNot(root) && !isReference(root)) {
      errors.push(
        issue(
          `${at}/conditions`,
          'ruleset.rootCondition',
          'En regels betingelser skal begynde med "all", "any", "not" eller "condition".',
          'A rule\'s conditions must start with "all", "any", "not" or "condition".',
        ),
      );
    } else {
      errors.push(...conditionIssues(root, `${at}/conditions`, named));
    }
    const { type, params } = rule.event;
    const list = type === 'reject' ? rejectCodes : manualCodes;
    const reason = list.get(params.reason);
    if (!reason) {
      const other = type === 'reject' ? manualCodes.has(params.reason) : rejectCodes.has(params.reason);
      errors.push(
        other
          ? issue(
              `${at}/event/params/reason`,
              'ruleset.reasonWrongKind',
              `"${params.reason}" er en ${type === 'reject' ? 'årsag til manuel behandling' : 'afvisningsårsag'}, men reglen ${type === 'reject' ? 'afviser' : 'sender til manuel behandling'}.`,
              `"${params.reason}" is a ${type === 'reject' ? 'manual reason' : 'rejection reason'}, but the rule ${type === 'reject' ? 'rejects' : 'routes to manual processing'}.`,
            )
          : issue(
              `${at}/event/params/reason`,
              'ruleset.unknownReason',
              `Årsagskoden "${params.reason}" findes ikke under ${type === 'reject' ? 'afvisningsårsager' : 'årsager til manuel behandling'}.`,
              `Reason code "${params.reason}" does not exist in ${type === 'reject' ? 'rejectionReasons' : 'manualReasons'}.`,
            ),
      );
    } else if (reason.manualOnly === true) {
      errors.push(
        issue(
          `${at}/event/params/reason`,
          'ruleset.manualOnlyReason',
          `Årsagen "${params.reason}" er til sagsbehandlerens manuelle afvisning og kan ikke bruges af en regel.`,
          `Reason "${params.reason}" is for a caseworker's manual rejection only; a rule cannot use it.`,
        ),
      );
    } else if (reason.active === false) {
      errors.push(
        issue(
          `${at}/event/params/reason`,
          'ruleset.inactiveReason',
          `Årsagen "${params.reason}" er deaktiveret; aktivér den eller ret reglen.`,
          `Reason "${params.reason}" is inactive; activate it or change the rule.`,
        ),
      );
    }
  });
  return errors;
}

function walk(
  c: Condition,
  at: string,
  visit: (c: FactCondition, at: string) => void,
  onRef?: (name: string, at: string) => void,
): void {
  if (isAll(c)) c.all.forEach((x, i) => walk(x, `${at}/all/${i}`, visit, onRef));
  else if (isAny(c)) c.any.forEach((x, i) => walk(x, `${at}/any/${i}`, visit, onRef));
  else if (isNot(c)) walk(c.not, `${at}/not`, visit, onRef);
  else if (isReference(c)) onRef?.(c.condition, `${at}/condition`);
  else visit(c as FactCondition, at);
}

function conditionIssues(root: Condition, base: string, named: Record<string, Condition>): Issue[] {
  const out: Issue[] = [];
  walk(
    root,
    base,
    (c, at) => out.push(...factConditionIssues(c, at)),
    (name, at) => {
      if (!Object.hasOwn(named, name)) {
        out.push(
          issue(
            at,
            'ruleset.unknownCondition',
            `Den navngivne betingelse "${name}" findes ikke under conditions.`,
            `The named condition "${name}" does not exist in conditions.`,
          ),
        );
      }
    },
  );
  return out;
}

function referenceCycles(named: Record<string, Condition>): Issue[] {
  const out: Issue[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, chain: string[]): void => {
    if (state.get(name) === 'done' || !Object.hasOwn(named, name)) return;
    if (state.get(name) === 'visiting') {
      const cycle = [...chain.slice(chain.indexOf(name)), name].join(' → ');
      out.push(
        issue(
          pointer('conditions', name),
          'ruleset.conditionCycle',
          `Betingelserne henviser til hinanden i ring: ${cycle}.`,
          `The conditions refer to each other in a cycle: ${cycle}.`,
        ),
      );
      return;
    }
    state.set(name, 'visiting');
    walk(
      named[name]!,
      '',
      () => {},
      (ref) => visit(ref, [...chain, name]),
    );
    state.set(name, 'done');
  };
  for (const name of Object.keys(named)) visit(name, []);
  return out;
}

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

function factConditionIssues(c: FactCondition, at: string): Issue[] {
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
export function lockedRuleIssues(rs: Ruleset, template: Ruleset): Issue[] {
  const out: Issue[] = [];
  const own = new Map(rs.rules.map((r, i) => [r.name, { r, i }]));
  for (const t of template.rules) {
    if (!t.locked) continue;
    const mine = own.get(t.name);
    if (!mine) {
      out.push(
        issue(
          '/rules',
          'ruleset.lockedRuleRemoved',
          `Reglen "${t.name}" er låst i skabelonen og må ikke fjernes.`,
          `Rule "${t.name}" is locked in the template and must not be removed.`,
        ),
      );
    } else if (
      canonicalize({ ...mine.r, description: undefined }) !== canonicalize({ ...t, description: undefined })
    ) {
      out.push(
        issue(
          pointer('rules', mine.i),
          'ruleset.lockedRuleChanged',
          `Reglen "${t.name}" er låst i skabelonen og må ikke ændres.`,
          `Rule "${t.name}" is locked in the template and must not be changed.`,
        ),
      );
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Lint

interface Bounds {
  equals: unknown[];
  notEquals: unknown[];
  inLists: unknown[][];
  lo: number;
  hi: number;
}

/** Whether a conjunction of leaf constraints can hold; false only when it provably cannot. */
function satisfiable(c: Condition, named: Record<string, Condition>, depth = 0): boolean {
  if (depth > 50) return true;
  if (isAny(c)) return c.any.length === 0 || c.any.some((x) => satisfiable(x, named, depth + 1));
  if (isNot(c)) return true;
  const leaves: FactCondition[] = [];
  const nested: Condition[] = [];
  const seen = new Set<string>();
  const collect = (x: Condition): void => {
    if (isAll(x)) x.all.forEach(collect);
    else if (isReference(x)) {
      // a named condition inside a conjunction joins it: {condition: "erFaktura"} adds documentType = invoice
      const target = Object.hasOwn(named, x.condition) ? named[x.condition] : undefined;
      if (target && !seen.has(x.condition)) {
        seen.add(x.condition);
        collect(target);
      }
    } else if (isAny(x) || isNot(x)) nested.push(x);
    else leaves.push(x as FactCondition);
  };
  collect(c);
  if (!nested.every((x) => satisfiable(x, named, depth + 1))) return false;
  const byFact = new Map<string, Bounds>();
  for (const l of leaves) {
    if (l.path !== undefined || isFactReference(l.value)) continue;
    const def = FACTS_BY_NAME.get(l.fact);
    if (!def) continue;
    const b = byFact.get(l.fact) ?? {
      equals: [],
      notEquals: [],
      inLists: [],
      lo: def.type === 'integer' ? 0 : -Infinity,
      hi: Infinity,
    };
    byFact.set(l.fact, b);
    const v = l.value;
    switch (l.operator) {
      case 'equal':
        b.equals.push(v);
        break;
      case 'notEqual':
        b.notEquals.push(v);
        break;
      case 'in':
        if (Array.isArray(v)) b.inLists.push(v);
        break;
      case 'notIn':
        if (Array.isArray(v)) b.notEquals.push(...v);
        break;
      case 'greaterThan':
        if (typeof v === 'number') b.lo = Math.max(b.lo, Math.floor(v) + 1);
        break;
      case 'greaterThanInclusive':
        if (typeof v === 'number') b.lo = Math.max(b.lo, Math.ceil(v));
        break;
      case 'lessThan':
        if (typeof v === 'number') b.hi = Math.min(b.hi, Math.ceil(v) - 1);
        break;
      case 'lessThanInclusive':
        if (typeof v === 'number') b.hi = Math.min(b.hi, Math.floor(v));
        break;
    }
    if (def.values && l.operator === 'equal' && !def.values.includes(v as string)) return false;
  }
  for (const b of byFact.values()) {
    if (b.lo > b.hi) return false;
    const first = b.equals[0];
    if (b.equals.length > 0) {
      if (b.equals.some((v) => v !== first)) return false;
      if (b.notEquals.includes(first)) return false;
      if (b.inLists.some((list) => !list.includes(first))) return false;
      if (typeof first === 'number' && (first < b.lo || first > b.hi)) return false;
    }
    if (b.inLists.some((list) => list.every((v) => b.notEquals.includes(v)))) return false;
  }
  return true;
}

function lintIssues(rs: Ruleset, today: string): Issue[] {
  const warnings: Issue[] = [];
  const named = rs.conditions ?? {};
  rs.rules.forEach((rule, i) => {
    if (!satisfiable(rule.conditions, named)) {
      warnings.push(
        issue(
          pointer('rules', i, 'conditions'),
          'lint.unreachableRule',
          `Reglen "${rule.name}" kan aldrig udløses: dens betingelser modsiger hinanden.`,
          `Rule "${rule.name}" can never fire: its conditions contradict each other.`,
          'warning',
        ),
      );
    }
  });
  if (rs.settings.kpEans.length === 0) {
    warnings.push(
      issue(
        '/settings/kpEans',
        'lint.noKpEan',
        'Der er ikke angivet noget KP-EAN-nummer; alle dokumenter vil blive afvist som sendt til forkert EAN (KLIK eFaktura 7).',
        'No KP EAN number is set; every document will be rejected as sent to the wrong EAN (KLIK eFaktura 7).',
        'warning',
      ),
    );
  }
  const caseTypes = new Map(rs.caseTypes.map((c) => [c.code, c]));
  rs.serviceNumbers.forEach((s, i) => {
    if (!s.account && !caseTypes.get(s.caseType)?.account) {
      warnings.push(
        issue(
          pointer('serviceNumbers', i),
          'lint.serviceWithoutAccount',
          `Ydelsesnummer ${s.code} har ingen konto (hverken på ydelsen eller på sagstypen ${s.caseType}).`,
          `Service number ${s.code} has no account (neither on the service nor on case type ${s.caseType}).`,
          'warning',
        ),
      );
    }
  });
  rs.supplierOptOuts.forEach((o, i) => {
    if (o.until != null && o.until < today) {
      warnings.push(
        issue(
          pointer('supplierOptOuts', i, 'until'),
          'lint.expiredOptOut',
          `Fravalget af leverandør ${o.supplier} udløb ${o.until}; fjern det, hvis det ikke længere er relevant.`,
          `The opt-out of supplier ${o.supplier} expired on ${o.until}; remove it if it is no longer relevant.`,
          'warning',
        ),
      );
    }
  });
  const used = new Set(rs.rules.map((r) => r.event.params.reason));
  const unused = (list: 'rejectionReasons' | 'manualReasons'): void =>
    rs[list].forEach((r, i) => {
      if (!used.has(r.code) && !PLATFORM_REASONS.has(r.code) && r.manualOnly !== true) {
        warnings.push(
          issue(
            pointer(list, i, 'code'),
            'lint.unusedReason',
            `Årsagskoden ${r.code} bruges ikke af nogen regel.`,
            `Reason code ${r.code} is not used by any rule.`,
            'warning',
          ),
        );
      }
    });
  unused('rejectionReasons');
  unused('manualReasons');
  return warnings;
}
