/**
 * Our own health-provider fixtures (built by helpers.healthInvoice): where CPR numbers and
 * service numbers sit on real-world Danish eFaktura, and how intake settings move the search.
 * CPR numbers here are made up (date-valid or deliberately not), never real people's.
 */
import { describe, expect, it } from 'vitest';
import { isValidCpr } from '../../server/src/domain/cpr.js';
import { validateDocument } from '../../server/src/domain/canonical.js';
import { parseDocumentXml, type IntakeSettings } from '../../server/src/intake/index.js';
import { dentistInvoice, healthInvoice, sample } from './helpers.js';

describe('CPR numbers on health-provider invoices', () => {
  it('a dentist invoice with the CPR in OrderReference/ID', () => {
    const doc = parseDocumentXml(dentistInvoice({ orderReference: '010150-1234' }));
    expect(doc.cprNumbers).toEqual(['0101501234']);
    expect(doc.documentType).toBe('invoice');
    expect(doc.id).toBe('T-1001');
    expect(doc.supplier).toEqual({ id: 'DK12345674', scheme: 'DK:CVR', name: 'Klinik Test' });
    expect(doc.buyer.ean).toBe('5798000012345');
    expect(doc.lines).toEqual([
      {
        id: '1',
        serviceNumber: '1001', // AdditionalItemProperty Name=Ydelsesnummer
        description: 'Tandrensning',
        quantity: '1',
        netAmount: '500.00',
        vatPercent: '0',
        vatAmount: '0.00',
      },
    ]);
    expect(doc.totals).toEqual({ net: '500.00', vat: '0.00', payable: '500.00' });
    expect(validateDocument(doc).ok).toBe(true);
  });

  it('the CPR in the customer contact ID (OIOUBL 2.1 "personreference")', () => {
    expect(parseDocumentXml(dentistInvoice({ customerContactId: '1512802222' })).cprNumbers).toEqual([
      '1512802222',
    ]);
  });

  it('a samleregning: two CPR numbers on its lines are both found', () => {
    const xml = healthInvoice({
      format: 'oioubl21',
      id: 'S-77',
      lines: [
        {
          id: '1',
          name: 'Fysioterapi',
          description: 'Patient 0101501234, behandling 1',
          net: '300.00',
          vat: '0.00',
          percent: '0',
          category: 'ZeroRated',
          sellersItemId: 'F-10',
        },
        {
          id: '2',
          name: 'Fysioterapi, CPR 020260-4321',
          net: '300.00',
          vat: '0.00',
          percent: '0',
          category: 'ZeroRated',
          sellersItemId: 'F-10',
        },
      ],
      lineExtension: '600.00',
      tax: '0.00',
      payable: '600.00',
    });
    const doc = parseDocumentXml(xml);
    // In the order of the intake paths: Line/Item/Name is read before Line/Item/Description.
    expect(doc.cprNumbers).toEqual(['0202604321', '0101501234']);
    expect(doc.lines.map((l) => l.serviceNumber)).toEqual(['F-10', 'F-10']);
    expect(doc.totals).toEqual({ net: '600.00', vat: '0.00', payable: '600.00' });
  });

  it('the same CPR in several places counts once', () => {
    const doc = parseDocumentXml(
      dentistInvoice({
        orderReference: '0101501234',
        note: 'Vedr. 010150-1234',
        customerContactId: '010150 1234',
      }),
    );
    expect(doc.cprNumbers).toEqual(['0101501234']);
  });

  it('a CPR in a Note is found by the pattern; an invalid-date 10-digit number in a Note is ignored', () => {
    const doc = parseDocumentXml(
      dentistInvoice({ note: 'Behandling af 010150-1234. Ordrenr. 3213451234, tlf. 12345678.' }),
    );
    expect(doc.cprNumbers).toEqual(['0101501234']);
    expect(doc.note).toBe('Behandling af 010150-1234. Ordrenr. 3213451234, tlf. 12345678.');
  });

  it('numbers that are part of longer digit runs are not CPR numbers in free text', () => {
    const doc = parseDocumentXml(dentistInvoice({ note: 'Konto 00101501234 og 01015012345' }));
    expect(doc.cprNumbers).toEqual([]);
  });

  it('an ID field with an invalid-date CPR is counted (so the ruleset can reject UGYLDIGT_CPR)', () => {
    const doc = parseDocumentXml(dentistInvoice({ orderReference: '321345-1234' }));
    expect(doc.cprNumbers).toEqual(['3213451234']);
    expect(isValidCpr('3213451234')).toBe(false);
  });

  it('an element marked schemeID="DK:CPR" anywhere is a CPR identifier', () => {
    const doc = parseDocumentXml(
      dentistInvoice({
        customerPartyExtra:
          '<cac:PartyIdentification><cbc:ID schemeID="DK:CPR">2902001234</cbc:ID></cac:PartyIdentification>',
      }),
    );
    // 29-02-00 with 7th digit 1 is 1900, not a leap year: invalid date, yet counted (identifier).
    expect(doc.cprNumbers).toEqual(['2902001234']);
    expect(doc.buyer.ean).toBe('5798000012345');
  });

  it('AccountingCost holding a non-date 10-digit account number is not a CPR (free text)', () => {
    expect(parseDocumentXml(dentistInvoice({ accountingCost: '5250124502' })).cprNumbers).toEqual([]);
  });
});

