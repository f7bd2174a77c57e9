/**
 * The caseworker in a real Chromium (issue 10, journeys a and b): the manual queue (Manuel
 * behandling) with its reason counts and filters, a document's page (explanation, suggested
 * action, lines, history), rejecting with a reason and a comment that go to the ERP (the OIOUBL
 * ApplicationResponse is a BusinessReject with that reason), approving an invoice and seeing the
 * ERP's credit note for it arrive next to it as an annulment (KREDITNOTA_ANNULLERING).
 */
import { readFile } from 'node:fs/promises';
import { request as playwrightRequest, type APIRequestContext, type Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeBrowser, LOGGED_OUT, useConsole } from './harness.js';

const M = '/api/v1/municipalities/851';

interface Doc {
  id: string;
  documentKey: { id: string; documentType: string; supplier: string };
  status: string;
  reasons: string[];
  linked: { id: string; number: string; status: string }[];
}

/** The ledger as the logged-in page's session sees it. */
async function documents(page: Page, filter: object): Promise<Doc[]> {
  const res = await page.request.get(`${M}/documents?filter=${encodeURIComponent(JSON.stringify(filter))}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as Doc[];
}

/** An API client logged in as a console user (its own cookie jar). */
async function apiAs(base: string, username: string, password: string): Promise<APIRequestContext> {
  const api = await playwrightRequest.newContext({ baseURL: base });
  const login = await api.post('/api/v1/auth/login', { data: { username, password } });
  expect(login.status()).toBe(200);
  return api;
}

/** The queue's row of a document number. */
const row = (page: Page, number: string) =>
  page.getByRole('row').filter({ has: page.getByText(number, { exact: true }) });

describeBrowser('the caseworker in a browser', () => {
  const env = useConsole();

  it('(a) filters the queue to one reason, reads a document and rejects it with a reason and a comment', () =>
    env.journey(
      'caseworker-reject',
      async ({ page, shot, login }) => {
        await login('demo-caseworker');
        // The caseworker lands on the queue: the manual documents with the count per reason.
        await page.getByRole('heading', { name: 'Årsager i køen' }).waitFor();
        expect(page.url()).toMatch(/\/manual/);
        const queue = page.getByRole('group', { name: 'Årsager i køen' });
        await queue.getByRole('button', { name: /^Alle \(\d+\)$/ }).waitFor();
        await page.getByText('150542-****').first().waitFor();
        expect(await page.locator('body').innerText()).not.toMatch(/\d{6}-?\d{4}\b(?!\*)/);
        await shot('queue');

        // One reason: the extended supplement (the glasses, and the dentist bill with dentures).
        await queue
          .getByRole('button', { name: /^Fakturaen vedrører udvidet helbredstillæg.*\(2\)$/ })
          .click();
        const glasses = (await documents(page, { status: 'manual', reason: 'UDVIDET_HELBREDSTILLAEG' })).find(
          (d) => d.documentKey.id.startsWith('OPT-'),
        )!;
        await row(page, glasses.documentKey.id).waitFor();
        await expect.poll(() => page.getByRole('row').count()).toBe(3); // header + the two documents
        await shot('one-reason');

        await row(page, glasses.documentKey.id).click();
        await page.getByRole('heading', { level: 1, name: `Faktura ${glasses.documentKey.id}` }).waitFor();
        const explanation = page.getByRole('region', { name: 'Forklaring' });
        await explanation
          .getByText(/udvidet helbredstillæg/i)
          .first()
          .waitFor();
        const suggested = page.getByRole('region', { name: 'Foreslået handling' });
        await suggested.getByText('Vælg bevilling, som afventer faktura', { exact: true }).waitFor();
        const lines = page.getByRole('region', { name: 'Linjer' });
        await lines.getByRole('cell', { name: '5001' }).waitFor();
        await lines.getByRole('cell', { name: '1.196,00 kr.' }).waitFor();
        // The caseworker may read the document: the CPR number in full on its page.
        await page.getByText('150542-1234', { exact: true }).waitFor();
        await shot('document');

        // Afvis: a reason meant for manual rejection, and a comment to the ERP.
        await page.getByRole('button', { name: 'Afvis' }).click();
        const dialog = page.getByRole('dialog');
        await dialog.getByRole('combobox', { name: /Afvisningsårsag/ }).click();
        await page.getByRole('option', { name: /ydelsen er ikke bevilget til borgeren/ }).click();
        const comment = 'Borgeren har ikke fået bevilget briller. Kontakt optikeren om en ny faktura.';
        await dialog.getByRole('textbox', { name: 'Kommentar til økonomisystemet' }).fill(comment);
        await shot('reject-dialog');
        await dialog.getByRole('button', { name: 'Afvis' }).click();
        await page.getByText('Dokumentet er afvist').waitFor();

        // The new status and the history entry.
        const status = page.getByLabel('Status', { exact: true });
        await status.getByText('Afvist').first().waitFor();
        const history = page.getByRole('region', { name: 'Historik' });
        await history.getByText('Afvist af demo-caseworker').waitFor();
        await history.getByText(comment, { exact: false }).waitFor();
        await shot('rejected');

        // The business response to the ERP, downloaded from the page: a BusinessReject with the reason.
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('button', { name: 'Hent OIOUBL ApplicationResponse' }).click(),
        ]);
        const xml = await readFile((await download.path())!, 'utf8');
        expect(download.suggestedFilename()).toMatch(/ApplicationResponse\.xml$/);
        expect(xml).toContain('ApplicationResponse');
        expect(xml).toContain('BusinessReject');
        expect(xml).toContain('YDELSE_IKKE_BEVILGET');
        expect(xml).toContain('Borgeren har ikke fået bevilget briller');
        const [after] = await documents(page, { id: glasses.id });
        expect(after).toMatchObject({ status: 'rejected' });

        // In English, one click away.
        await page.getByRole('button', { name: 'English' }).click();
        await page
          .getByRole('region', { name: 'History' })
          .getByText('Rejected by demo-caseworker')
          .waitFor();
        await shot('rejected-en');
        await page.getByRole('button', { name: 'Dansk' }).click();
      },
      { allow: LOGGED_OUT },
    ));

  it('(b) approves a manual invoice; the credit note the ERP then sends shows up next to it as an annulment', () =>
    env.journey(
      'caseworker-approve',
      async ({ page, shot, login, server }) => {
        await login('demo-caseworker');
        const queue = page.getByRole('group', { name: 'Årsager i køen' });
        await queue.getByRole('button', { name: /^Beløbet er over beløbsgrænsen.*\(1\)$/ }).click();
        const [physio] = await documents(page, { status: 'manual', reason: 'OVER_BELOEBSGRAENSE' });
        await expect.poll(() => page.getByRole('row').count()).toBe(2);
        // in the row: its reminder under its number, the suggested action under its reason
        const physioRow = row(page, physio!.documentKey.id);
        await physioRow
          .getByRole('group', { name: 'Tilknyttet' })
          .getByRole('link', { name: /^Rykker RYK-/ })
          .waitFor();
        await physioRow
          .getByRole('group', { name: 'Foreslået handling' })
          .getByText('→ Tilføj ydelse til bevilling', { exact: true })
          .waitFor();
        await physioRow.click();
        // Its reminder waits in the queue too (not this reason), linked to it.
        await page.getByRole('heading', { level: 1, name: `Faktura ${physio!.documentKey.id}` }).waitFor();
        await page
          .getByRole('region', { name: 'Tilknyttede dokumenter' })
          .getByText(/^Rykker RYK-/)
          .waitFor();
        await page
          .getByRole('region', { name: 'Foreslået handling' })
          .getByText('Tilføj ydelse til bevilling', { exact: true })
          .waitFor();
        // Stages: to Attestering and back is recorded.
        await page.getByRole('button', { name: 'Attestering' }).click();
        await page.getByText('Dokumentet er flyttet til Attestering').waitFor();
        await page
          .getByRole('region', { name: 'Historik' })
          .getByText('Flyttet til Attestering af demo-caseworker')
          .waitFor();
        await shot('invoice');

        await page.getByRole('button', { name: 'Godkend' }).click();
        await page.getByRole('dialog').getByRole('button', { name: 'Godkend' }).click();
        await page.getByText('Dokumentet er godkendt').waitFor();
        await page
          .getByRole('region', { name: 'Historik' })
          .getByText('Godkendt af demo-caseworker')
          .waitFor();
        await shot('approved');

        // The municipality handles annulling credit notes by hand (the seed: both are approved by a
        // caseworker): as its administrators, through the API, with four eyes.
        const admin = await apiAs(server.base, 'demo-admin', server.passwords['demo-admin']!);
        const admin2 = await apiAs(server.base, 'demo-admin2', server.passwords['demo-admin2']!);
        expect(
          (
            await admin.post(`${M}/ruleset/draft`, { data: { from: { version: 1 }, replace: true } })
          ).status(),
        ).toBe(201);
        const draft = (await (await admin.get(`${M}/ruleset/draft`)).json()) as {
          revision: number;
          document: { creditNotes: { autoApproveWhenInvoiceApproved: boolean } };
        };
        draft.document.creditNotes.autoApproveWhenInvoiceApproved = false;
        const saved = await admin.put(`${M}/ruleset/draft`, {
          data: {
            revision: draft.revision,
            document: draft.document,
            comment: 'Kreditnotaer behandles manuelt',
          },
        });
        expect(saved.status()).toBe(200);
        const publish = await admin.post(`${M}/ruleset/draft/publish`, {
          data: { comment: 'Kreditnotaer til godkendte fakturaer behandles manuelt' },
        });
        expect(publish.status()).toBe(202);
        const { request: pending } = (await publish.json()) as { request: { id: string } };
        expect(
          (await admin2.post(`${M}/ruleset/publish-requests/${pending.id}/approve`, { data: {} })).status(),
        ).toBe(201);

        // The ERP's integration key, created by the administrator; the credit note arrives as the ERP sends it.
        const created = await admin.post(`${M}/api-keys`, {
          data: { name: 'ERP (test)', role: 'integration' },
        });
        expect(created.status()).toBe(201);
        const { key } = (await created.json()) as { key: string };
        const erp = await playwrightRequest.newContext({
          baseURL: server.base,
          extraHTTPHeaders: { authorization: `Bearer ${key}` },
        });
        const creditNumber = `KN-${physio!.documentKey.id}`;
        const evaluated = await erp.post(`${M}/evaluate`, {
          data: {
            documentType: 'creditNote',
            id: creditNumber,
            issueDate: new Date().toISOString().slice(0, 10),
            currency: 'DKK',
            supplier: {
              id: physio!.documentKey.supplier,
              scheme: 'DK:CVR',
              name: 'Fysioterapeuterne Nørresundby',
            },
            buyer: { ean: '5798000420434' },
            cprNumbers: ['1203451234'],
            lines: [
              {
                id: '1',
                serviceNumber: '3001',
                description: 'Fysioterapi (krediteret)',
                quantity: '1',
                netAmount: '1450.00',
                vatAmount: '0.00',
              },
            ],
            totals: { net: '1450.00', vat: '0.00', payable: '1450.00' },
            billingReference: { id: physio!.documentKey.id },
          },
        });
        expect(evaluated.status()).toBe(201);
        expect(await evaluated.json()).toMatchObject({
          outcome: 'manual',
          reasons: [expect.objectContaining({ code: 'KREDITNOTA_ANNULLERING' })],
        });
        await Promise.all([admin.dispose(), admin2.dispose(), erp.dispose()]);

        // On the invoice's page, the credit note is linked …
        await page.reload();
        const linked = page.getByRole('region', { name: 'Tilknyttede dokumenter' });
        await linked.getByText(`Kreditnota ${creditNumber}`).waitFor();
        await shot('invoice-with-credit-note');

        // … and in the queue it stands with its approved invoice and the annulment reason.
        await page.getByRole('menuitem', { name: 'Manuel behandling' }).click();
        await queue
          .getByRole('button', { name: /^Kreditnotaen annullerer en godkendt faktura.*\(\d+\)$/ })
          .click();
        // "Alle" counts the whole queue, not just the chosen reason.
        expect(await queue.getByRole('button', { name: /^Alle \(/ }).innerText()).not.toBe('Alle (1)');
        const credit = row(page, creditNumber);
        await credit.getByText('Kreditnotaen annullerer en godkendt faktura.').waitFor();
        await credit.getByRole('link', { name: `Faktura ${physio!.documentKey.id}` }).waitFor();
        await credit.getByText('Godkendt', { exact: true }).waitFor();
        const [cn] = await documents(page, { number: creditNumber });
        expect(cn).toMatchObject({
          reasons: ['KREDITNOTA_ANNULLERING'],
          linked: [{ id: physio!.id, status: 'approved' }],
        });
        await shot('credit-note-in-queue');

        // The whole ledger (Dokumenter) shows both, the invoice approved.
        await page.getByRole('menuitem', { name: 'Dokumenter' }).click();
        await row(page, physio!.documentKey.id).first().getByText('Godkendt', { exact: true }).waitFor();
        await shot('documents');
      },
      { allow: LOGGED_OUT },
    ));

  it('the queue says so when it is empty, in Danish and English', () =>
    env.journey(
      'caseworker-empty',
      async ({ page, shot, login }) => {
        await login('demo-caseworker');
        await page.getByRole('heading', { name: 'Årsager i køen' }).waitFor();
        // Work through what is left, as the ERP could (the API, the caseworker's session).
        for (const d of await documents(page, { status: 'manual' })) {
          const res = await page.request.post(`${M}/documents/${d.id}/outcome`, {
            data: { outcome: 'approved' },
          });
          expect(res.status()).toBe(200);
        }
        // Approving invoices re-decides what waited on them; approve until nothing is left.
        for (const d of await documents(page, { status: 'manual' })) {
          await page.request.post(`${M}/documents/${d.id}/outcome`, { data: { outcome: 'approved' } });
        }
        await page.reload();
        await page.getByText(/Der er ingen dokumenter til manuel behandling/).waitFor();
        await shot('empty');
        await page.getByRole('button', { name: 'English' }).click();
        await page.getByText(/There are no documents awaiting manual processing/).waitFor();
        await shot('empty-en');
      },
      { allow: LOGGED_OUT },
    ));
});
