/**
 * Every public sample, parsed and compared field by field with values read from the XML files
 * by hand (the comments say where each value comes from) — never with the parser's own output.
 */
import { describe, expect, it } from 'vitest';
import { validateDocument } from '../../server/src/domain/canonical.js';
import type { CanonicalDocument } from '../../server/src/domain/document.js';
import { IntakeError, parseDocumentXml } from '../../server/src/intake/index.js';
import { SAMPLE_DOCUMENTS, SAMPLE_RESPONSES, sample } from './helpers.js';

function parse(file: string): CanonicalDocument {
  return parseDocumentXml(sample(file));
}

/** The two lines shared by the OIOUBL 2.1 and OIOUBL 3 invoice/credit note samples. */
const TAVLE_LINES = [
  // InvoiceLine 1: InvoicedQuantity 1.00, LineExtensionAmount 5000.00, TaxTotal/TaxAmount 1250.00,
  // TaxCategory/Percent 25, Item/Name Hejsetavle, SellersItemIdentification/ID 5712345780121.
  {
    id: '1',
    serviceNumber: '5712345780121',
    description: 'Hejsetavle',
    quantity: '1',
    netAmount: '5000.00',
    vatPercent: '25',
    vatAmount: '1250.00',
  },
  // InvoiceLine 2: 2.00 × 25.00 = 50.00, VAT 12.50, Beslag, 5712345780111.
  {
    id: '2',
    serviceNumber: '5712345780111',
    description: 'Beslag',
    quantity: '2',
    netAmount: '50.00',
    vatPercent: '25',
    vatAmount: '12.50',
  },
];

// LegalMonetaryTotal: LineExtensionAmount 5050.00, TaxTotal/TaxAmount 1262.50, PayableAmount 6312.50.
// (TaxExclusiveAmount is 1262.50 in OIOUBL 2.1 — the VAT, not the net — and 5050.00 in OIOUBL 3.)
const TAVLE_TOTALS = { net: '5050.00', vat: '1262.50', payable: '6312.50' };

