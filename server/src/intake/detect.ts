/**
 * Which document this is, from the root element's namespace URI and local name (never its
 * prefix), and which format, from CustomizationID (ProfileID as a fallback):
 *
 * | Root (UBL namespace)                | CustomizationID                                   | format        |
 * |-------------------------------------|---------------------------------------------------|---------------|
 * | Invoice, CreditNote, Reminder       | `OIOUBL-2.1` (also its predecessors `OIOUBL-2.0x`) | `oioubl21`    |
 * | Invoice, CreditNote                 | `urn:fdc:oioubl.dk:trns:…:3.0`                    | `oioubl3`     |
 * | Invoice, CreditNote                 | `urn:cen.eu:en16931:2017#…peppol…billing:3.0`     | `peppol-bis3` |
 *
 * OIOUBL 3.0.1 (the current package) defines Invoice and CreditNote only, with the profiles
 * `billing_with_response` and `billing_private_without_response` — there is no OIOUBL 3
 * reminder, so a `Reminder` is read only as OIOUBL 2.1. An EN 16931 UBL document without the
 * Peppol customization is read with the Peppol rules (same semantics). Everything else — an
 * Order, an ApplicationResponse or InvoiceResponse, a UN/CEFACT CII invoice, unknown
 * customizations — is refused with 415.
 */
import type { DocumentType } from '../domain/document.js';
import { IntakeError } from './errors.js';
import { CBC, CREDIT_NOTE_NS, INVOICE_NS, REMINDER_NS, UBL_MAIN_PREFIX } from './ubl-ns.js';
import { child, elementPath, textOf, type XmlElement } from './xml-tree.js';

export type SourceFormat = 'oioubl21' | 'oioubl3' | 'peppol-bis3';

export interface Detected {
  documentType: DocumentType;
  format: SourceFormat;
}

const ROOTS: ReadonlyMap<string, DocumentType> = new Map([
  [`${INVOICE_NS} Invoice`, 'invoice'],
  [`${CREDIT_NOTE_NS} CreditNote`, 'creditNote'],
  [`${REMINDER_NS} Reminder`, 'reminder'],
]);

const CII_NS = 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100';

function formatFrom(text: string | undefined): SourceFormat | null {
  if (text === undefined) return null;
  const t = text.toLowerCase();
  if (/^oioubl-2(\.\d{1,3})?$/.test(t)) return 'oioubl21';
  if (t.includes('urn:fdc:oioubl.dk:')) return 'oioubl3';
  if (t.includes('urn:fdc:peppol.eu:2017:poacc:billing:') || t.startsWith('urn:cen.eu:en16931:2017')) {
    return 'peppol-bis3';
  }
  return null;
}

/** ProfileID alone, when CustomizationID is missing or unknown. */
function formatFromProfile(text: string | undefined): SourceFormat | null {
  if (text === undefined) return null;
  const t = text.toLowerCase();
  if (t.includes('urn:fdc:oioubl.dk:bis:')) return 'oioubl3';
  if (t.includes('urn:fdc:peppol.eu:2017:poacc:billing:')) return 'peppol-bis3';
  if (t.startsWith('urn:www.nesubl.eu:profiles:') || t.startsWith('procurement-')) return 'oioubl21';
  return null;
}

function unsupportedRoot(root: XmlElement): IntakeError {
  const path = elementPath(root);
  if (root.ns === CII_NS) {
    return IntakeError.of(
      415,
      path,
      'intake.unsupportedDocument',
      'UN/CEFACT CII-fakturaer understøttes ikke; send OIOUBL 2.1, OIOUBL 3 eller Peppol BIS 3 (UBL).',
      'UN/CEFACT CII invoices are not supported; send OIOUBL 2.1, OIOUBL 3 or Peppol BIS 3 (UBL).',
    );
  }
  const what = root.ns.startsWith(UBL_MAIN_PREFIX)
    ? `UBL-dokumentet ${root.local}`
    : `Elementet ${root.local}`;
  const whatEn = root.ns.startsWith(UBL_MAIN_PREFIX)
    ? `The UBL document ${root.local}`
    : `The element ${root.local}`;
  return IntakeError.of(
    415,
    path,
    'intake.unsupportedDocument',
    `${what} (${root.ns || 'uden navnerum'}) er ikke en faktura, kreditnota eller rykker, som Regelværk læser.`,
    `${whatEn} (${root.ns || 'no namespace'}) is not an invoice, credit note or reminder that Regelværk reads.`,
  );
}

export function detectDocument(root: XmlElement): Detected {
  const documentType = ROOTS.get(`${root.ns} ${root.local}`);
  if (documentType === undefined) throw unsupportedRoot(root);
  const customization = textOf(child(root, CBC, 'CustomizationID'));
  const format = formatFrom(customization) ?? formatFromProfile(textOf(child(root, CBC, 'ProfileID')));
  const path = `${elementPath(root)}/CustomizationID`;
  if (format === null) {
    const shown = customization === undefined ? '' : ` "${customization.slice(0, 120)}"`;
    throw IntakeError.of(
      415,
      path,
      'intake.unsupportedFormat',
      `CustomizationID${shown} er ikke OIOUBL 2.1, OIOUBL 3 eller Peppol BIS Billing 3.`,
      `CustomizationID${shown} is not OIOUBL 2.1, OIOUBL 3 or Peppol BIS Billing 3.`,
    );
  }
  if (documentType === 'reminder' && format !== 'oioubl21') {
    throw IntakeError.of(
      415,
      path,
      'intake.unsupportedFormat',
      'Rykkere læses kun som OIOUBL 2.1 (OIOUBL 3 og Peppol BIS 3 har ingen rykker).',
      'Reminders are read as OIOUBL 2.1 only (OIOUBL 3 and Peppol BIS 3 define no reminder).',
    );
  }
  return { documentType, format };
}
