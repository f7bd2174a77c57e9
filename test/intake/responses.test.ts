/** Business responses back to the ERP: well-formed, the right root/namespace and codes, escaped. */
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import type { CanonicalDocument } from '../../server/src/domain/document.js';
import {
  parseDocumentXml,
  renderApplicationResponse,
  renderInvoiceResponse,
  type ResponseInput,
} from '../../server/src/intake/index.js';
import { sample } from './helpers.js';

const AR_NS = 'urn:oasis:names:specification:ubl:schema:xsd:ApplicationResponse-2';

interface Parsed {
  rootNs: string;
  rootLocal: string;
  /** Texts by element path of local names ("/ApplicationResponse/DocumentResponse/Response/ResponseCode"). */
  texts: Map<string, string[]>;
  /** Attributes by element path. */
  attrs: Map<string, Record<string, string>[]>;
}

/** Parses XML back with saxes (namespace-aware); throws if it is not well-formed. */
function parseBack(xml: string): Parsed {
  const parser = new SaxesParser({ xmlns: true });
  const stack: { path: string; text: string }[] = [];
  const result: Parsed = { rootNs: '', rootLocal: '', texts: new Map(), attrs: new Map() };
  parser.on('doctype', () => {
    throw new Error('unexpected DOCTYPE');
  });
  parser.on('opentag', (tag) => {
    const path = `${stack.at(-1)?.path ?? ''}/${tag.local}`;
    if (stack.length === 0) {
      result.rootNs = tag.uri;
      result.rootLocal = tag.local;
    }
    const attrs: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) if (a.uri === '') attrs[a.local] = a.value;
    result.attrs.set(path, [...(result.attrs.get(path) ?? []), attrs]);
    stack.push({ path, text: '' });
  });
  parser.on('text', (t) => {
    const top = stack.at(-1);
    if (top) top.text += t;
  });
  parser.on('closetag', () => {
    const top = stack.pop()!;
    if (top.text.trim() !== '') result.texts.set(top.path, [...(result.texts.get(top.path) ?? []), top.text]);
  });
  parser.write(xml).close();
  return result;
}

const text = (p: Parsed, path: string): string | undefined => p.texts.get(`/ApplicationResponse${path}`)?.[0];
const attr = (p: Parsed, path: string): Record<string, string> | undefined =>
  p.attrs.get(`/ApplicationResponse${path}`)?.[0];

const invoice: CanonicalDocument = parseDocumentXml(sample('oioubl21/OIOUBL_Invoice_v2p2.xml'));
const TRICKY = `Fakturaen <indeholder> 2 CPR-numre & "samleregning" isn't ok ]]> \u0001slut`;

function input(overrides: Partial<ResponseInput> = {}): ResponseInput {
  return {
    decisionId: 'dec-0001',
    outcome: 'rejected',
    reasons: [
      { code: 'SAMLEREGNING', text: 'Fakturaen indeholder flere CPR-numre (enkeltsagsprincippet).' },
      { code: 'MANGLER_CPR', text: 'Ikke sendt.' },
    ],
    comment: 'Send én faktura pr. borger.',
    document: invoice,
    createdAt: '2025-03-02T10:00:00Z',
    municipality: { id: '851', name: 'Aalborg Kommune', ean: '5798000012345' },
    ...overrides,
  };
}

