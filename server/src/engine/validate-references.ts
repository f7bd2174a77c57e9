/**
 * Validation, layer 2: cross-references a schema cannot express — the reasons, case types,
 * facts, operators and named conditions that rules use must exist; codes and names are unique;
 * named conditions do not refer to themselves in a cycle. Each fact condition is checked by
 * validate-fact-types.ts.
 */
import { issue, pointer, type Issue } from '../domain/issues.js';
import { isValidEan } from '../domain/ean.js';
import {
  isAll,
  isAny,
  isNot,
  isReference,
  type Condition,
  type FactCondition,
  type Ruleset,
} from './ruleset.js';
import { factConditionIssues } from './validate-fact-types.js';

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

export function crossReferenceIssues(rs: Ruleset): Issue[] {
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
