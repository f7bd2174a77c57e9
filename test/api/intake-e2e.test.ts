/**
 * The public OIOUBL 2.1 set through the API, end to end: invoice A00095678 is decided, its credit
 * note and its reminder (43.00 DKK PenaltyFee) are matched to it through the ledger — before and
 * after a caseworker approves the invoice — and the business response goes back as XML.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, municipalityRuleset } from '../support/fixtures.js';
import { createTestPlatform, testDatabases, type TestPlatform } from '../support/platform.js';
import { seedMunicipality, seedPublishedVersion, type SeededMunicipality } from '../support/seed.js';

const SAMPLE_EAN = '5798009811578'; // the buyer of the public sample set
const xml = (f: string): string =>
  readFileSync(path.join(repoRoot, 'test/fixtures/samples/oioubl21', f), 'utf8');

describe.each(await testDatabases())('the OIOUBL 2.1 sample set through the API on %s', (kind) => {
  let p: TestPlatform;
  let m: SeededMunicipality;
  const evaluate = (file: string) =>
    p.app.inject({
      method: 'POST',
      url: `/api/v1/municipalities/${m.id}/evaluate`,
      headers: { ...m.headers('integration'), 'content-type': 'application/xml' },
      payload: xml(file),
    });

  beforeAll(async () => {
    p = await createTestPlatform(kind);
    m = await seedMunicipality(p, '777', 'Eksempel Kommune', [SAMPLE_EAN]);
    // The public samples carry no CPR number (they are not health invoices), so this municipality
    // has removed the MANGLER_CPR rule; everything else is kp-standard with the sample's EAN.
    await seedPublishedVersion(
      p,
      m.id,
      municipalityRuleset((rs) => {
        rs.settings.kpEans = [SAMPLE_EAN];
        rs.rules = rs.rules.filter((r) => r.name !== 'mangler-cpr');
        rs.rejectionReasons = rs.rejectionReasons.filter((r) => r.code !== 'MANGLER_CPR');
      }),
    );
  });
  afterAll(async () => p?.close());

  it('decides the invoice, matches the credit note and the reminder (fee 43.00) to it', async () => {
    const inv = await evaluate('OIOUBL_Invoice_v2p2.xml');
    expect(inv.statusCode).toBe(201);
    const invoice = inv.json();
    expect(invoice.documentKey).toEqual({ supplier: 'DK16356706', documentType: 'invoice', id: 'A00095678' });
    expect(invoice.outcome).toBe('manual'); // its item numbers are not service numbers of this municipality
    expect(invoice.reasons.map((r: { code: string }) => r.code)).toEqual(['UKENDT_YDELSESNUMMER']);

    // while the invoice awaits a caseworker, its credit note is held back to be processed with it
    const early = (await evaluate('OIOUBL_CreditNote_v2p2.xml')).json();
    expect(early.facts.matchingInvoiceStatus).toBe('pending');
    expect(early.reasons.map((r: { code: string }) => r.code)).toContain('KREDITNOTA_AFVENTER_FAKTURA');

    // the caseworker approves the invoice
    const approved = await p.app.inject({
      method: 'POST',
      url: `/api/v1/municipalities/${m.id}/documents/${invoice.documentId}/outcome`,
      headers: m.headers('caseworker'),
      payload: { outcome: 'approved', comment: 'Godkendt efter kontrol' },
    });
    expect(approved.statusCode).toBe(200);

    // the reminder now matches an approved invoice: its 43.00 fee is for the caseworker to accept
    const rem = await evaluate('OIOUBL_Reminder_v2p2.xml');
    expect(rem.statusCode).toBe(201);
    const reminder = rem.json();
    expect(reminder.documentKey.documentType).toBe('reminder');
    expect(reminder.document.reminder.fee).toBe('43.00');
    expect(reminder.document.billingReference.id).toBe('A00095678');
    expect(reminder.facts).toMatchObject({ matchingInvoiceStatus: 'approved', reminderFee: '43.00' });
    expect(reminder.outcome).toBe('manual');
    expect(reminder.reasons.map((r: { code: string }) => r.code)).toEqual(['RYKKERGEBYR']);
    expect(reminder.postings).toEqual([{ account: '5.32.32.099', amount: '43.00' }]);

    // the business responses go back to the ERP as XML
    const response = await p.app.inject({
      url: `/api/v1/municipalities/${m.id}/decisions/${invoice.id}/response?format=oioubl`,
      headers: m.headers('integration'),
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('xml');
    expect(response.body).toContain('ApplicationResponse');
    expect(response.body).toContain('A00095678');
  });

  it('refuses a broken copy of the invoice with the element path, storing nothing', async () => {
    const broken = xml('OIOUBL_Invoice_v2p2.xml').replace(
      /<cbc:PayableAmount[^>]*>[^<]*<\/cbc:PayableAmount>/,
      '',
    );
    const res = await p.app.inject({
      method: 'POST',
      url: `/api/v1/municipalities/${m.id}/evaluate`,
      headers: { ...m.headers('integration'), 'content-type': 'application/xml' },
      payload: broken.replace('A00095678', 'A00095678-X'),
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].pointer).toMatch(/LegalMonetaryTotal\/PayableAmount/);
    const docs = await p.app.inject({
      url: `/api/v1/municipalities/${m.id}/documents`,
      headers: m.headers('caseworker'),
    });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('A00095678'); // the good invoice is there…
    expect(docs.body).not.toContain('A00095678-X'); // …the refused copy is not
  });
});
