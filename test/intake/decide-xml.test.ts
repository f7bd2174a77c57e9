/**
 * Health-provider XML, parsed and decided under the standard template — what a municipality
 * actually receives. (Parsing alone is asserted field by field in health-fixtures.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { compileRuleset, decide, EMPTY_SNAPSHOT } from '../../server/src/engine/index.js';
import { parseDocumentXml } from '../../server/src/intake/index.js';
import { KP_EAN, municipalityRuleset } from '../support/fixtures.js';
import { dentistInvoice, healthInvoice } from './helpers.js';

const glasses = (): string =>
  healthInvoice({
    format: 'peppol',
    id: 'OPT-42',
    buyerEan: KP_EAN,
    orderReference: '0101501234',
    lines: [
      {
        id: '1',
        name: 'Briller',
        net: '2000.00',
        vat: '500.00',
        percent: '25',
        category: 'S',
        properties: [['Ydelsesnummer', '5001']],
      },
    ],
    lineExtension: '2000.00',
    tax: '500.00',
    payable: '2500.00',
  });

describe('health-provider XML decided under kp-standard', () => {
  it('a glasses invoice with 25 % VAT: manual with the grant action when VAT is accepted, rejected when not', () => {
    const doc = parseDocumentXml(glasses());
    expect(doc.cprNumbers).toEqual(['0101501234']);
    expect(doc.totals).toEqual({ net: '2000.00', vat: '500.00', payable: '2500.00' });

    const accepting = decide(
      compileRuleset(municipalityRuleset((rs) => (rs.settings.acceptVat = true))),
      doc,
      EMPTY_SNAPSHOT,
    );
    expect(accepting.outcome).toBe('manual');
    // one reason per cause (issue 8, finding 11): not also YDELSE_KRAEVER_MANUEL
    expect(accepting.reasons.map((r) => r.code)).toEqual(['UDVIDET_HELBREDSTILLAEG']);
    expect(accepting.actions).toEqual(['VAELG_BEVILLING_AFVENTER_FAKTURA']);
    expect(accepting.postings).toEqual([{ account: '5.32.32.010', amount: '2500.00' }]);

    const refusing = decide(
      compileRuleset(municipalityRuleset((rs) => (rs.settings.acceptVat = false))),
      doc,
      EMPTY_SNAPSHOT,
    );
    expect(refusing.outcome).toBe('rejected');
    expect(refusing.reasons.map((r) => r.code)).toEqual(['MOMS_IKKE_TILLADT']);
    expect(refusing.explanation.da).toBe(
      'Afvist: fakturaen har moms (500,00 kr.), og kommunen modtager ikke fakturaer med moms.',
    );
  });

  it('a dentist invoice with the CPR in OrderReference/ID is approved automatically', () => {
    const doc = parseDocumentXml(dentistInvoice({ buyerEan: KP_EAN, orderReference: '010150-1234' }));
    expect(doc.cprNumbers).toEqual(['0101501234']);
    const d = decide(compileRuleset(municipalityRuleset()), doc, EMPTY_SNAPSHOT);
    expect(d.outcome).toBe('approved');
    expect(d.paymentGroups).toEqual([
      { caseType: 'ALM_TANDLAEGE', account: '5.32.32.001', lines: ['1'], amount: '500.00' },
    ]);
  });

  it('a samleregning with two CPR numbers on its lines is rejected', () => {
    const xml = healthInvoice({
      format: 'oioubl21',
      id: 'SAM-1',
      buyerEan: KP_EAN,
      lines: [
        {
          id: '1',
          name: 'Tandrensning 010150-1234',
          net: '400.00',
          vat: '0.00',
          percent: '0',
          category: 'ZeroRated',
          properties: [['Ydelsesnummer', '1001']],
        },
        {
          id: '2',
          name: 'Tandrensning 311299-1234',
          net: '400.00',
          vat: '0.00',
          percent: '0',
          category: 'ZeroRated',
          properties: [['Ydelsesnummer', '1001']],
        },
      ],
      lineExtension: '800.00',
      tax: '0.00',
      payable: '800.00',
    });
    const d = decide(compileRuleset(municipalityRuleset()), parseDocumentXml(xml), EMPTY_SNAPSHOT);
    expect(d.outcome).toBe('rejected');
    expect(d.reasons[0]!.code).toBe('SAMLEREGNING');
    expect(d.explanation.da).toBe('Afvist: fakturaen indeholder 2 CPR-numre (enkeltsagsprincippet).');
  });

  it('a municipality that reads the CPR from another place finds it there, and only there', () => {
    const xml = dentistInvoice({
      buyerEan: KP_EAN,
      accountingCost: 'Pt 0101501234',
      orderReference: '3112991234',
    });
    const rs = municipalityRuleset((r) => (r.intake = { cpr: ['AccountingCost'] }));
    const doc = parseDocumentXml(xml, { intake: rs.intake! });
    expect(doc.cprNumbers).toEqual(['0101501234']);
    expect(decide(compileRuleset(rs), doc, EMPTY_SNAPSHOT).outcome).toBe('approved');
    // with the defaults, both places count: a samleregning
    expect(parseDocumentXml(xml).cprNumbers.sort()).toEqual(['0101501234', '3112991234']);
  });
});