describe('OIOUBL 2.1 ApplicationResponse', () => {
  it('BusinessReject carries the first reason (code and text) and the comment', () => {
    const xml = renderApplicationResponse(input());
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    const p = parseBack(xml);
    expect(p.rootNs).toBe(AR_NS);
    expect(p.rootLocal).toBe('ApplicationResponse');
    expect(text(p, '/CustomizationID')).toBe('OIOUBL-2.1');
    expect(text(p, '/ID')).toBe('dec-0001');
    expect(text(p, '/UUID')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(text(p, '/IssueDate')).toBe('2025-03-02');
    expect(text(p, '/IssueTime')).toBe('11:00:00'); // Europe/Copenhagen, CET
    expect(text(p, '/Note')).toBe('Send én faktura pr. borger.');
    expect(text(p, '/SenderParty/EndpointID')).toBe('5798000012345');
    expect(attr(p, '/SenderParty/EndpointID')).toEqual({ schemeAgencyID: '9', schemeID: 'GLN' });
    expect(text(p, '/SenderParty/PartyName/Name')).toBe('Aalborg Kommune');
    expect(text(p, '/ReceiverParty/EndpointID')).toBe('DK16356706');
    expect(attr(p, '/ReceiverParty/EndpointID')).toEqual({ schemeID: 'DK:CVR' });
    expect(text(p, '/DocumentResponse/Response/ResponseCode')).toBe('BusinessReject');
    expect(attr(p, '/DocumentResponse/Response/ResponseCode')).toEqual({
      listAgencyID: '320',
      listID: 'urn:oioubl:codelist:responsecode-1.1',
    });
    expect(p.texts.get('/ApplicationResponse/DocumentResponse/Response/Description')).toEqual([
      'SAMLEREGNING: Fakturaen indeholder flere CPR-numre (enkeltsagsprincippet).',
    ]);
    expect(text(p, '/DocumentResponse/DocumentReference/ID')).toBe('A00095678');
    expect(text(p, '/DocumentResponse/DocumentReference/IssueDate')).toBe('2005-11-20');
    expect(text(p, '/DocumentResponse/DocumentReference/DocumentTypeCode')).toBe('Invoice');
  });

  it('approved → BusinessAccept without a reason; manual → TechnicalAccept with its reason', () => {
    const approved = parseBack(
      renderApplicationResponse(input({ outcome: 'approved', reasons: [], comment: undefined })),
    );
    expect(text(approved, '/DocumentResponse/Response/ResponseCode')).toBe('BusinessAccept');
    expect(text(approved, '/DocumentResponse/Response/Description')).toBeUndefined();
    expect(text(approved, '/Note')).toBeUndefined();
    const manual = parseBack(
      renderApplicationResponse(
        input({ outcome: 'manual', reasons: [{ code: 'OVER_BELOEBSGRAENSE', text: 'Beløb over grænsen.' }] }),
      ),
    );
    expect(text(manual, '/DocumentResponse/Response/ResponseCode')).toBe('TechnicalAccept');
    expect(text(manual, '/DocumentResponse/Response/Description')).toBe(
      'OVER_BELOEBSGRAENSE: Beløb over grænsen.',
    );
  });

  it('escapes <&"\' and ]]>, and drops characters XML cannot carry', () => {
    const xml = renderApplicationResponse(
      input({
        reasons: [{ code: 'X&Y', text: TRICKY }],
        comment: `Kommentar <b>&"'</b>`,
        decisionId: 'id<&>',
      }),
    );
    expect(xml).not.toContain(']]>');
    const p = parseBack(xml);
    expect(text(p, '/DocumentResponse/Response/Description')).toBe(
      `X&Y: Fakturaen <indeholder> 2 CPR-numre & "samleregning" isn't ok ]]> slut`,
    );
    expect(text(p, '/Note')).toBe(`Kommentar <b>&"'</b>`);
    expect(text(p, '/ID')).toBe('id<&>');
  });

  it('credit notes and reminders are referenced with their OIOUBL type; no EAN → municipality id', () => {
    const reminder = parseDocumentXml(sample('oioubl21/OIOUBL_Reminder_v2p2.xml'));
    const p = parseBack(
      renderApplicationResponse(
        input({
          document: { ...reminder, buyer: { ean: null } },
          municipality: { id: '851', name: 'Aalborg' },
        }),
      ),
    );
    expect(text(p, '/DocumentResponse/DocumentReference/DocumentTypeCode')).toBe('Reminder');
    expect(text(p, '/SenderParty/EndpointID')).toBe('851');
    expect(attr(p, '/SenderParty/EndpointID')).toEqual({ schemeID: 'ZZZ' });
  });

  it('is deterministic (replay renders the same bytes) and uses a UUID decision id as is', () => {
    expect(renderApplicationResponse(input())).toBe(renderApplicationResponse(input()));
    const uuid = '9756B516-8815-1029-857A-E388FE63F399';
    expect(text(parseBack(renderApplicationResponse(input({ decisionId: uuid }))), '/UUID')).toBe(
      uuid.toLowerCase(),
    );
  });

  it('refuses an invalid createdAt', () => {
    expect(() => renderApplicationResponse(input({ createdAt: 'yesterday' }))).toThrow(RangeError);
  });
});

describe('Peppol InvoiceResponse', () => {
  it('rejected → RE with an OPStatusReason, "CODE: text", an action, and the comment as Note', () => {
    const p = parseBack(renderInvoiceResponse(input()));
    expect(p.rootNs).toBe(AR_NS);
    expect(p.rootLocal).toBe('ApplicationResponse');
    expect(text(p, '/CustomizationID')).toBe('urn:fdc:peppol.eu:poacc:trns:invoice_response:3');
    expect(text(p, '/ProfileID')).toBe('urn:fdc:peppol.eu:poacc:bis:invoice_response:3');
    expect(text(p, '/Note')).toBe('Send én faktura pr. borger.');
    expect(text(p, '/SenderParty/EndpointID')).toBe('5798000012345');
    expect(attr(p, '/SenderParty/EndpointID')).toEqual({ schemeID: '0088' });
    expect(text(p, '/ReceiverParty/EndpointID')).toBe('16356706');
    expect(attr(p, '/ReceiverParty/EndpointID')).toEqual({ schemeID: '0184' });
    expect(text(p, '/DocumentResponse/Response/ResponseCode')).toBe('RE');
    expect(text(p, '/DocumentResponse/Response/EffectiveDate')).toBe('2025-03-02');
    expect(p.texts.get('/ApplicationResponse/DocumentResponse/Response/Status/StatusReasonCode')).toEqual([
      'REF',
      'NIN',
    ]);
    expect(p.attrs.get('/ApplicationResponse/DocumentResponse/Response/Status/StatusReasonCode')).toEqual([
      { listID: 'OPStatusReason' },
      { listID: 'OPStatusAction' },
    ]);
    expect(text(p, '/DocumentResponse/Response/Status/StatusReason')).toBe(
      'SAMLEREGNING: Fakturaen indeholder flere CPR-numre (enkeltsagsprincippet).',
    );
    expect(text(p, '/DocumentResponse/DocumentReference/ID')).toBe('A00095678');
    expect(text(p, '/DocumentResponse/DocumentReference/DocumentTypeCode')).toBe('380');
  });

  it('approved → AP without a status; manual → IP (in process) with NOA and the reason', () => {
    const approved = parseBack(renderInvoiceResponse(input({ outcome: 'approved', reasons: [] })));
    expect(text(approved, '/DocumentResponse/Response/ResponseCode')).toBe('AP');
    expect(approved.texts.has('/ApplicationResponse/DocumentResponse/Response/Status/StatusReasonCode')).toBe(
      false,
    );
    const manual = parseBack(
      renderInvoiceResponse(
        input({ outcome: 'manual', reasons: [{ code: 'RYKKERGEBYR', text: 'Gebyret vurderes.' }] }),
      ),
    );
    expect(text(manual, '/DocumentResponse/Response/ResponseCode')).toBe('IP');
    expect(text(manual, '/DocumentResponse/Response/Status/StatusReasonCode')).toBe('NOA');
    expect(text(manual, '/DocumentResponse/Response/Status/StatusReason')).toBe(
      'RYKKERGEBYR: Gebyret vurderes.',
    );
  });

  it("a municipality's own reason code maps to OTH; a credit note is type 381", () => {
    const credit = parseDocumentXml(sample('peppol-bis3/base-creditnote-correction.xml'));
    const p = parseBack(
      renderInvoiceResponse(
        input({ document: credit, reasons: [{ code: 'EGEN_KODE', text: 'Noget andet.' }] }),
      ),
    );
    expect(p.texts.get('/ApplicationResponse/DocumentResponse/Response/Status/StatusReasonCode')).toEqual([
      'OTH',
    ]);
    expect(text(p, '/DocumentResponse/DocumentReference/DocumentTypeCode')).toBe('381');
    expect(text(p, '/ReceiverParty/EndpointID')).toBe('99887766'); // no scheme on the document
  });

  it('uses the OIOUBL 3 customization for OIOUBL 3 documents', () => {
    const oioubl3 = parseDocumentXml(sample('oioubl3/OIOUBL3_Invoice_billing_with_response_Example.xml'));
    const p = parseBack(renderInvoiceResponse(input({ document: oioubl3 })));
    expect(text(p, '/CustomizationID')).toBe(
      'urn:fdc:peppol.eu:poacc:trns:invoice_response:3@urn:fdc:oioubl.dk:trns:billing:invoice_response:3.0',
    );
    expect(text(p, '/ProfileID')).toBe('urn:fdc:oioubl.dk:bis:billing_with_response:3');
  });

  it('escapes <&"\' and ]]> in reason, comment and names', () => {
    const xml = renderInvoiceResponse(
      input({
        reasons: [{ code: 'BELOEB_UOVERENSSTEMMELSE', text: TRICKY }],
        comment: `"quoted" & <tagged>`,
        municipality: { id: '851', name: `Kommune <&"'>`, ean: '5798000012345' },
      }),
    );
    const p = parseBack(xml);
    expect(text(p, '/DocumentResponse/Response/Status/StatusReason')).toBe(
      `BELOEB_UOVERENSSTEMMELSE: Fakturaen <indeholder> 2 CPR-numre & "samleregning" isn't ok ]]> slut`,
    );
    expect(text(p, '/Note')).toBe(`"quoted" & <tagged>`);
    expect(text(p, '/SenderParty/PartyLegalEntity/RegistrationName')).toBe(`Kommune <&"'>`);
  });
});
