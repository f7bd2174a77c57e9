/**
 * Invoice and credit note lines (all three UBL formats share the structure).
 *
 * - netAmount: LineExtensionAmount (the line's net, after line-level allowances/charges).
 * - vatPercent: the line's own TaxTotal/TaxSubtotal/TaxCategory/Percent (OIOUBL 2.1), else
 *   Item/ClassifiedTaxCategory/Percent (Peppol, OIOUBL 3); a category without a percent that is
 *   exempt/zero-rated/outside scope (E, Z, O, AE, K, G, ZeroRated…) counts as 0.
 * - vatAmount: the line's TaxTotal/TaxAmount when it has one, else net × percent rounded half-up
 *   to the øre. Peppol lines carry no VAT amount, so for them this is computed and can differ by
 *   an øre from the VAT breakdown; totals.vat always comes from the document's TaxTotal.
 * - description: Item/Name, else Item/Description. serviceNumber: per the intake settings.
 */
import type { DocumentLine, DocumentType } from '../domain/document.js';
import { formatMoney, percentOf, type Ore } from '../domain/money.js';
import { extractServiceNumber } from './extract.js';
import type { CompiledIntake } from './intake-settings.js';
import { CAC, CBC } from './ubl-ns.js';
import { isMoneyInRange, type Reader } from './values.js';
import { child, children, textOf, type XmlElement } from './xml-tree.js';

export interface ReadLine {
  line: DocumentLine;
  /** Amounts in øre (0 where unreadable — the document is refused then anyway). */
  net: Ore;
  vat: Ore;
  /** The line element (its path names the line in error pointers). */
  el: XmlElement;
}

/** VAT category codes that mean 0 % when no Percent is given (UNCL5305 and OIOUBL 2.1 names). */
const ZERO_RATED = new Set(['E', 'Z', 'O', 'AE', 'K', 'G', 'ZERORATED', 'EXEMPT', 'REVERSECHARGE']);

/** The VAT percent of a tax category element, if it states or implies one. */
export function categoryPercent(category: XmlElement | undefined, r: Reader): string | undefined {
  if (category === undefined) return undefined;
  const percent = r.decimal(child(category, CBC, 'Percent'));
  if (percent !== undefined) return percent;
  const id = textOf(child(category, CBC, 'ID'))?.toUpperCase();
  return id !== undefined && ZERO_RATED.has(id) ? '0' : undefined;
}

function linePercent(el: XmlElement, r: Reader): string | undefined {
  for (const taxTotal of children(el, CAC, 'TaxTotal')) {
    for (const sub of children(taxTotal, CAC, 'TaxSubtotal')) {
      const p = categoryPercent(child(sub, CAC, 'TaxCategory'), r);
      if (p !== undefined) return p;
    }
  }
  return categoryPercent(child(child(el, CAC, 'Item'), CAC, 'ClassifiedTaxCategory'), r);
}

function lineVat(el: XmlElement, net: Ore | undefined, percent: string | undefined, r: Reader): Ore {
  const stated = children(el, CAC, 'TaxTotal')
    .map((t) => r.money(child(t, CBC, 'TaxAmount')))
    .filter((x): x is Ore => x !== undefined);
  if (stated.length > 0) return r.sum(stated, el) ?? 0;
  if (net === undefined || percent === undefined) return 0;
  const vat = percentOf(net, percent);
  if (!isMoneyInRange(vat)) {
    r.invalid(el, 'Linjens moms er uden for det tilladte interval.', "The line's VAT is out of range.");
    return 0;
  }
  return vat;
}

export function readLines(
  root: XmlElement,
  documentType: Exclude<DocumentType, 'reminder'>,
  r: Reader,
  intake: CompiledIntake,
): ReadLine[] {
  const lineName = documentType === 'invoice' ? 'InvoiceLine' : 'CreditNoteLine';
  const quantityName = documentType === 'invoice' ? 'InvoicedQuantity' : 'CreditedQuantity';
  return children(root, CAC, lineName).map((el) => {
    const id = r.requiredText(el, CBC, 'ID', 100) ?? '';
    const netOre = r.requiredMoney(el, CBC, 'LineExtensionAmount');
    const percent = linePercent(el, r);
    const vat = lineVat(el, netOre, percent, r);
    const net = netOre ?? 0;
    const line: DocumentLine = {
      id,
      serviceNumber: extractServiceNumber(el, intake),
      netAmount: formatMoney(net),
      vatAmount: formatMoney(vat),
    };
    const item = child(el, CAC, 'Item');
    const description = textOf(child(item, CBC, 'Name')) ?? textOf(child(item, CBC, 'Description'));
    if (description !== undefined) line.description = description.slice(0, 2000);
    const quantity = r.decimal(child(el, CBC, quantityName));
    if (quantity !== undefined) line.quantity = quantity;
    if (percent !== undefined) line.vatPercent = percent;
    return { line, net, vat, el };
  });
}