describe('configurable intake', () => {
  const xml = dentistInvoice({
    orderReference: '0101501234',
    accountingCost: 'Borger 151280-2222',
    lines: [
      {
        id: '1',
        name: 'Briller',
        net: '1000.00',
        vat: '250.00',
        percent: '25',
        category: 'StandardRated',
        sellersItemId: 'SKU-9',
        properties: [
          ['KP-ydelse', '2002'],
          ['Ydelsesnummer', '3003'],
        ],
      },
    ],
    lineExtension: '1000.00',
    tax: '250.00',
    payable: '1250.00',
  });

  it('the defaults read every configured place', () => {
    const doc = parseDocumentXml(xml);
    expect(doc.cprNumbers).toEqual(['0101501234', '1512802222']);
    expect(doc.lines[0]?.serviceNumber).toBe('3003');
  });

  it('custom settings replace the defaults: CPR from AccountingCost only, a custom service-number property', () => {
    const intake: IntakeSettings = {
      cpr: ['AccountingCost'],
      serviceNumber: ["Item/AdditionalItemProperty[Name='KP-ydelse']/Value"],
    };
    const doc = parseDocumentXml(xml, { intake });
    expect(doc.cprNumbers).toEqual(['1512802222']);
    expect(doc.lines[0]?.serviceNumber).toBe('2002');
  });

  it('an empty list means "look nowhere"', () => {
    const doc = parseDocumentXml(xml, { intake: { cpr: [], serviceNumber: [] } });
    expect(doc.cprNumbers).toEqual([]);
    expect(doc.lines[0]?.serviceNumber).toBeNull();
  });

  it('a custom cprPattern with a capture group', () => {
    const doc = parseDocumentXml(dentistInvoice({ note: 'Pt. nr 0101501234 / CPR:151280-2222' }), {
      intake: { cpr: ['Note'], cprPattern: 'CPR:\\s?(\\d{6}-?\\d{4})' },
    });
    expect(doc.cprNumbers).toEqual(['1512802222']);
  });

  it('cac:/cbc: prefixes in paths are resolved by namespace, as are the document prefixes', () => {
    const oddPrefixes = dentistInvoice({ orderReference: '0101501234', cac: 'agg', cbc: 'basic' });
    const doc = parseDocumentXml(oddPrefixes, {
      intake: {
        cpr: ['cac:OrderReference/cbc:ID'],
        serviceNumber: ["cac:Item/*[cbc:Name='ydelsesnummer']/cbc:Value"],
      },
    });
    expect(doc.cprNumbers).toEqual(['0101501234']);
    expect(doc.lines[0]?.serviceNumber).toBe('1001');
    expect(doc.totals).toEqual({ net: '500.00', vat: '0.00', payable: '500.00' });
  });

  it('Line/… paths reach every line; attribute predicates filter', () => {
    const doc = parseDocumentXml(
      dentistInvoice({
        lines: [
          {
            id: '1',
            name: 'Eftersyn',
            net: '100.00',
            vat: '0.00',
            percent: '0',
            category: 'ZeroRated',
            note: 'Barn 010115-4000',
          },
        ],
        lineExtension: '100.00',
        payable: '100.00',
      }),
      { intake: { cpr: ['Line/Note'], serviceNumber: ["Item/*[@unused='x']/ID", 'Item/Name'] } },
    );
    expect(doc.cprNumbers).toEqual(['0101154000']);
    expect(doc.lines[0]?.serviceNumber).toBe('Eftersyn');
  });
});

