/** Documents Regelværk must refuse, safely, with the right status and an element-path pointer. */
import { describe, expect, it } from 'vitest';
import { IntakeError, parseDocumentXml, type IntakeStatus } from '../../server/src/intake/index.js';
import { dentistInvoice, sample } from './helpers.js';

function refusal(input: string | Buffer, options?: Parameters<typeof parseDocumentXml>[1]): IntakeError {
  try {
    parseDocumentXml(input, options);
  } catch (e) {
    if (e instanceof IntakeError) return e;
    throw new Error(`expected an IntakeError, got ${String(e)}`, { cause: e });
  }
  throw new Error('expected the document to be refused');
}

function expectRefused(
  input: string | Buffer,
  status: IntakeStatus,
  code: string,
  pointer: string,
  options?: Parameters<typeof parseDocumentXml>[1],
): IntakeError {
  const err = refusal(input, options);
  expect(err.status).toBe(status);
  expect(err.errors.map((e) => [e.code, e.pointer])).toContainEqual([code, pointer]);
  for (const e of err.errors) {
    expect(e.messages.da.length).toBeGreaterThan(0);
    expect(e.messages.en.length).toBeGreaterThan(0);
    expect(e.message).toBe(e.messages.en);
    expect(e.severity).toBe('error');
  }
  return err;
}

const INVOICE = sample('oioubl21/OIOUBL_Invoice_v2p2.xml');
const withoutDeclaration = INVOICE.replace(/^<\?xml[^>]*>\s*/, '');

