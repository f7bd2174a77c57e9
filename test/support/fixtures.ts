/** Shared test fixtures: the committed rulesets and a small canonical-document builder. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { CanonicalDocument, DocumentLine } from '../../server/src/domain/document.js';
import type { Ruleset } from '../../server/src/engine/ruleset.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function loadRuleset(relative: string): Ruleset {
  return JSON.parse(readFileSync(path.join(repoRoot, relative), 'utf8')) as Ruleset;
}

export const kpStandard = (): Ruleset => loadRuleset('rulesets/templates/kp-standard.json');

/** kp-standard with a KP EAN, as a municipality would have it after forking. */
export const KP_EAN = '5798000012349';
export function municipalityRuleset(mutate?: (rs: Ruleset) => void): Ruleset {
  const rs = kpStandard();
  rs.settings.kpEans = [KP_EAN];
  mutate?.(rs);
  return rs;
}

export function line(
  id: string,
  serviceNumber: string | null,
  net: string,
  vat = '0.00',
  extra: Partial<DocumentLine> = {},
): DocumentLine {
  return { id, serviceNumber, netAmount: net, vatAmount: vat, ...extra };
}

/** A consistent dentist invoice: 3 lines, one CPR, addressed to KP_EAN. Totals are recomputed. */
export function invoice(overrides: Partial<CanonicalDocument> = {}): CanonicalDocument {
  const doc: CanonicalDocument = {
    documentType: 'invoice',
    id: 'F-1001',
    issueDate: '2026-03-02',
    currency: 'DKK',
    supplier: { id: 'DK16356706', scheme: 'DK:CVR', name: 'Tandlæge Hansen' },
    buyer: { ean: KP_EAN },
    cprNumbers: ['0101501234'],
    lines: [line('1', '1001', '450.00'), line('2', '1002', '780.50'), line('3', '1004', '300.00')],
    totals: { net: '0.00', vat: '0.00', payable: '0.00' },
    ...overrides,
  };
  if (!overrides.totals) doc.totals = totalsOf(doc);
  return doc;
}

/** Totals that add up for the document's lines (and reminder fee). */
export function totalsOf(doc: CanonicalDocument): CanonicalDocument['totals'] {
  const ore = (s: string): bigint => {
    const neg = s.startsWith('-');
    const [w = '0', f = ''] = (neg ? s.slice(1) : s).split('.');
    const v = BigInt(w) * 100n + BigInt((f + '00').slice(0, 2));
    return neg ? -v : v;
  };
  const fmt = (v: bigint): string => {
    const neg = v < 0n;
    const a = neg ? -v : v;
    return `${neg ? '-' : ''}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
  };
  const net = doc.lines.reduce((s, l) => s + ore(l.netAmount), 0n);
  const vat = doc.lines.reduce((s, l) => s + ore(l.vatAmount), 0n);
  const fee = doc.documentType === 'reminder' && doc.reminder ? ore(doc.reminder.fee) : 0n;
  return { net: fmt(net), vat: fmt(vat), payable: fmt(net + vat + fee) };
}
