/**
 * Journey (a), second half, in a real Chromium: a draft raises service number 1001's limit (set
 * up through the API — the draft editor is another screen's journey); Simulér shows the draft
 * approving what the active version sends to manual processing, highlighted; Konsekvensberegning
 * runs to completion; the draft is published (demo-admin) and approved (demo-admin2, four eyes);
 * Versioner shows the new version and its diff names the changed limit in Danish; Gendan som
 * kladde. And journey (d) for these pages: the same screens in English.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { request as playwrightRequest, type APIRequestContext, type Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeBrowser, LOGGED_OUT, useConsole, type ConsoleServer } from './harness.js';

const M = '851';
const KP_EAN = '5798000420434';
const API = `/api/v1/municipalities/${M}`;

interface ServiceNumber {
  code: string;
  maxAmount?: string | null;
}

/** "1800.00" + øre → "2500.00", exactly (no floats). */
function plusKroner(amount: string, kroner: number): string {
  const [whole, fraction = '00'] = amount.split('.');
  return `${Number(whole) + kroner}.${fraction.padEnd(2, '0').slice(0, 2)}`;
}

/** A canonical invoice from a dentist with one service-number-1001 line of `net` kroner. */
function invoice(id: string, net: string) {
  return {
    documentType: 'invoice',
    id,
    issueDate: new Date().toISOString().slice(0, 10),
    currency: 'DKK',
    supplier: { id: 'DK16356706', scheme: 'DK:CVR', name: 'Tandlæge Hansen' },
    buyer: { ean: KP_EAN },
    cprNumbers: ['0101501234'],
    lines: [
      {
        id: '1',
        serviceNumber: '1001',
        description: 'Undersøgelse og tandrensning',
        quantity: '1',
        netAmount: net,
        vatPercent: '0',
        vatAmount: '0.00',
      },
    ],
    totals: { net, vat: '0.00', payable: net },
  };
}

async function apiAs(server: ConsoleServer, username: string): Promise<APIRequestContext> {
  const api = await playwrightRequest.newContext({ baseURL: server.base });
  const res = await api.post('/api/v1/auth/login', {
    data: { username, password: server.passwords[username] },
  });
  expect(res.status(), `login ${username}`).toBe(200);
  return api;
}

async function json<T>(res: Awaited<ReturnType<APIRequestContext['get']>>, status: number): Promise<T> {
  expect(res.status(), `${res.url()}: ${await res.text()}`).toBe(status);
  return (await res.json()) as T;
}

async function openMenu(page: Page, name: string): Promise<void> {
  await page.getByRole('menuitem', { name }).or(page.getByRole('link', { name })).first().click();
}