describe('amounts', () => {
  it('a glasses invoice with 25 % VAT (Peppol: line VAT computed from the percent)', () => {
    const doc = parseDocumentXml(
      healthInvoice({
        format: 'peppol',
        id: 'OPT-42',
        orderReference: '0101501234',
        lines: [
          {
            id: '1',
            name: 'Brilleglas',
            net: '1600.00',
            vat: '400.00',
            percent: '25',
            category: 'S',
            properties: [['Ydelsesnummer', '4101']],
          },
          {
            id: '2',
            name: 'Stel',
            net: '399.95',
            vat: '99.99',
            percent: '25',
            category: 'S',
            properties: [['Ydelsesnummer', '4102']],
          },
        ],
        lineExtension: '1999.95',
        tax: '499.99',
        payable: '2499.94',
      }),
    );
    expect(doc.format).toBe('peppol-bis3');
    expect(doc.supplier).toEqual({ id: 'DK12345674', scheme: 'DK:CVR', name: 'Klinik Test' }); // 0184 12345674
    expect(doc.buyer.ean).toBe('5798000012345'); // 0088
    expect(doc.lines).toEqual([
      {
        id: '1',
        serviceNumber: '4101',
        description: 'Brilleglas',
        quantity: '1',
        netAmount: '1600.00',
        vatPercent: '25',
        vatAmount: '400.00',
      },
      {
        id: '2',
        serviceNumber: '4102',
        description: 'Stel',
        quantity: '1',
        netAmount: '399.95',
        vatPercent: '25',
        vatAmount: '99.99', // 399.95 × 25 % = 99.9875 → 99.99 (half-up)
      },
    ]);
    expect(doc.totals).toEqual({ net: '1999.95', vat: '499.99', payable: '2499.94' });
    expect(doc.cprNumbers).toEqual(['0101501234']);
  });

  it('the same glasses invoice in OIOUBL 2.1 (TaxExclusiveAmount is the VAT there)', () => {
    const doc = parseDocumentXml(
      healthInvoice({
        format: 'oioubl21',
        id: 'OPT-43',
        lines: [
          {
            id: '1',
            name: 'Briller',
            net: '2000.00',
            vat: '500.00',
            percent: '25',
            category: 'StandardRated',
          },
        ],
        lineExtension: '2000.00',
        tax: '500.00',
        payable: '2500.00',
      }),
    );
    expect(doc.totals).toEqual({ net: '2000.00', vat: '500.00', payable: '2500.00' });
    expect(doc.lines[0]).toMatchObject({ netAmount: '2000.00', vatPercent: '25', vatAmount: '500.00' });
  });

  it('prepaid and rounding: payable = net + vat − prepaid + rounding', () => {
    const doc = parseDocumentXml(
      healthInvoice({
        format: 'peppol',
        id: 'P-1',
        lines: [
          { id: '1', name: 'Høreapparat', net: '1000.03', vat: '250.01', percent: '25', category: 'S' },
        ],
        lineExtension: '1000.03',
        tax: '250.01',
        prepaid: '200.00',
        rounding: '-0.04',
        payable: '1050.00',
      }),
    );
    expect(doc.totals).toEqual({
      net: '1000.03',
      vat: '250.01',
      payable: '1050.00',
      prepaid: '200.00',
      rounding: '-0.04',
    });
  });

  it('more than two decimals are rounded half-up to the øre', () => {
    const doc = parseDocumentXml(
      dentistInvoice({
        lines: [{ id: '1', name: 'X', net: '100.005', vat: '0.004', percent: '0', category: 'ZeroRated' }],
        lineExtension: '100.005',
        payable: '100.005',
      }),
    );
    expect(doc.lines[0]).toMatchObject({ netAmount: '100.01', vatAmount: '0.00' });
    expect(doc.totals.payable).toBe('100.01');
  });
});

