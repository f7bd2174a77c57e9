/**
 * Issue 10's journeys (c) and (d) and the platform administrator's Kommuner: an auditor reads a
 * decision's trace and replays it (as recorded: identical; under another version: the
 * differences and their cause) and finds no edit or publish action anywhere; the dashboard's
 * charts over the demo's documents in Danish and English; the platform administrator creates a
 * municipality and its first administrator.
 */
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loginOverHttp } from '../support/built-server.js';
import { describeBrowser, LOGGED_OUT, useConsole } from './harness.js';

const menuLink = (page: Page, name: string) =>
  page.getByRole('menuitem', { name }).or(page.getByRole('link', { name })).first();

async function menuItems(page: Page): Promise<string[]> {
  const items = page.locator('.RaMenu-open a, .RaMenu-closed a');
  await items.first().waitFor();
  return (await items.allInnerTexts()).map((t) => t.trim());
}

/** Buttons and links that would change something — none of them may exist for an auditor. */
const EDITING =
  /^(Gem|Udgiv|Opret|Rediger|Slet|Godkend|Afvis|Tilbagekald|Gendan som kladde|Del faktura|Opret bruger)$/;

/** A screenshot of what is in view (the full-page shots of long pages are hard to read). */
async function viewShot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test/e2e/screenshots/${name}.png` });
}

async function editingControls(page: Page): Promise<string[]> {
  const controls = page.getByRole('button').or(page.getByRole('link'));
  const names = (await controls.allInnerTexts()).map((t) => t.trim());
  return names.filter((n) => EDITING.test(n));
}

describeBrowser('auditors, the dashboard and the platform administrator', () => {
  const env = useConsole();

  /** Version 2 through the API: demo-admin publishes a lower limit on 1002 (202), demo-admin2 approves. */
  async function publishVersion2(): Promise<void> {
    const base = env.server.base;
    const call = async (cookie: string, method: string, path: string, body?: unknown) => {
      const res = await fetch(`${base}/api/v1/municipalities/851/${path}`, {
        method,
        headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, json: (await res.json()) as Record<string, unknown> };
    };
    const admin = await loginOverHttp(base, 'demo-admin', env.server.passwords['demo-admin']!);
    expect((await call(admin, 'POST', 'ruleset/draft', { from: { version: 1 } })).status).toBe(201);
    const draft = await call(admin, 'GET', 'ruleset/draft');
    const document = draft.json.document as { serviceNumbers: { code: string; maxAmount: string | null }[] };
    document.serviceNumbers.find((s) => s.code === '1002')!.maxAmount = '500.00';
    const saved = await call(admin, 'PUT', 'ruleset/draft', { revision: draft.json.revision, document });
    expect(saved.status).toBe(200);
    const published = await call(admin, 'POST', 'ruleset/draft/publish', {
      comment: 'Lavere grænse for fyldninger (1002)',
    });
    expect(published.status).toBe(202);
    const request = published.json.request as { id: string };
    const admin2 = await loginOverHttp(base, 'demo-admin2', env.server.passwords['demo-admin2']!);
    const approved = await call(admin2, 'POST', `ruleset/publish-requests/${request.id}/approve`, {
      comment: 'Godkendt (fire øjne)',
    });
    expect(approved.status).toBe(201);
  }

  it('(c) an auditor reads a decision, replays it as recorded and under another version, and can change nothing', () =>
    env.journey(
      'auditor-replay',
      async ({ page, shot, login }) => {
        await publishVersion2();
        await login('demo-auditor');
        const menu = await menuItems(page);
        expect(menu).toEqual(expect.arrayContaining(['Oversigt', 'Afgørelser', 'Revisionslog']));
        for (const admin of ['Brugere', 'API-nøgler', 'Kommuner']) expect(menu).not.toContain(admin);
        // Oversigt is the landing page
        await page.getByRole('figure', { name: 'Andel godkendt automatisk pr. uge' }).waitFor();
        expect(await editingControls(page)).toEqual([]);

        await menuLink(page, 'Afgørelser').click();
        await page.getByRole('columnheader', { name: 'Udfald' }).waitFor();
        // the document's number with its type under it, the supplier by name with its id under it
        const row = page.getByRole('row').filter({ has: page.getByText(/^F-\d{4}-1001$/) });
        await row.waitFor();
        await row.getByText('Faktura', { exact: true }).waitFor();
        await row.getByText('Tandlæge Hansen', { exact: true }).waitFor();
        await row.getByText('DK16356706', { exact: true }).waitFor();
        expect(await editingControls(page)).toEqual([]);
        await shot('decisions');
        await row.click();

        // the explanation first, then the trace, readably
        await page.getByRole('heading', { name: 'Forklaring' }).waitFor();
        await page.getByRole('heading', { name: 'Sporing: sådan blev reglerne vurderet' }).waitFor();
        await page.getByText(/\d+ af \d+ regler udløst/).waitFor();
        // a condition: the fact's Danish name, its value, the operator in Danish, the expected value, the result
        await page.getByText('Dokumenttype').first().waitFor();
        await page.getByText('er lig med').first().waitFor();
        await page.getByText('Alle disse skal gælde').first().waitFor();
        expect(await page.getByText('Ikke udløst').count()).toBeGreaterThan(3);
        expect(await page.getByText('"trace"').isVisible()).toBe(false);
        await shot('trace');
        await page
          .getByRole('heading', { name: 'Sporing: sådan blev reglerne vurderet' })
          .scrollIntoViewIfNeeded();
        await viewShot(page, 'auditor-replay-view-trace');
        await page.getByRole('heading', { name: 'Forklaring' }).scrollIntoViewIfNeeded();
        await viewShot(page, 'auditor-replay-view-top');
        // the raw JSON is one click away
        await page.getByRole('button', { name: 'Rå JSON' }).click();
        await page.getByText('"engineVersion"').waitFor();
        expect(await editingControls(page)).toEqual([]);

        // Genafspil as recorded: identical
        await page.getByRole('button', { name: 'Genafspil' }).click();
        await page.getByText('Identisk: genafspilningen giver præcis den samme afgørelse.').waitFor();
        await shot('replay-recorded');

        // under version 2: the differences side by side, with their cause
        await page.getByRole('combobox', { name: 'Hvordan' }).click();
        await page.getByRole('option', { name: 'Under en anden version' }).click();
        await page.getByRole('combobox', { name: 'Version', exact: true }).click();
        await page.getByRole('option', { name: '2', exact: true }).click();
        await page.getByRole('button', { name: 'Genafspil' }).click();
        await page.getByText(/^Forskellig: \d+ forskelle\.$/).waitFor();
        await page
          .getByText(/Genafspillet under version 2; afgørelsen blev truffet af version 1\./)
          .waitFor();
        const sideBySide = page.getByRole('table', { name: 'Genafspil' });
        const outcome = sideBySide.getByRole('row').filter({ hasText: 'Udfald' });
        await outcome.getByRole('cell', { name: 'Godkendt' }).waitFor();
        await outcome.getByRole('cell', { name: 'Manuel behandling' }).waitFor();
        await sideBySide.getByRole('cell', { name: 'OVER_BELOEBSGRAENSE' }).waitFor();
        const differences = page.getByRole('table', { name: 'Forskelle' });
        await differences.getByRole('cell', { name: '/outcome', exact: true }).waitFor();
        await shot('replay-version-2');
        await page.getByRole('heading', { name: 'Genafspil' }).scrollIntoViewIfNeeded();
        await viewShot(page, 'auditor-replay-view-replay');
        expect(await editingControls(page)).toEqual([]);

        // Revisionslog: the publication of version 2 and its before/after
        await menuLink(page, 'Revisionslog').click();
        await page.getByRole('columnheader', { name: 'Hvem' }).waitFor();
        await page.getByLabel('Hvem').fill('demo-admin2');
        // the filter is applied: every row is demo-admin2's (the second column is Hvem)
        const whoCells = page.locator('tbody tr td:nth-child(2)');
        await expect
          .poll(async () => [...new Set(await whoCells.allTextContents())], { timeout: 10_000 })
          .toEqual(['demo-admin2']);
        const approval = page.getByRole('row').filter({ hasText: 'Godkendt' }).first();
        await approval.waitFor();
        await page
          .getByRole('row')
          .filter({ hasText: 'Version' })
          .filter({ hasText: 'Udgivet' })
          .first()
          .waitFor();
        expect(await editingControls(page)).toEqual([]);
        await shot('audit-log');
        await page.getByLabel('Hvem').fill('demo-admin');
        const draftSaved = page.getByRole('row').filter({ hasText: 'Kladde' }).filter({ hasText: 'Ændret' });
        await draftSaved.first().click();
        await page.getByRole('heading', { name: 'Før og efter' }).waitFor();
        await page.locator('.jsondiffpatch-modified').first().waitFor();
        await page.getByText('500.00').first().waitFor();
        expect(await editingControls(page)).toEqual([]);
        await shot('audit-diff');
      },
      { allow: LOGGED_OUT },
    ));

  it('(d) the dashboard shows its charts over the demo documents, in Danish and in English', () =>
    env.journey(
      'dashboard',
      async ({ page, shot, login }) => {
        await login('demo-admin');
        expect(page.url()).toMatch(/#\/dashboard$/);
        for (const title of [
          'Andel godkendt automatisk pr. uge',
          'Dokumenter pr. uge efter udfald',
          'Manuelle og afviste dokumenter efter årsag',
          'Dokumenter pr. leverandør',
          'Den åbne manuelle kø efter alder',
        ]) {
          const figure = page.getByRole('figure', { name: title });
          await figure.locator('svg').first().waitFor();
        }
        await page.getByText('Dokumenter modtaget').waitFor();
        await page.getByText('OVER_BELOEBSGRAENSE').first().waitFor();
        await page.getByText('Tandlæge Hansen').first().waitFor();
        await page.getByText('Uge ').first().waitFor();
        await shot('da');
        await page.getByRole('button', { name: 'English' }).click();
        await page.getByRole('figure', { name: 'Share approved automatically per week' }).waitFor();
        await page.getByRole('figure', { name: 'The open manual queue by age' }).waitFor();
        await page.getByText('Documents received').waitFor();
        await page.getByText('Week ').first().waitFor();
        const text = await page.locator('body').innerText();
        for (const danish of ['Oversigt', 'Afgørelser', 'Andel', 'Dokumenter', 'Uge '])
          expect(text, `"${danish}" on the English page`).not.toContain(danish);
        await shot('en');
        // a period without documents: the empty state
        await page.getByRole('combobox', { name: 'Period' }).click();
        await page.getByRole('option', { name: 'Custom period' }).click();
        await page.getByLabel('From').fill('2020-01-01');
        await page.getByText('The period may be at most three years.').waitFor();
        await page.getByLabel('To (inclusive)').fill('2020-02-01');
        await page.getByText('No documents were received in the period.').waitFor();
        await shot('empty-en');
      },
      { allow: LOGGED_OUT },
    ));

  it('the platform administrator creates a municipality and its first administrator in Kommuner', () =>
    env.journey(
      'municipalities',
      async ({ page, shot, login }) => {
        await login('admin');
        expect(await menuItems(page)).toEqual(['Oversigt', 'Skabeloner', 'Kommuner']);
        await menuLink(page, 'Kommuner').click();
        await page.getByRole('cell', { name: 'Aalborg Kommune (demo)' }).waitFor();
        await page.getByRole('cell', { name: '5798000420434' }).waitFor();
        await shot('list');
        await page.getByRole('link', { name: 'Opret' }).click();
        await page.getByLabel(/^Kommunekode/).fill('101');
        await page.getByLabel(/^Navn/).fill('Københavns Kommune');
        await page.getByLabel(/^EAN-nummer/).fill('5798000010109');
        await page.getByLabel(/^Begrundelse/).fill('Ny kommune på platformen');
        await shot('create');
        await page.getByRole('button', { name: 'Gem' }).click();
        await page.getByText('Kommunen har endnu ingen brugere').waitFor();
        await page.getByRole('button', { name: 'Opret bruger' }).click();
        const dialog = page.getByRole('dialog', { name: 'Opret bruger' });
        await dialog.getByLabel(/^Brugernavn/).fill('kbh-admin');
        await dialog.getByLabel(/^Adgangskode/).fill('en-lang-nok-adgangskode');
        await dialog.getByRole('button', { name: 'Gem' }).click();
        await page.getByText('Brugeren kbh-admin er oprettet').waitFor();
        await page.getByRole('cell', { name: 'kbh-admin' }).waitFor();
        await page.getByRole('cell', { name: 'Administrator' }).waitFor();
        await page.getByText('1-1 af 1').waitFor(); // the pagination in Danish too
        await shot('created');
        // the new administrator logs in: an empty dashboard, and their own users
        await page.getByRole('button', { name: 'Profil' }).click();
        await page.getByRole('menuitem', { name: 'Log ud' }).click();
        await login('kbh-admin', 'en-lang-nok-adgangskode');
        await page.getByText('Der er ikke modtaget dokumenter i perioden.').waitFor();
        // no version is in force yet: the dashboard says so, and where to start
        await page.getByText('Der gælder endnu ingen version af regelsættet.').waitFor();
        await page.getByText(/Opret en kladde fra en skabelon under Regelsæt, og udgiv den\./).waitFor();
        await shot('new-admin-dashboard');
        await page.getByRole('link', { name: 'Gå til Regelsæt' }).click();
        await page.getByText('Der er endnu ingen udgivet version.').waitFor();
        // Simulér has nothing to decide with yet, and says so instead of offering to try
        await page.getByRole('menuitem', { name: 'Simulér' }).click();
        await page.getByText(/^Der er hverken en kladde eller en gældende version/).waitFor();
        await page.getByLabel('Dokument (XML eller JSON)').fill('{"documentType": "invoice"}');
        expect(await page.getByRole('button', { name: 'Simulér' }).isDisabled()).toBe(true);
        await page.getByRole('menuitem', { name: 'Konsekvensberegning' }).click();
        await page
          .getByText(/^Der er hverken en kladde eller en udgivet version at genberegne med/)
          .waitFor();
        expect(await page.getByRole('button', { name: 'Beregn' }).isDisabled()).toBe(true);
        // the empty lists say why they are empty, and where their rows come from
        for (const [menu, text] of [
          ['Versioner', 'Der er endnu ingen udgivne versioner.'],
          ['Dokumenter', 'Der er endnu ikke modtaget dokumenter.'],
          ['Afgørelser', 'Der er endnu ingen afgørelser.'],
        ] as const) {
          await page.getByRole('menuitem', { name: menu }).click();
          await page.getByText(new RegExp(`^${text.replace('.', '\\.')}`)).waitFor();
        }
        await shot('new-admin-no-documents');
      },
      { allow: LOGGED_OUT },
    ));
});
