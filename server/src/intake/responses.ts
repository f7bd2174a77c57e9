/**
 * The business response a decision sends back to the ERP (PRODUCT.md §4), as XML:
 *
 * - {@link renderApplicationResponse}: OIOUBL 2.1 `ApplicationResponse`, shaped like the
 *   official sample (samples/oioubl21/OIOUBL_ApplicationResponse_v2p2.xml). ResponseCode
 *   (code list urn:oioubl:codelist:responsecode-1.1): approved → BusinessAccept, rejected →
 *   BusinessReject, manual → TechnicalAccept — the document was received and is valid, and the
 *   business decision is pending with a caseworker (OIOUBL has no "in process" business code;
 *   its schematron accepts BusinessAccept/Reject, TechnicalAccept/Reject and ProfileReject).
 *   Response/Description carries the reason as "CODE: text"; the comment goes in cbc:Note.
 *
 * - {@link renderInvoiceResponse}: Peppol BIS Invoice Response 3 (an `ApplicationResponse`
 *   with the invoice_response customization), shaped like samples/peppol-bis3/
 *   InvoiceResponse_Example.xml — or its OIOUBL 3 flavour (customization
 *   `…invoice_response:3@urn:fdc:oioubl.dk:trns:billing:invoice_response:3.0`) when the
 *   document came as OIOUBL 3. ResponseCode (UNCL4343 subset): approved → AP, rejected → RE,
 *   manual → IP "in process": processing has started in the buyer's system. UQ "under query"
 *   is not used because it means the buyer waits for the seller to answer, whereas a manual
 *   document waits for the municipality's own caseworker. A rejection carries a Status with
 *   an OPStatusReason code mapped from the reason code (response-codes.ts) and
 *   "CODE: text" as StatusReason, plus an OPStatusAction where one is obvious (NIN: send a
 *   new, corrected invoice).
 *
 * Only the first reason is sent: PRODUCT.md §2 says the first (highest-priority) reason's code
 * and text, plus the optional comment, go to the ERP. Output is deterministic for the same input
 * (the UUID is derived from the decision id; times are Europe/Copenhagen), so replaying a
 * decision renders the same bytes. All text is escaped by xmlbuilder2, and characters XML 1.0
 * cannot carry (control characters, lone surrogates) are removed first.
 *
 * Not verified here: the OIOUBL and Peppol schematrons themselves (no validator is available
 * offline); the structure follows the official examples element by element.
 */
import { isUuid } from '../domain/uuid.js';
import { createHash } from 'node:crypto';
import { create } from 'xmlbuilder2';
import type { CanonicalDocument } from '../domain/document.js';
import {
  OIOUBL_DOCUMENT_TYPE,
  OIOUBL_RESPONSE_CODE,
  PEPPOL_DOCUMENT_TYPE,
  PEPPOL_RESPONSE_CODE,
  PEPPOL_STATUS_REASON,
  REISSUE,
  type ResponseOutcome,
} from './response-codes.js';
import { APPLICATION_RESPONSE_NS, CAC, CBC } from './ubl-ns.js';

export type { ResponseOutcome };

export interface ResponseInput {
  decisionId: string;
  outcome: ResponseOutcome;
  /** Highest priority first; only the first is sent. */
  reasons: { code: string; text: string }[];
  comment?: string;
  document: CanonicalDocument;
  /** ISO 8601 timestamp of the decision. */
  createdAt: string;
  municipality: { id: string; name: string; ean?: string };
}

type Node = ReturnType<typeof create>;

const XMLNS = 'http://www.w3.org/2000/xmlns/';
const TIME_ZONE = 'Europe/Copenhagen';

/** Removes what XML 1.0 cannot carry: C0 controls other than tab/LF/CR, U+FFFE/FFFF, lone surrogates. */
export function xmlSafe(text: string): string {
  return text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');
}

const COPENHAGEN = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The decision time as the municipality's local date and time (Europe/Copenhagen). */
function localDateTime(iso: string): { date: string; time: string } {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new RangeError(`createdAt is not a valid timestamp: ${JSON.stringify(iso)}`);
  const parts = COPENHAGEN.formatToParts(t);
  const get = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '00';
  return {
    date: `${get('year')}-${get('month')}-${get('day')}`,
    time: `${get('hour')}:${get('minute')}:${get('second')}`,
  };
}