describe('document variants', () => {
  const reminder = sample('oioubl21/OIOUBL_Reminder_v2p2.xml');

  it('a reminder without a PenaltyFee charge has fee 0.00 (the ruleset decides RYKKER_UDEN_GEBYR)', () => {
    const withoutFee = reminder.replace(/<cac:AllowanceCharge>[\s\S]*<\/cac:AllowanceCharge>/, '');
    const doc = parseDocumentXml(withoutFee);
    expect(doc.reminder).toEqual({ fee: '0.00', sequence: 1 });
    expect(doc.allowanceCharges).toBeUndefined();
  });

  it('a reminder line with a credit amount nets it off', () => {
    const withCredit = reminder.replace(
      '<cbc:DebitLineAmount currencyID="DKK">6312.50</cbc:DebitLineAmount>',
      '<cbc:DebitLineAmount currencyID="DKK">6312.50</cbc:DebitLineAmount><cbc:CreditLineAmount currencyID="DKK">312.50</cbc:CreditLineAmount>',
    );
    expect(parseDocumentXml(withCredit).lines[0]?.netAmount).toBe('6000.00');
  });

  it('a non-fee charge on a reminder stays an allowanceCharge; a PenaltyFee on an invoice is an ordinary charge', () => {
    const otherCharge = reminder.replace('>PenaltyFee<', '>Freight<');
    const doc = parseDocumentXml(otherCharge);
    expect(doc.reminder?.fee).toBe('0.00');
    expect(doc.allowanceCharges).toEqual([
      { chargeIndicator: true, amount: '43.00', reason: 'Freight', vatPercent: '0' },
    ]);
    expect(doc.totals.net).toBe('6355.50'); // 6312.50 + 43.00
  });

  it('a Peppol TaxTotal in the separate tax currency is not added to the VAT', () => {
    const xml = healthInvoice({
      format: 'peppol',
      id: 'TC-1',
      lines: [{ id: '1', name: 'Høreapparat', net: '1000.00', vat: '250.00', percent: '25', category: 'S' }],
      lineExtension: '1000.00',
      tax: '250.00',
      payable: '1250.00',
    }).replace(
      '<cac:TaxTotal>',
      '<cac:TaxTotal><cbc:TaxAmount currencyID="EUR">33.52</cbc:TaxAmount></cac:TaxTotal><cac:TaxTotal>',
    );
    expect(parseDocumentXml(xml).totals.vat).toBe('250.00');
  });

  it('a prefixed root element, CDATA and character references read the same', () => {
    const xml = dentistInvoice({ note: '<![CDATA[Behandling af <010150-1234>]]> &#x26; mere' })
      .replace(
        '<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"',
        '<in:Invoice xmlns:in="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"',
      )
      .replace('</Invoice>', '</in:Invoice>');
    const doc = parseDocumentXml(xml);
    expect(doc.note).toBe('Behandling af <010150-1234> & mere');
    expect(doc.cprNumbers).toEqual(['0101501234']);
    expect(doc.id).toBe('T-1001');
  });

  it('UBL elements in the wrong namespace are not read (a missing cbc:ID is reported)', () => {
    const xml = dentistInvoice().replace('<cbc:ID>T-1001</cbc:ID>', '<ID>T-1001</ID>');
    expect(() => parseDocumentXml(xml)).toThrowError(/\/Invoice\/ID is missing/);
  });
});