describe('OIOUBL 2.1 samples (the linked set A00095678)', () => {
  it('OIOUBL_Invoice_v2p2.xml', () => {
    expect(parse('oioubl21/OIOUBL_Invoice_v2p2.xml')).toEqual({
      documentType: 'invoice',
      id: 'A00095678',
      issueDate: '2005-11-20',
      currency: 'DKK',
      format: 'oioubl21',
      // PartyIdentification/ID schemeID="DK:CVR"; PartyName/Name (RegistrationName is spelled "Tavleleverandøren").
      supplier: { id: 'DK16356706', scheme: 'DK:CVR', name: 'Tavleverandøren' },
      // Customer EndpointID schemeID="GLN"; Contact/ID 7778 is the OIOUBL 2.1 person reference.
      buyer: { ean: '5798009811578', reference: '7778' },
      // OrderReference/ID 5002701 (7 digits), Contact/ID 7778, AccountingCost 5250124502 (free text,
      // "52" is no day) → none.
      cprNumbers: [],
      lines: TAVLE_LINES,
      totals: TAVLE_TOTALS,
      dueDate: '2005-11-25', // PaymentMeans/PaymentDueDate
    });
  });

  it('OIOUBL_Invoice_UBLExtensions_v2p2.xml (an XMLDSIG signature in UBLExtensions) reads the same', () => {
    const doc = parse('oioubl21/OIOUBL_Invoice_UBLExtensions_v2p2.xml');
    expect(doc.id).toBe('A00095678');
    expect(doc.supplier).toEqual({ id: 'DK16356706', scheme: 'DK:CVR', name: 'Tavleverandøren' });
    expect(doc.buyer.ean).toBe('5798009811578');
    expect(doc.lines).toEqual(TAVLE_LINES);
    expect(doc.totals).toEqual(TAVLE_TOTALS);
    expect(doc.cprNumbers).toEqual([]);
  });

  it('OIOUBL_CreditNote_v2p2.xml refers to the invoice A00095678', () => {
    expect(parse('oioubl21/OIOUBL_CreditNote_v2p2.xml')).toEqual({
      documentType: 'creditNote',
      id: 'A00095679',
      issueDate: '2005-11-20',
      currency: 'DKK',
      format: 'oioubl21',
      supplier: { id: 'DK16356706', scheme: 'DK:CVR', name: 'Tavleverandøren' },
      buyer: { ean: '5798009811578', reference: '7778' },
      cprNumbers: [],
      lines: TAVLE_LINES, // CreditNoteLine/CreditedQuantity 1.00 and 2.00
      totals: TAVLE_TOTALS,
      // BillingReference/InvoiceDocumentReference: ID A00095678, IssueDate 2005-11-20.
      billingReference: { id: 'A00095678', issueDate: '2005-11-20' },
    });
  });

  it('OIOUBL_Reminder_v2p2.xml: the reminded invoice is the line, the PenaltyFee 43.00 is the fee', () => {
    expect(parse('oioubl21/OIOUBL_Reminder_v2p2.xml')).toEqual({
      documentType: 'reminder',
      id: 'A00095678', // the sample reuses the invoice's number as the reminder's own ID
      issueDate: '2005-12-15',
      currency: 'DKK',
      format: 'oioubl21',
      supplier: { id: 'DK16356706', scheme: 'DK:CVR', name: 'Tavleverandøren' },
      buyer: { ean: '5798009811578', reference: '7778' },
      cprNumbers: [],
      // ReminderLine 1: DebitLineAmount 6312.50 (the invoice total incl. VAT); no new VAT on it.
      lines: [{ id: '1', serviceNumber: null, netAmount: '6312.50', vatAmount: '0.00' }],
      // LineExtensionAmount 6312.50; TaxTotal 0.00; PayableAmount 6355.50 = 6312.50 + 43.00.
      totals: { net: '6312.50', vat: '0.00', payable: '6355.50' },
      // ReminderLine/BillingReference/InvoiceDocumentReference: A00095678, 2005-11-20.
      billingReference: { id: 'A00095678', issueDate: '2005-11-20' },
      // AllowanceCharge ChargeIndicator true, AllowanceChargeReasonCode PenaltyFee, Amount 43.00;
      // ReminderSequenceNumeric 1.
      reminder: { fee: '43.00', sequence: 1 },
      dueDate: '2005-11-25',
    });
  });

  it('links credit note and reminder to the invoice A00095678; the reminder fee is 43.00', () => {
    const invoice = parse('oioubl21/OIOUBL_Invoice_v2p2.xml');
    const credit = parse('oioubl21/OIOUBL_CreditNote_v2p2.xml');
    const reminder = parse('oioubl21/OIOUBL_Reminder_v2p2.xml');
    expect(credit.billingReference?.id).toBe(invoice.id);
    expect(reminder.billingReference?.id).toBe(invoice.id);
    expect(credit.supplier.id).toBe(invoice.supplier.id);
    expect(reminder.supplier.id).toBe(invoice.supplier.id);
    expect(reminder.reminder?.fee).toBe('43.00');
    expect(invoice.id).toBe('A00095678');
  });
});

describe('OIOUBL 2.01 samples from gobl.dk.oioubl', () => {
  it('happy-path_real.xml (OIOUBL-2.01, UBL 2.0, a BOM): buyer addressed by CVR, so no EAN', () => {
    expect(parse('oioubl21-gobl/happy-path_real.xml')).toEqual({
      documentType: 'invoice',
      id: 'A00095678',
      issueDate: '2005-11-20',
      currency: 'DKK',
      format: 'oioubl21',
      supplier: { id: 'DK16356700', scheme: 'DK:CVR', name: 'Tavleverandøren' },
      // Customer EndpointID and PartyIdentification/ID have schemeID="DK:CVR" (DK99010080).
      buyer: { ean: null, reference: '7778' },
      cprNumbers: [],
      lines: TAVLE_LINES,
      totals: TAVLE_TOTALS,
      dueDate: '2005-11-25',
    });
  });

  it('credit-note.xml: supplier endpoint is a GLN, but its CVR (PartyLegalEntity) is the key', () => {
    expect(parse('oioubl21-gobl/credit-note.xml')).toEqual({
      documentType: 'creditNote',
      id: 'A00095679',
      issueDate: '2005-11-20',
      currency: 'DKK',
      format: 'oioubl21',
      // EndpointID/PartyIdentification GLN 5798009811530; PartyLegalEntity/CompanyID DK:CVR DK16356700.
      supplier: { id: 'DK16356700', scheme: 'DK:CVR', name: 'Tavleverandøren' },
      buyer: { ean: '5798009811530', reference: '7778' },
      cprNumbers: [],
      lines: TAVLE_LINES, // SellersItemIdentification/ID without a scheme here
      totals: TAVLE_TOTALS,
      billingReference: { id: 'A00095678', issueDate: '2005-11-20' },
    });
  });
});

