/**
 * Validation, layer 3: lint warnings, for a ruleset without errors — a rule no document can reach
 * (its conditions contradict each other), no KP EAN, a service number without an account, an
 * expired opt-out, a reason code nothing uses.
 */
import { issue, pointer, type Issue } from '../domain/issues.js';
import { FACTS_BY_NAME } from './fact-catalogue.js';
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

/** Reasons the platform raises itself, so they count as used even if no rule names them. */
export const PLATFORM_REASONS: ReadonlySet<string> = new Set(['AUTOMATIK_FRA']);

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

export function lintIssues(rs: Ruleset, today: string): Issue[] {
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