describeBrowser('Simulér, Konsekvensberegning and Versioner', () => {
  const env = useConsole();
  const state = { oldLimit: '', newLimit: '', activeVersion: 0, newVersion: 0 };

  it('a raised limit: simulate, impact preview, publish with four eyes, the new version and its diff', () =>
    env.journey(
      'versions',
      async ({ page, shot, login, server }) => {
        // --- set up through the API what the draft editor's journey does in the UI ---
        const admin = await apiAs(server, 'demo-admin');
        const overview = await json<{ active: { version: number }; draft: unknown }>(
          await admin.get(`${API}/ruleset`),
          200,
        );
        expect(overview.draft).toBeNull();
        state.activeVersion = overview.active.version;
        const active = await json<{ document: { serviceNumbers: ServiceNumber[] } }>(
          await admin.get(`${API}/ruleset/versions/${state.activeVersion}`),
          200,
        );
        state.oldLimit = active.document.serviceNumbers.find((s) => s.code === '1001')!.maxAmount!;
        state.newLimit = plusKroner(state.oldLimit, 700);
        const draft = await json<{ revision: number; document: { serviceNumbers: ServiceNumber[] } }>(
          await admin.post(`${API}/ruleset/draft`, { data: { from: { version: state.activeVersion } } }),
          201,
        );
        draft.document.serviceNumbers.find((s) => s.code === '1001')!.maxAmount = state.newLimit;
        const saved = await json<{ revision: number; validation: { valid: boolean } }>(
          await admin.put(`${API}/ruleset/draft`, {
            data: { revision: draft.revision, document: draft.document },
          }),
          200,
        );
        expect(saved.validation.valid).toBe(true);
        // An ERP sends (and stores) an invoice over the old limit, so the impact preview has a
        // decision that the draft changes.
        const key = await json<{ key: string }>(
          await admin.post(`${API}/api-keys`, { data: { name: 'ERP (test)', role: 'integration' } }),
          201,
        );
        const erp = await playwrightRequest.newContext({
          baseURL: server.base,
          extraHTTPHeaders: { authorization: `Bearer ${key.key}` },
        });
        const stored = await json<{ outcome: string }>(
          await erp.post(`${API}/evaluate`, { data: invoice('F-E2E-0001', plusKroner(state.oldLimit, 200)) }),
          201,
        );
        expect(stored.outcome).toBe('manual');
        await erp.dispose();

        // --- Simulér: upload a document just over the old limit, under the new one ---
        await login('demo-admin');
        await openMenu(page, 'Simulér');
        await page.getByRole('heading', { name: 'Simulér' }).waitFor();
        await shot('simulate-empty');
        const dir = mkdtempSync(path.join(tmpdir(), 'regelvaerk-e2e-'));
        const file = path.join(dir, 'faktura-1001.json');
        writeFileSync(file, JSON.stringify(invoice('F-E2E-0002', plusKroner(state.oldLimit, 100)), null, 2));
        await page.locator('input[type=file]').setInputFiles(file);
        await page.getByText('Fil: faktura-1001.json').waitFor();
        await page.getByRole('button', { name: 'Simulér' }).click();
        const draftSide = page.getByRole('region', { name: 'Kladde' });
        const activeSide = page.getByRole('region', { name: 'Aktiv version' });
        await draftSide.getByText('Godkendt', { exact: true }).waitFor();
        await activeSide.getByText('Manuel behandling', { exact: true }).waitFor();
        await page.getByText('Kladden og den aktive version vurderer dokumentet forskelligt').waitFor();
        // The outcome is marked as differing on both sides; the active side's reason too.
        expect(await draftSide.getByText('Forskel', { exact: true }).count()).toBeGreaterThanOrEqual(1);
        await activeSide.getByText('OVER_BELOEBSGRAENSE').waitFor();
        expect(await activeSide.getByText('Forskel', { exact: true }).count()).toBeGreaterThanOrEqual(2);
        await activeSide.getByText(/Version \d+/).waitFor();
        await shot('simulate-differs');

        // A refused document is shown at the input, with the element path.
        await page
          .getByLabel('Dokument (XML eller JSON)')
          .fill(
            '<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><cbc:ID>1</Invoice>',
          );
        await page.getByRole('button', { name: 'Simulér' }).click();
        const refused = page.getByRole('alert').filter({ hasText: 'Dokumentet blev afvist' });
        await refused.waitFor();
        expect(await refused.innerText()).toMatch(/\//);
        await shot('simulate-refused');
        // Text that is neither XML nor JSON: where it breaks, in Danish
        await page
          .getByLabel('Dokument (XML eller JSON)')
          .fill('{\n  "documentType": "invoice",\n  "id": "F-1",,\n}');
        await page.getByRole('button', { name: 'Simulér' }).click();
        await page
          .getByRole('alert')
          .filter({ hasText: 'Teksten er hverken XML eller gyldig JSON: fejlen er i linje 3, kolonne 15.' })
          .waitFor();

        // --- Konsekvensberegning over the demo's period (the last 30 days) against the draft ---
        await openMenu(page, 'Konsekvensberegning');
        await page.getByRole('heading', { name: 'Konsekvensberegning' }).waitFor();
        await shot('impact-form');
        await page.getByRole('button', { name: 'Beregn' }).click();
        await page.getByText(/afgørelser genberegnet, 1 ville ændre sig/).waitFor();
        const chart = page.getByRole('region', { name: 'Udfald før → efter' });
        await chart.locator('svg').first().waitFor();
        await chart.getByText('Manuel behandling → Godkendt').first().waitFor();
        const documents = page.getByRole('region', { name: 'Dokumenter der ændrer sig' });
        const row = documents.getByRole('row').filter({ hasText: 'F-E2E-0001' });
        await row.waitFor();
        await row.getByText('OVER_BELOEBSGRAENSE').waitFor();
        await page
          .getByRole('region', { name: 'Beløb' })
          .getByText(/\d\.?\d*,\d\d kr\./)
          .first()
          .waitFor();
        await page
          .getByRole('region', { name: 'Årsager bag ændringerne' })
          .getByText('OVER_BELOEBSGRAENSE')
          .waitFor();
        await shot('impact-done');

        // --- publish (four eyes): demo-admin asks, demo-admin2 approves ---
        const published = await json<{ request: { id: string } }>(
          await admin.post(`${API}/ruleset/draft/publish`, {
            data: { comment: `Beløbsgrænse for 1001 hævet til ${state.newLimit}` },
          }),
          202,
        );
        const admin2 = await apiAs(server, 'demo-admin2');
        const approved = await json<{ version: number }>(
          await admin2.post(`${API}/ruleset/publish-requests/${published.request.id}/approve`, {
            data: { comment: 'Set og godkendt' },
          }),
          201,
        );
        state.newVersion = approved.version;
        expect(state.newVersion).toBe(state.activeVersion + 1);
        await admin2.dispose();
        await admin.dispose();

        // --- Versioner: the new version, its diff names the changed limit in Danish ---
        await openMenu(page, 'Versioner');
        const newRow = page.getByRole('row').filter({ hasText: 'Beløbsgrænse for 1001 hævet' });
        await newRow.waitFor();
        await newRow.getByText('demo-admin2').waitFor();
        await shot('versions-list');
        await newRow.click();
        await page.getByText(`Version ${state.newVersion}`).first().waitFor();
        const diff = page.getByRole('region', { name: 'Forskelle' });
        const kr = (a: string) => `${a.replace('.', ',').replace(/\B(?=(\d{3})+(?!\d))/, '.')} kr.`;
        await diff
          .getByText(
            new RegExp(`Ydelsesnummer 1001.*beløbsgrænse ${kr(state.oldLimit)} → ${kr(state.newLimit)}`),
          )
          .waitFor();
        await shot('versions-diff');
        await diff.getByRole('tab', { name: 'JSON-forskelle' }).click();
        await diff.locator('.jsondiffpatch-modified').first().waitFor();
        await shot('versions-json-diff');

        // --- Gendan som kladde: the previous version back as the draft; then again over it ---
        await page.goto(`/#/versions/${state.activeVersion}/show`);
        await page.getByRole('button', { name: 'Gendan som kladde' }).click();
        const dialog = page.getByRole('dialog', {
          name: `Gendan version ${state.activeVersion} som kladde?`,
        });
        await dialog.getByText('kopieres til en ny kladde').waitFor();
        await dialog.getByRole('button', { name: 'Gendan som kladde' }).click();
        await page.getByText(`Version ${state.activeVersion} er gendannet som kladde`).waitFor();
        // the administrator is taken to the draft on Regelsæt
        await page.getByRole('heading', { name: 'Kladde' }).waitFor();
        expect(page.url()).toMatch(/#\/ruleset/);
        await page.goto(`/#/versions/${state.activeVersion}/show`);
        // The first version's diff now defaults to the next version.
        await page
          .getByRole('region', { name: 'Forskelle' })
          .getByText(/Ydelsesnummer 1001/)
          .waitFor();
        await page.getByRole('button', { name: 'Gendan som kladde' }).click();
        await dialog.getByText('Der findes allerede en kladde').waitFor();
        await page.waitForTimeout(300); // the dialog's fade-in, for the screenshot
        await shot('restore-over-draft');
        await dialog.getByRole('button', { name: 'Kassér kladden og gendan' }).click();
        await page.getByText(`Version ${state.activeVersion} er gendannet som kladde`).waitFor();
      },
      {
        allow: [
          ...LOGGED_OUT,
          // The refused XML (expected): 400/422 from the dry run.
          /^request: POST \S+\/evaluate\?dryRun=true 4\d\d$/,
          /^console: Failed to load resource: the server responded with a status of 4\d\d/,
        ],
      },
    ));

  it('the same pages in English', () =>
    env.journey(
      'versions-english',
      async ({ page, shot, login }) => {
        await login('demo-admin');
        await page.getByRole('button', { name: 'English' }).click();
        await openMenu(page, 'Simulate');
        await page.getByRole('heading', { name: 'Simulate' }).waitFor();
        await page
          .getByLabel('Document (XML or JSON)')
          .fill(JSON.stringify(invoice('F-E2E-0003', plusKroner(state.oldLimit || '1800.00', 100))));
        await page.getByRole('button', { name: 'Simulate' }).click();
        // The draft is now the restored previous version (the old limit); the new limit is active.
        await page.getByRole('region', { name: 'Draft' }).getByText('Manual', { exact: true }).waitFor();
        await page
          .getByRole('region', { name: 'Active version' })
          .getByText('Approved', { exact: true })
          .waitFor();
        await page.getByText("The amount is over the service's limit.").first().waitFor();
        await shot('simulate-en');
        const danish = (text: string, words: string[]) => {
          for (const w of words) expect(text, `"${w}" on the English page`).not.toContain(w);
        };
        const common = ['Simulér', 'Konsekvensberegning', 'Versioner', 'Brugere', 'Kladde', 'Godkendt'];
        danish(await page.locator('body').innerText(), [
          ...common,
          'Årsager',
          'Handlinger',
          'Betalingsgrupper',
          'Konteringer',
          'Beløb',
          'Til betaling',
          'kr.',
        ]);

        await openMenu(page, 'Impact preview');
        await page.getByRole('heading', { name: 'Impact preview' }).waitFor();
        await page.getByRole('button', { name: 'Run preview' }).click();
        await page.getByText(/decisions re-decided, \d+ would change/).waitFor();
        await page.getByRole('region', { name: 'Outcome before → after' }).locator('svg').first().waitFor();
        await shot('impact-en');
        danish(await page.locator('body').innerText(), [
          ...common,
          'Afgørelser',
          'Årsag',
          'Leverandør',
          'Før',
          'Efter',
          'kr.',
        ]);

        await openMenu(page, 'Versions');
        await page.getByRole('columnheader', { name: 'Effective from' }).waitFor();
        await page.getByRole('columnheader', { name: 'Published by' }).waitFor();
        await shot('versions-en');
        danish(await page.locator('body').innerText(), [...common, 'Gælder fra', 'Udgivet', 'Kommentar']);
        await page.getByRole('row').nth(1).click();
        await page.getByRole('region', { name: 'Differences' }).waitFor();
        await page.getByRole('button', { name: 'Restore as draft' }).waitFor();
        await page
          .getByText(/Service number|There are no differences|Choose two different versions/)
          .first()
          .waitFor();
        await shot('version-en');
        danish(await page.locator('body').innerText(), [
          ...common,
          'Gendan som kladde',
          'Forskelle',
          'Ydelsesnummer',
          'beløbsgrænse',
        ]);
      },
      { allow: LOGGED_OUT },
    ));
});