describe('hostile XML', () => {
  it('a DOCTYPE is refused (400)', () => {
    expectRefused(
      `<?xml version="1.0"?>\n<!DOCTYPE Invoice>\n${withoutDeclaration}`,
      400,
      'intake.doctype',
      '/',
    );
  });

  it('an entity declaration (billion laughs) is refused quickly, without expansion', () => {
    const lol = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE lolz [',
      ' <!ENTITY lol "lol">',
      ...Array.from(
        { length: 9 },
        (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`,
      ),
      ']>',
      '<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">&lol9;</Invoice>',
    ].join('\n');
    const started = performance.now();
    expectRefused(lol, 400, 'intake.doctype', '/');
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('an external entity (XXE) is refused, and an unterminated DOCTYPE too', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><ID>&xxe;</ID></Invoice>`;
    expectRefused(xxe, 400, 'intake.doctype', '/');
    expectRefused('<?xml version="1.0"?><!DOCTYPE x [ <!ENTITY a "b">', 400, 'intake.doctype', '/');
  });

  it('an undefined entity reference is not well-formed (400), naming the element', () => {
    expectRefused(
      INVOICE.replace('<cbc:ID>A00095678</cbc:ID>', '<cbc:ID>&oops;</cbc:ID>'),
      400,
      'intake.notWellFormed',
      '/Invoice/ID',
    );
  });

  it('a 6 MB document is refused (413) before parsing, as a string and as a Buffer', () => {
    const big = INVOICE.replace('</Invoice>', `<!-- ${'x'.repeat(6 * 1024 * 1024)} --></Invoice>`);
    expectRefused(big, 413, 'intake.tooLarge', '/');
    expectRefused(Buffer.from(big), 413, 'intake.tooLarge', '/');
  });

  it('the byte limit is configurable, and counts UTF-8 bytes', () => {
    expectRefused(INVOICE, 413, 'intake.tooLarge', '/', { maxBytes: 1000 });
    const bytes = Buffer.byteLength(INVOICE, 'utf8'); // æøå take two bytes each
    expect(() => parseDocumentXml(INVOICE, { maxBytes: bytes })).not.toThrow();
    expectRefused(INVOICE, 413, 'intake.tooLarge', '/', { maxBytes: bytes - 1 });
  });

  it('nesting 200 deep is refused (413), pointing at the element that went too deep', () => {
    const deep = INVOICE.replace(
      '</Invoice>',
      `${'<cbc:Note>'.repeat(200)}${'</cbc:Note>'.repeat(200)}</Invoice>`,
    );
    const err = refusal(deep);
    expect(err.status).toBe(413);
    expect(err.errors[0]?.code).toBe('intake.tooDeep');
    expect(err.errors[0]?.pointer).toBe(`/Invoice/${Array.from({ length: 64 }, () => 'Note').join('/')}`);
    // …and the limit is configurable.
    expectRefused(INVOICE, 413, 'intake.tooDeep', '/Invoice/AccountingSupplierParty/Party/EndpointID', {
      maxDepth: 3,
    });
  });
});

describe('not XML, or not well-formed', () => {
  it.each([
    ['plain text', 'hello'],
    ['JSON', '{"documentType":"invoice"}'],
    ['empty', ''],
    ['whitespace', '   \n '],
    ['two roots', '<a/><b/>'],
  ])('%s → 400', (_label, input) => {
    const err = refusal(input);
    expect(err.status).toBe(400);
    expect(['intake.notWellFormed', 'intake.notXml']).toContain(err.errors[0]?.code);
  });

  it('a truncated document names the element where it broke off', () => {
    const cut = INVOICE.slice(0, INVOICE.indexOf('<cbc:Name>Hejsetavle'));
    // The second InvoiceLine was never seen, so the first has no index yet.
    expectRefused(cut, 400, 'intake.notWellFormed', '/Invoice/InvoiceLine/Item');
  });

  it('an unbound namespace prefix is not well-formed', () => {
    expectRefused('<Invoice><cbc:ID>1</cbc:ID></Invoice>', 400, 'intake.notWellFormed', '/Invoice');
  });

  it('invalid UTF-8 bytes are refused, not replaced', () => {
    const bytes = Buffer.concat([
      Buffer.from(INVOICE.slice(0, 200)),
      Buffer.from([0xc3, 0x28]),
      Buffer.from(INVOICE.slice(200)),
    ]);
    expectRefused(bytes, 400, 'intake.encoding', '/');
  });

  it('a non-UTF-8 declared encoding we do not read is 415; ISO-8859-1 is decoded', () => {
    expectRefused(Buffer.from('<?xml version="1.0" encoding="EBCDIC-US"?><a/>'), 415, 'intake.encoding', '/');
    const latin1 = Buffer.from(INVOICE.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"'), 'latin1');
    expect(parseDocumentXml(latin1).supplier.name).toBe('Tavleverandøren');
  });

  it('a value that is not a Buffer or string is refused, not a TypeError', () => {
    expect(refusal(42 as unknown as string).status).toBe(400);
    expect(refusal(undefined as unknown as string).status).toBe(400);
  });
});

describe('not a supported document', () => {
  it('a UBL Order (415)', () => {
    const order = `<?xml version="1.0"?><Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"><cbc:CustomizationID>OIOUBL-2.1</cbc:CustomizationID><cbc:ID>5002701</cbc:ID></Order>`;
    expectRefused(order, 415, 'intake.unsupportedDocument', '/Order');
  });

  it('an Invoice element in the wrong namespace (415)', () => {
    expectRefused('<Invoice><ID>1</ID></Invoice>', 415, 'intake.unsupportedDocument', '/Invoice');
  });

  it('a UN/CEFACT CII invoice (415)', () => {
    const cii =
      '<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"/>';
    expectRefused(cii, 415, 'intake.unsupportedDocument', '/CrossIndustryInvoice');
  });

  it('an unknown CustomizationID (415)', () => {
    const other = INVOICE.replace('OIOUBL-2.1', 'urn:example:my-own:1.0').replace(
      /<cbc:ProfileID[^>]*>[^<]*<\/cbc:ProfileID>/,
      '',
    );
    expectRefused(other, 415, 'intake.unsupportedFormat', '/Invoice/CustomizationID');
  });

  it('a Reminder that claims to be Peppol (415: only OIOUBL 2.1 has reminders)', () => {
    const reminder = sample('oioubl21/OIOUBL_Reminder_v2p2.xml').replace(
      'OIOUBL-2.1',
      'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0',
    );
    expectRefused(reminder, 415, 'intake.unsupportedFormat', '/Reminder/CustomizationID');
  });
});

describe('missing or unreadable elements (422)', () => {
  it('missing PayableAmount', () => {
    const err = expectRefused(
      INVOICE.replace(/<cbc:PayableAmount[^>]*>[^<]*<\/cbc:PayableAmount>/, ''),
      422,
      'intake.missing',
      '/Invoice/LegalMonetaryTotal/PayableAmount',
    );
    expect(err.errors[0]?.messages.da).toContain('/Invoice/LegalMonetaryTotal/PayableAmount');
  });

  it('missing LegalMonetaryTotal altogether', () => {
    const xml = INVOICE.replace(/<cac:LegalMonetaryTotal>[\s\S]*<\/cac:LegalMonetaryTotal>/, '');
    expectRefused(xml, 422, 'intake.missing', '/Invoice/LegalMonetaryTotal/PayableAmount');
  });

  it('every problem at once: missing ID, a bad date, a non-number amount, "1e400"', () => {
    const xml = INVOICE.replace('<cbc:ID>A00095678</cbc:ID>', '')
      .replace('<cbc:IssueDate>2005-11-20</cbc:IssueDate>', '<cbc:IssueDate>2005-02-30</cbc:IssueDate>')
      .replace(
        '<cbc:LineExtensionAmount currencyID="DKK">50.00</cbc:LineExtensionAmount>',
        '<cbc:LineExtensionAmount currencyID="DKK">1e400</cbc:LineExtensionAmount>',
      )
      .replace(
        '<cbc:TaxAmount currencyID="DKK">1250.00</cbc:TaxAmount>',
        '<cbc:TaxAmount currencyID="DKK">12,50</cbc:TaxAmount>',
      );
    const err = refusal(xml);
    expect(err.status).toBe(422);
    expect(err.errors.map((e) => e.pointer)).toEqual(
      expect.arrayContaining([
        '/Invoice/ID',
        '/Invoice/IssueDate',
        '/Invoice/InvoiceLine[2]/LineExtensionAmount',
        '/Invoice/InvoiceLine[1]/TaxTotal/TaxAmount',
      ]),
    );
  });

  it('an amount beyond 13 integer digits', () => {
    const xml = INVOICE.replace(
      '<cbc:PayableAmount currencyID="DKK">6312.50</cbc:PayableAmount>',
      '<cbc:PayableAmount currencyID="DKK">99999999999999.00</cbc:PayableAmount>',
    );
    expectRefused(xml, 422, 'intake.invalidValue', '/Invoice/LegalMonetaryTotal/PayableAmount');
  });

  it('no supplier identifier', () => {
    const xml = dentistInvoice().replace(
      /<cac:AccountingSupplierParty>[\s\S]*<\/cac:AccountingSupplierParty>/,
      '',
    );
    expectRefused(
      xml,
      422,
      'intake.invalidValue',
      '/Invoice/AccountingSupplierParty/Party/PartyIdentification/ID',
    );
  });

  it('no lines', () => {
    const xml = INVOICE.replace(/<cac:InvoiceLine>[\s\S]*<\/cac:InvoiceLine>/, '');
    expectRefused(xml, 422, 'intake.missing', '/Invoice/InvoiceLine');
  });

  it('duplicate line ids', () => {
    const xml = INVOICE.replace('<cbc:ID>2</cbc:ID>', '<cbc:ID>1</cbc:ID>');
    expectRefused(xml, 422, 'intake.invalidValue', '/Invoice/InvoiceLine[2]/ID');
  });

  it('a lower-case or unknown currency code', () => {
    const xml = INVOICE.replace(
      '<cbc:DocumentCurrencyCode>DKK</cbc:DocumentCurrencyCode>',
      '<cbc:DocumentCurrencyCode>kr.</cbc:DocumentCurrencyCode>',
    );
    expectRefused(xml, 422, 'intake.invalidValue', '/Invoice/DocumentCurrencyCode');
  });
});
