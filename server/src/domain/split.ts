/**
 * Splitting an invoice into parts (the Swedish guide "Dela faktura", PRODUCT.md §7): the rules of
 * a distribution, exact to the øre. Pure — the documents feature stores and completes a split.
 *
 * - Each part has a net amount, a VAT amount and an optional due date. A part's VAT, when not
 *   given, is computed from its net at the document's VAT rate (the document's VAT ÷ its net),
 *   rounded half-up to the øre; a given VAT is kept as the caseworker adjusted it.
 * - A part needs a non-zero net or VAT; there are at least two parts; a message is required.
 * - The parts must distribute the whole net and the whole VAT exactly. What remains (or was
 *   distributed too much) is reported per column.
 * - Rounding remainders: when the nets distribute the document's net exactly, the computed VAT
 *   amounts are placed so that they distribute exactly what the given ones leave — by the
 *   largest-remainder method over the parts' nets (the part whose exact VAT has the largest
 *   fraction of an øre gets the extra øre; ties to the earliest part) — provided that differs
 *   from the individually rounded amounts only by rounding (at most one øre per computed part).
 *   So a split whose VAT is all computed never drifts by a rounding øre from the document's VAT,
 *   and no computed part is more than one øre from its net × rate.
 */
import type { DocumentLine } from './document.js';
import { issue, pointer, type Issue } from './issue.js';
import { allocate, formatMoney, formatMoneyHuman, parseMoney, type Ore } from './money.js';

export interface SplitPartInput {
  net: string;
  /** Omitted: computed from the net at the document's VAT rate. */
  vat?: string;
  /** YYYY-MM-DD. */
  dueDate?: string;
}

export interface SplitPart {
  net: string;
  vat: string;
  /** True when the VAT was computed (not given). */
  vatComputed: boolean;
  dueDate: string | null;
}

export interface SplitTotals {
  net: string;
  vat: string;
}

export interface SplitDistribution {
  /** The parts as they would be stored (VAT computed where not given). */
  parts: SplitPart[];
  /** What is left to distribute per column: the document's amount minus the parts' (negative: too much). */
  remaining: SplitTotals;
  /** Empty when the distribution may be saved. */
  issues: Issue[];
}

export const MIN_SPLIT_PARTS = 2;
export const MAX_SPLIT_PARTS = 100;

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** The VAT of `net` at the rate vat ÷ net of the document, half-up to the øre (exact, in BigInt). */
function vatAtRate(net: Ore, docNet: Ore, docVat: Ore): Ore {
  if (docNet === 0) return 0;
  const num = BigInt(net) * BigInt(docVat);
  const den = BigInt(docNet);
  // round half away from zero: (|num| * 2 + |den|) / (2 |den|), with the sign of num / den
  const negative = num < 0n !== den < 0n && num !== 0n;
  const a = num < 0n ? -num : num;
  const d = den < 0n ? -den : den;
  const q = (a * 2n + d) / (2n * d);
  return Number(negative ? -q : q);
}

