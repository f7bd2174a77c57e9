/**
 * Payment groups (the KP guide's *betalingsgrupper*): an invoice that touches several cases has
 * its lines grouped — by case type and account as the rules propose them — and a caseworker may
 * move lines between groups or into a new one. This checks a caseworker's grouping and computes
 * each group's amount (its lines' net + VAT) and the postings (account → amount), exact to the
 * øre. Pure.
 */
import type { CanonicalDocument } from './document.js';
import { issue, pointer, type Issue } from './issue.js';
import { formatMoney, parseMoney, type Ore } from './money.js';

export interface PaymentGroupInput {
  caseType: string | null;
  /** The account the group is posted to. */
  account: string;
  /** Line ids of the document. */
  lines: string[];
}

export interface PaymentGroupResult {
  caseType: string | null;
  account: string;
  lines: string[];
  amount: string;
}

export interface Regrouped {
  groups: PaymentGroupResult[];
  postings: { account: string; amount: string }[];
  issues: Issue[];
}

const ACCOUNT = /^[0-9A-Za-z][0-9A-Za-z.\-_/ ]{0,49}$/;

/** Checks `groups` against the document's lines: every line in exactly one group, no empty group. */
export function regroup(
  doc: Pick<CanonicalDocument, 'lines'>,
  groups: readonly PaymentGroupInput[],
): Regrouped {
  const issues: Issue[] = [];
  const amountOf = new Map<string, Ore>();
  for (const l of doc.lines)
    amountOf.set(l.id, (parseMoney(l.netAmount) ?? 0) + (parseMoney(l.vatAmount) ?? 0));
  const seen = new Map<string, number>();
  if (groups.length === 0)
    issues.push(
      issue(
        '/groups',
        'paymentGroups.none',
        'Angiv mindst én betalingsgruppe.',
        'Give at least one payment group.',
      ),
    );
  groups.forEach((g, i) => {
    if (!ACCOUNT.test(g.account))
      issues.push(
        issue(
          pointer('groups', i, 'account'),
          'paymentGroups.account',
          'Angiv den konto, gruppen konteres på.',
          'Give the account the group is posted to.',
        ),
      );
    if (g.lines.length === 0)
      issues.push(
        issue(
          pointer('groups', i, 'lines'),
          'paymentGroups.emptyGroup',
          'En betalingsgruppe skal have mindst én fakturalinje.',
          'A payment group needs at least one invoice line.',
        ),
      );
    g.lines.forEach((line, j) => {
      if (!amountOf.has(line))
        issues.push(
          issue(
            pointer('groups', i, 'lines', j),
            'paymentGroups.unknownLine',
            `Fakturaen har ingen linje ${line}.`,
            `The invoice has no line ${line}.`,
          ),
        );
      else if (seen.has(line))
        issues.push(
          issue(
            pointer('groups', i, 'lines', j),
            'paymentGroups.lineTwice',
            `Linje ${line} står allerede i gruppe ${seen.get(line)! + 1}.`,
            `Line ${line} is already in group ${seen.get(line)! + 1}.`,
          ),
        );
      else seen.set(line, i);
    });
  });
  const missing = doc.lines.filter((l) => !seen.has(l.id)).map((l) => l.id);
  if (missing.length > 0)
    issues.push(
      issue(
        '/groups',
        'paymentGroups.lineMissing',
        `Hver fakturalinje skal stå i en betalingsgruppe; ${missing.length === 1 ? 'linje' : 'linjerne'} ${missing.join(', ')} mangler.`,
        `Every invoice line must be in a payment group; ${missing.length === 1 ? 'line' : 'lines'} ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing.`,
      ),
    );
  const results = groups.map((g) => {
    const ore = [...new Set(g.lines)].reduce((a, id) => a + (amountOf.get(id) ?? 0), 0);
    return { caseType: g.caseType, account: g.account, lines: [...g.lines], amount: formatMoney(ore), ore };
  });
  const accounts: string[] = [];
  const sums: Ore[] = [];
  for (const r of results) {
    let k = accounts.indexOf(r.account);
    if (k < 0) k = accounts.push(r.account) - 1;
    sums[k] = (sums[k] ?? 0) + r.ore;
  }
  return {
    groups: results.map(({ ore: _ore, ...g }) => g),
    postings: accounts.map((account, k) => ({ account, amount: formatMoney(sums[k]!) })),
    issues,
  };
}