/** The decision id if it is a UUID, else a name-based (v5-style, SHA-1) UUID derived from it. */
function uuidFor(decisionId: string): string {
  if (isUuid(decisionId)) return decisionId.toLowerCase();
  const h = createHash('sha1').update(`regelvaerk:decision:${decisionId}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

/** Appends `<prefix:name attrs>text</prefix:name>` and returns the new element. */
function add(parent: Node, ns: string, qname: string, text?: string, attrs?: Record<string, string>): Node {
  const node = parent.ele(ns, qname);
  if (attrs !== undefined) for (const [k, v] of Object.entries(attrs)) node.att(k, xmlSafe(v));
  if (text !== undefined) node.txt(xmlSafe(text));
  return node;
}

function root(): Node {
  return create({ version: '1.0', encoding: 'UTF-8' })
    .ele(APPLICATION_RESPONSE_NS, 'ApplicationResponse')
    .att(XMLNS, 'xmlns:cac', CAC)
    .att(XMLNS, 'xmlns:cbc', CBC);
}

function reasonLine(input: ResponseInput): string | undefined {
  const first = input.reasons[0];
  return first === undefined ? undefined : `${first.code}: ${first.text}`;
}

function nonBlank(text: string | undefined): string | undefined {
  return text === undefined || text.trim() === '' ? undefined : text;
}

function senderEan(input: ResponseInput): string | undefined {
  return nonBlank(input.municipality.ean) ?? nonBlank(input.document.buyer.ean ?? undefined);
}

/** OIOUBL 2.1 ApplicationResponse (BusinessAccept / BusinessReject / TechnicalAccept). */
export function renderApplicationResponse(input: ResponseInput): string {
  const { date, time } = localDateTime(input.createdAt);
  const doc = input.document;
  const ar = root();
  add(ar, CBC, 'cbc:UBLVersionID', '2.1');
  add(ar, CBC, 'cbc:CustomizationID', 'OIOUBL-2.1');
  add(ar, CBC, 'cbc:ProfileID', 'Procurement-BilSim-1.0', {
    schemeAgencyID: '320',
    schemeID: 'urn:oioubl:id:profileid-1.3',
  });
  add(ar, CBC, 'cbc:ID', input.decisionId);
  add(ar, CBC, 'cbc:UUID', uuidFor(input.decisionId));
  add(ar, CBC, 'cbc:IssueDate', date);
  add(ar, CBC, 'cbc:IssueTime', time);
  const comment = nonBlank(input.comment);
  if (comment !== undefined) add(ar, CBC, 'cbc:Note', comment);

  // Sender: the municipality, by its EAN (GLN); without one, its id under the "mutually defined" scheme.
  const sender = add(ar, CAC, 'cac:SenderParty');
  const ean = senderEan(input);
  const senderId = ean ?? input.municipality.id;
  const senderScheme: Record<string, string> =
    ean !== undefined ? { schemeAgencyID: '9', schemeID: 'GLN' } : { schemeID: 'ZZZ' };
  add(sender, CBC, 'cbc:EndpointID', senderId, senderScheme);
  add(add(sender, CAC, 'cac:PartyIdentification'), CBC, 'cbc:ID', senderId, senderScheme);
  add(add(sender, CAC, 'cac:PartyName'), CBC, 'cbc:Name', input.municipality.name);

  // Receiver: the supplier, by the identifier the document was keyed on.
  const receiver = add(ar, CAC, 'cac:ReceiverParty');
  const supplierScheme = doc.supplier.scheme === undefined ? undefined : { schemeID: doc.supplier.scheme };
  add(receiver, CBC, 'cbc:EndpointID', doc.supplier.id, supplierScheme);
  add(add(receiver, CAC, 'cac:PartyIdentification'), CBC, 'cbc:ID', doc.supplier.id, supplierScheme);
  if (doc.supplier.name !== undefined)
    add(add(receiver, CAC, 'cac:PartyName'), CBC, 'cbc:Name', doc.supplier.name);

  const documentResponse = add(ar, CAC, 'cac:DocumentResponse');
  const response = add(documentResponse, CAC, 'cac:Response');
  add(response, CBC, 'cbc:ReferenceID', doc.id);
  add(response, CBC, 'cbc:ResponseCode', OIOUBL_RESPONSE_CODE[input.outcome], {
    listAgencyID: '320',
    listID: 'urn:oioubl:codelist:responsecode-1.1',
  });
  const reason = reasonLine(input);
  if (reason !== undefined) add(response, CBC, 'cbc:Description', reason);
  const reference = add(documentResponse, CAC, 'cac:DocumentReference');
  add(reference, CBC, 'cbc:ID', doc.id);
  add(reference, CBC, 'cbc:IssueDate', doc.issueDate);
  add(reference, CBC, 'cbc:DocumentTypeCode', OIOUBL_DOCUMENT_TYPE[doc.documentType], {
    listAgencyID: '320',
    listID: 'urn:oioubl:codelist:responsedocumenttypecode-1.2',
  });
  return ar.end({ prettyPrint: true });
}

/**
 * Peppol ISO 6523 / EAS scheme for an identifier: CVR → 0184 (digits only), GLN → 0088, a
 * numeric scheme as is. A supplier identified without a scheme gets an EndpointID without one
 * (Peppol requires a scheme, but such a supplier did not send its document over Peppol).
 */
function peppolEndpoint(
  id: string,
  scheme: string | undefined,
): { id: string; attrs?: Record<string, string> } {
  if (scheme === 'DK:CVR') return { id: id.replace(/^DK/i, ''), attrs: { schemeID: '0184' } };
  if (scheme === 'GLN') return { id, attrs: { schemeID: '0088' } };
  if (scheme !== undefined && /^\d{4}$/.test(scheme)) return { id, attrs: { schemeID: scheme } };
  return { id };
}

/** Peppol BIS Invoice Response 3 (AP / RE / IP), or its OIOUBL 3 flavour for OIOUBL 3 documents. */
export function renderInvoiceResponse(input: ResponseInput): string {
  const { date, time } = localDateTime(input.createdAt);
  const doc = input.document;
  const oioubl3 = doc.format === 'oioubl3';
  const ar = root();
  add(
    ar,
    CBC,
    'cbc:CustomizationID',
    oioubl3
      ? 'urn:fdc:peppol.eu:poacc:trns:invoice_response:3@urn:fdc:oioubl.dk:trns:billing:invoice_response:3.0'
      : 'urn:fdc:peppol.eu:poacc:trns:invoice_response:3',
  );
  add(
    ar,
    CBC,
    'cbc:ProfileID',
    oioubl3
      ? 'urn:fdc:oioubl.dk:bis:billing_with_response:3'
      : 'urn:fdc:peppol.eu:poacc:bis:invoice_response:3',
  );
  add(ar, CBC, 'cbc:ID', input.decisionId);
  add(ar, CBC, 'cbc:IssueDate', date);
  add(ar, CBC, 'cbc:IssueTime', time);
  const comment = nonBlank(input.comment);
  if (comment !== undefined) add(ar, CBC, 'cbc:Note', comment);

  const sender = add(ar, CAC, 'cac:SenderParty');
  const ean = senderEan(input);
  if (ean !== undefined) add(sender, CBC, 'cbc:EndpointID', ean, { schemeID: '0088' });
  add(add(sender, CAC, 'cac:PartyIdentification'), CBC, 'cbc:ID', ean ?? input.municipality.id);
  add(add(sender, CAC, 'cac:PartyLegalEntity'), CBC, 'cbc:RegistrationName', input.municipality.name);

  const receiver = add(ar, CAC, 'cac:ReceiverParty');
  const endpoint = peppolEndpoint(doc.supplier.id, doc.supplier.scheme);
  add(receiver, CBC, 'cbc:EndpointID', endpoint.id, endpoint.attrs);
  add(add(receiver, CAC, 'cac:PartyIdentification'), CBC, 'cbc:ID', endpoint.id, endpoint.attrs);
  add(
    add(receiver, CAC, 'cac:PartyLegalEntity'),
    CBC,
    'cbc:RegistrationName',
    doc.supplier.name ?? doc.supplier.id,
  );

  const documentResponse = add(ar, CAC, 'cac:DocumentResponse');
  const response = add(documentResponse, CAC, 'cac:Response');
  add(response, CBC, 'cbc:ResponseCode', PEPPOL_RESPONSE_CODE[input.outcome]);
  add(response, CBC, 'cbc:EffectiveDate', date);
  const first = input.reasons[0];
  const reason = reasonLine(input);
  if (input.outcome === 'rejected') {
    const status = add(response, CAC, 'cac:Status');
    add(status, CBC, 'cbc:StatusReasonCode', PEPPOL_STATUS_REASON[first?.code ?? ''] ?? 'OTH', {
      listID: 'OPStatusReason',
    });
    add(status, CBC, 'cbc:StatusReason', reason ?? 'Afvist');
    if (first !== undefined && REISSUE.has(first.code)) {
      add(add(response, CAC, 'cac:Status'), CBC, 'cbc:StatusReasonCode', 'NIN', { listID: 'OPStatusAction' });
    }
  } else if (input.outcome === 'manual' && reason !== undefined) {
    // In process with a caseworker: nothing for the supplier to do (NOA), and why, for information.
    const status = add(response, CAC, 'cac:Status');
    add(status, CBC, 'cbc:StatusReasonCode', 'NOA', { listID: 'OPStatusAction' });
    add(status, CBC, 'cbc:StatusReason', reason);
  }
  const reference = add(documentResponse, CAC, 'cac:DocumentReference');
  add(reference, CBC, 'cbc:ID', doc.id);
  add(reference, CBC, 'cbc:IssueDate', doc.issueDate);
  const typeCode = PEPPOL_DOCUMENT_TYPE[doc.documentType];
  if (typeCode !== undefined) add(reference, CBC, 'cbc:DocumentTypeCode', typeCode);
  return ar.end({ prettyPrint: true });
}
