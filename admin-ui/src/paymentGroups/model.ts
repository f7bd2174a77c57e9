/**
 * Moving an invoice's lines between payment groups (betalingsgrupper) before they are saved. The
 * sums and postings are the server's own arithmetic (`server/src/domain/payment-groups.ts`, pure),
 * so what the page shows before *Gem* is what the server will store, exact to the øre.
 */
import { regroup, type PaymentGroupInput } from '../../../server/src/domain/payment-groups.js';
import type { DocumentLine } from '../../../server/src/domain/document.js';
import { formatMoney, parseMoney } from '../../../server/src/domain/money.js';

export type { PaymentGroupInput };

export interface GroupDraft {
  caseType: string | null;
  account: string;
  lines: string[];
}

/** Where a line goes: an existing group (its index) or a new group with this case type and account. */
export type MoveTarget = number | { caseType: string | null; account: string };

/** `groups` with `line` moved to `target`; a group left without lines disappears. */
export function moveLine(groups: readonly GroupDraft[], line: string, target: MoveTarget): GroupDraft[] {
  const out = groups.map((g) => ({ ...g, lines: g.lines.filter((l) => l !== line) }));
  if (typeof target === 'number') {
    const g = out[target];
    if (!g) throw new RangeError(`No payment group ${target}`);
    g.lines = [...g.lines, line].sort(byLineId);
  } else out.push({ caseType: target.caseType, account: target.account, lines: [line] });
  return out.filter((g) => g.lines.length > 0);
}

/** Line ids in the document's order ("2" before "10"). */
function byLineId(a: string, b: string): number {
  return a.localeCompare(b, 'da', { numeric: true });
}

/** The groups' amounts and the postings, as the server computes them. */
export function previewGroups(
  lines: readonly Pick<DocumentLine, 'id' | 'netAmount' | 'vatAmount'>[],
  groups: readonly GroupDraft[],
) {
  return regroup({ lines: lines as DocumentLine[] }, groups);
}

/** Two groupings are the same (the caseworker moved nothing, or moved it back). */
export function sameGroups(a: readonly GroupDraft[], b: readonly GroupDraft[]): boolean {
  const key = (gs: readonly GroupDraft[]) =>
    JSON.stringify(gs.map((g) => [g.caseType, g.account, [...g.lines].sort(byLineId)]));
  return key(a) === key(b);
}

/** The postings' total, exact (summed in øre). */
export function totalOf(postings: readonly { amount: string }[]): string {
  return formatMoney(postings.reduce((sum, p) => sum + (parseMoney(p.amount) ?? 0), 0));
}