function sign(n: Ore): -1 | 0 | 1 {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

function describeRemaining(column: 'net' | 'vat', left: Ore): { da: string; en: string } {
  const what =
    column === 'net' ? { da: 'nettobeløbet', en: 'the net amount' } : { da: 'momsen', en: 'the VAT' };
  return left > 0
    ? {
        da: `Der mangler at blive fordelt ${formatMoneyHuman(left, 'da')} af ${what.da}.`,
        en: `${formatMoneyHuman(left, 'en')} of ${what.en} is not distributed yet.`,
      }
    : {
        da: `Der er fordelt ${formatMoneyHuman(-left, 'da')} for meget af ${what.da}.`,
        en: `${formatMoneyHuman(-left, 'en')} too much of ${what.en} is distributed.`,
      };
}

/**
 * Checks a distribution of a document's net and VAT over parts. Every problem names its rule
 * (the issue's code) and the field (a JSON pointer into the request body {parts, message}).
 */
export function distributeSplit(
  document: SplitTotals,
  request: { parts: readonly SplitPartInput[]; message?: string | null },
): SplitDistribution {
  const issues: Issue[] = [];
  const docNet = parseMoney(document.net);
  const docVat = parseMoney(document.vat);
  if (docNet === null || docVat === null) throw new TypeError('The document’s totals are not money amounts');

  if (typeof request.message !== 'string' || request.message.trim() === '')
    issues.push(
      issue(
        '/message',
        'split.message',
        'Skriv en meddelelse om delingen.',
        'A message about the split is required.',
      ),
    );
  const n = request.parts.length;
  if (n < MIN_SPLIT_PARTS || n > MAX_SPLIT_PARTS)
    issues.push(
      issue(
        '/parts',
        'split.partCount',
        `Fakturaen skal deles i mindst ${MIN_SPLIT_PARTS} og højst ${MAX_SPLIT_PARTS} dele.`,
        `An invoice is split into at least ${MIN_SPLIT_PARTS} and at most ${MAX_SPLIT_PARTS} parts.`,
      ),
    );

  // Parse each part; a part whose amounts cannot be read counts as zero in the sums.
  const nets: Ore[] = [];
  const givenVat: (Ore | null)[] = [];
  request.parts.forEach((p, i) => {
    const net = parseMoney(p.net);
    if (net === null)
      issues.push(
        issue(
          pointer('parts', i, 'net'),
          'split.amount',
          'Nettobeløbet skal være et beløb med højst to decimaler, fx "500.00".',
          'The net amount must be an amount with at most two decimals, e.g. "500.00".',
        ),
      );
    let vat: Ore | null = null;
    if (p.vat !== undefined) {
      vat = parseMoney(p.vat);
      if (vat === null)
        issues.push(
          issue(
            pointer('parts', i, 'vat'),
            'split.amount',
            'Momsbeløbet skal være et beløb med højst to decimaler, fx "125.00".',
            'The VAT amount must be an amount with at most two decimals, e.g. "125.00".',
          ),
        );
    }
    if (p.dueDate !== undefined && (!DATE.test(p.dueDate) || Number.isNaN(Date.parse(p.dueDate))))
      issues.push(
        issue(
          pointer('parts', i, 'dueDate'),
          'split.dueDate',
          'Forfaldsdatoen skal være en dato (ÅÅÅÅ-MM-DD).',
          'The due date must be a date (YYYY-MM-DD).',
        ),
      );
    nets.push(net ?? 0);
    givenVat.push(p.vat === undefined ? null : (vat ?? 0));
  });

  // VAT: computed at the document's rate where not given; rounding remainders placed exactly.
  const vats = nets.map((net, i) => givenVat[i] ?? vatAtRate(net, docNet, docVat));
  const computed = givenVat.map((v, i) => (v === null ? i : -1)).filter((i) => i >= 0);
  const sumNet = nets.reduce((a, b) => a + b, 0);
  if (computed.length > 0 && sumNet === docNet) {
    const given = givenVat.reduce<Ore>((a, v) => a + (v ?? 0), 0);
    const target = docVat - given;
    const rounded = computed.reduce((a, i) => a + vats[i]!, 0);
    if (target !== rounded && Math.abs(target - rounded) <= computed.length) {
      const placed = allocate(
        target,
        computed.map((i) => nets[i]!),
      );
      computed.forEach((i, k) => (vats[i] = placed[k]!));
    }
  }

  const docSign = sign(docNet + docVat);
  nets.forEach((net, i) => {
    const vat = vats[i]!;
    if (net === 0 && vat === 0)
      issues.push(
        issue(
          pointer('parts', i),
          'split.emptyPart',
          'En del skal have et nettobeløb eller et momsbeløb (eller begge); begge kan ikke være 0,00.',
          'A part needs a net amount or a VAT amount (or both); both cannot be 0.00.',
        ),
      );
    else if (docSign !== 0 && (sign(net) === -docSign || sign(vat) === -docSign))
      issues.push(
        issue(
          pointer('parts', i, sign(net) === -docSign ? 'net' : 'vat'),
          'split.sign',
          'En del kan ikke have det modsatte fortegn af fakturaens beløb.',
          'A part cannot have the opposite sign of the invoice’s amount.',
        ),
      );
  });

  const leftNet = docNet - sumNet;
  const leftVat = docVat - vats.reduce((a, b) => a + b, 0);
  if (leftNet !== 0) {
    const t = describeRemaining('net', leftNet);
    issues.push(issue('/parts', 'split.remainingNet', t.da, t.en));
  }
  if (leftVat !== 0) {
    const t = describeRemaining('vat', leftVat);
    issues.push(issue('/parts', 'split.remainingVat', t.da, t.en));
  }

  return {
    parts: request.parts.map((p, i) => ({
      net: formatMoney(nets[i]!),
      vat: formatMoney(vats[i]!),
      vatComputed: givenVat[i] === null,
      dueDate: p.dueDate ?? null,
    })),
    remaining: { net: formatMoney(leftNet), vat: formatMoney(leftVat) },
    issues,
  };
}

/**
 * The form's first proposal for `n` parts (the guide: "the invoice's amount and VAT are
 * distributed over the number of invoices given"): equal shares of the net and of the VAT, the
 * øre left by the division on the earliest parts.
 */
export function evenSplit(document: SplitTotals, n: number): SplitPartInput[] {
  const net = parseMoney(document.net);
  const vat = parseMoney(document.vat);
  if (net === null || vat === null) throw new TypeError('The document’s totals are not money amounts');
  const weights = Array.from({ length: n }, () => 1);
  const nets = allocate(net, weights);
  const vats = allocate(vat, weights);
  return nets.map((x, i) => ({ net: formatMoney(x), vat: formatMoney(vats[i]!) }));
}

/**
 * A part's lines: the original's lines with their amounts scaled to the part — each line's share
 * of the part's net (and VAT) in proportion to its share of the original, exactly (largest
 * remainder), so a part's lines add up to the part's net and VAT and keep their service numbers.
 */
export function apportionLines(lines: readonly DocumentLine[], part: SplitTotals): DocumentLine[] {
  const lineNets = lines.map((l) => parseMoney(l.netAmount) ?? 0);
  const lineVats = lines.map((l) => parseMoney(l.vatAmount) ?? 0);
  const nets = allocate(parseMoney(part.net) ?? 0, lineNets);
  const vats = lineVats.some((v) => v !== 0)
    ? allocate(parseMoney(part.vat) ?? 0, lineVats)
    : allocate(parseMoney(part.vat) ?? 0, lineNets);
  return lines.map((l, i) => ({ ...l, netAmount: formatMoney(nets[i]!), vatAmount: formatMoney(vats[i]!) }));
}