describe('OIOUBL 3 sample', () => {
  it('OIOUBL3_Invoice_billing_with_response_Example.xml: 0184 CVR normalised to DK…', () => {
    expect(parse('oioubl3/OIOUBL3_Invoice_billing_with_response_Example.xml')).toEqual({
      documentType: 'invoice',
      id: '202400095678',
      issueDate: '2024-05-20',
      currency: 'DKK',
      format: 'oioubl3',
      // PartyIdentification/ID schemeID="0184" 16356706.
      supplier: { id: 'DK16356706', scheme: 'DK:CVR', name: 'Tavleverandøren' },
      // EndpointID schemeID="0088" 5798009811578; no BuyerReference, Contact/ID 7778.
      buyer: { ean: '5798009811578', reference: '7778' },
      cprNumbers: [],
      lines: TAVLE_LINES,
      totals: TAVLE_TOTALS, // TaxExclusiveAmount here is 5050.00 (the net)
      dueDate: '2024-07-01', // cbc:DueDate
    });
  });
});

describe('Peppol BIS 3 samples', () => {
  // Supplier: PartyIdentification/ID 99887766 without a scheme (EndpointID 0088 is 19 digits).
  const supplier = { id: '99887766', name: 'SupplierTradingName Ltd.' };
  // Buyer: EndpointID schemeID="0002" FR23342 — not a GLN; BuyerReference 0150abc.
  const buyer = { ean: null, reference: '0150abc' };
  // Lines without TaxTotal: VAT = net × ClassifiedTaxCategory/Percent 25.0.
  const lines = [
    {
      id: '1',
      serviceNumber: '21382183120983', // StandardItemIdentification/ID
      description: 'item name',
      quantity: '7',
      netAmount: '2800.00',
      vatPercent: '25',
      vatAmount: '700.00',
    },
    {
      id: '2',
      serviceNumber: '21382183120983',
      description: 'item name 2',
      quantity: '-3',
      netAmount: '-1500.00',
      vatPercent: '25',
      vatAmount: '-375.00',
    },
  ];
  // AllowanceCharge: charge, Insurance, 25, VAT 25.0.
  const allowanceCharges = [
    { chargeIndicator: true, amount: '25.00', reason: 'Insurance', vatPercent: '25' },
  ];
  // LineExtensionAmount 1300 + charge 25 = 1325 (= TaxExclusiveAmount); TaxAmount 331.25; Payable 1656.25.
  const totals = { net: '1325.00', vat: '331.25', payable: '1656.25' };

  it('base-example.xml', () => {
    expect(parse('peppol-bis3/base-example.xml')).toEqual({
      documentType: 'invoice',
      id: 'Snippet1',
      issueDate: '2017-11-13',
      currency: 'EUR',
      format: 'peppol-bis3',
      supplier,
      buyer,
      cprNumbers: [],
      lines,
      allowanceCharges,
      totals,
      dueDate: '2017-12-01',
    });
  });

  it('base-creditnote-correction.xml', () => {
    expect(parse('peppol-bis3/base-creditnote-correction.xml')).toEqual({
      documentType: 'creditNote',
      id: 'Snippet1',
      issueDate: '2017-11-13',
      currency: 'EUR',
      format: 'peppol-bis3',
      supplier,
      buyer,
      cprNumbers: [],
      lines,
      allowanceCharges,
      totals,
      billingReference: { id: 'Snippet1' }, // InvoiceDocumentReference without IssueDate
      note: 'Please note we have a new phone number: 22 22 22 22',
    });
  });

  it('Vat-category-S.xml: two VAT rates, a charge and an allowance', () => {
    expect(parse('peppol-bis3/Vat-category-S.xml')).toEqual({
      documentType: 'invoice',
      id: 'Snippet1',
      issueDate: '2017-11-13',
      currency: 'EUR',
      format: 'peppol-bis3',
      supplier,
      buyer,
      cprNumbers: [],
      lines: [
        // SellersItemIdentification/ID 97iugug876 comes before StandardItemIdentification.
        {
          id: '1',
          serviceNumber: '97iugug876',
          description: 'item name',
          quantity: '10',
          netAmount: '4000.00',
          vatPercent: '25',
          vatAmount: '1000.00',
        },
        {
          id: '2',
          serviceNumber: '97iugug876',
          description: 'item name',
          quantity: '10',
          netAmount: '2000.00',
          vatPercent: '15',
          vatAmount: '300.00',
        },
        {
          id: '3',
          serviceNumber: '97iugug876', // its AdditionalItemProperty is "AdditionalItemName", not a service number
          description: 'item name',
          quantity: '10',
          netAmount: '900.00',
          vatPercent: '25',
          vatAmount: '225.00',
        },
      ],
      allowanceCharges: [
        { chargeIndicator: true, amount: '200.00', reason: 'Cleaning', vatPercent: '25' },
        { chargeIndicator: false, amount: '100.00', reason: 'Discount', vatPercent: '25' },
      ],
      // 6900 + 200 − 100 = 7000 (= TaxExclusiveAmount); TaxAmount 1550.00 (1250 + 300); Payable 8550.
      totals: { net: '7000.00', vat: '1550.00', payable: '8550.00' },
      dueDate: '2017-12-01',
    });
  });

  it('vat-category-E.xml: exempt, 0 %, GBP', () => {
    expect(parse('peppol-bis3/vat-category-E.xml')).toEqual({
      documentType: 'invoice',
      id: 'Vat-Z',
      issueDate: '2018-08-30',
      currency: 'GBP',
      format: 'peppol-bis3',
      // PartyIdentification/ID 7300010000001 (no scheme); no PartyName → RegistrationName.
      supplier: { id: '7300010000001', name: 'The Sellercompany Incorporated' },
      // EndpointID schemeID="0184" 12345678 is a CVR number, not an EAN.
      buyer: { ean: null, reference: 'test reference' },
      cprNumbers: [],
      lines: [
        {
          id: '1',
          serviceNumber: '192387129837129873',
          description: 'Test item, category Z',
          quantity: '10',
          netAmount: '1200.00',
          vatPercent: '0',
          vatAmount: '0.00',
        },
      ],
      totals: { net: '1200.00', vat: '0.00', payable: '1200.00' },
    });
  });
});

describe('every sample', () => {
  it.each(SAMPLE_DOCUMENTS)('%s passes validateDocument, also as a Buffer', (file) => {
    const fromString = parseDocumentXml(sample(file));
    expect(validateDocument(fromString).ok).toBe(true);
    expect(parseDocumentXml(Buffer.from(sample(file), 'utf8'))).toEqual(fromString);
  });

  it.each(SAMPLE_RESPONSES)('%s is refused as not a supported document (415)', (file) => {
    let caught: unknown;
    try {
      parseDocumentXml(sample(file));
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(IntakeError);
    const err = caught as IntakeError;
    expect(err.status).toBe(415);
    expect(err.errors[0]?.pointer).toBe('/ApplicationResponse');
    expect(err.errors[0]?.code).toBe('intake.unsupportedDocument');
    expect(err.errors[0]?.messages.da).toContain('ApplicationResponse');
  });
});
