/**
 * Skabeloner in a real Chromium (journey (c) of issue 9): the demo right after start is up to
 * date with kp-standard; the platform administrator publishes a new kp-standard version in the
 * JSON editor (an invalid amount is marked at its line first); the municipality's administrator
 * sees the upstream changes under Opdateringer fra skabelonen — in Danish words, the one the
 * municipality also changed marked as a conflict — and takes the others into the draft, which
 * then has them. Forking while a draft exists is refused and explained; sharing a published
 * version makes a template; the pages read in English too.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot } from '../support/fixtures.js';
import { describeBrowser, LOGGED_OUT, menuItems, useConsole } from './harness.js';

const KP_STANDARD = JSON.parse(
  readFileSync(path.join(repoRoot, 'rulesets/templates/kp-standard.json'), 'utf8'),
) as {
  serviceNumbers: { code: string; maxAmount: string }[];
};

const serviceNumber = (doc: typeof KP_STANDARD, code: string) =>
  doc.serviceNumbers.find((s) => s.code === code)!;

describeBrowser('Skabeloner: templates and their updates', () => {
  const env = useConsole();

  it('right after start the demo municipality is up to date with kp-standard', () =>
    env.journey(
      'templates-demo',
      async ({ page, shot, login }) => {
        await login('demo-admin');
        await page
          .getByRole('menuitem', { name: 'Skabeloner' })
          .or(page.getByRole('link', { name: 'Skabeloner' }))
          .first()
          .click();
        const row = page.getByRole('row').filter({ hasText: 'kp-standard' });
        await row.getByText('Jeres regelsæt bygger på v1').waitFor();
        await row.getByText('National').waitFor();
        await page.getByText('Regelsættet er opdateret: det bygger på kp-standard version 1').waitFor();
        await shot('list');
        await row.click();
        await page.getByRole('heading', { name: 'Versioner' }).waitFor();
        await page.getByRole('button', { name: 'Vis' }).first().click();
        const dialog = page.getByRole('dialog', { name: /version 1/ });
        await dialog.getByText(/ydelsesnumre · .* sagstyper/).waitFor();
        await dialog.locator('.cm-content').getByText('"schemaVersion"').waitFor();
        await shot('version');
        await dialog.getByRole('button', { name: 'Luk' }).click();
        await page.getByRole('link', { name: 'Opdateringer fra skabelonen' }).first().click();
        await page.getByRole('heading', { level: 1, name: 'Opdateringer fra skabelonen' }).waitFor();
        await page.getByText(/Sammenlignet med kommunens udgivne version 1/).waitFor();
        // The municipality's own changes from the template: shown (nothing else to do here).
        await page.getByText(/Kommunens egne ændringer i forhold til skabelonen \(\d+\)/).waitFor();
        await page
          .getByText(
            'Ydelsesnummer 1001 (Undersøgelse og tandrensning): beløbsgrænse 1.500,00 kr. → 1.800,00 kr.',
          )
          .waitFor();
        // Up to date: nothing to take.
        expect(await page.getByRole('button', { name: /Tag alle/ }).count()).toBe(0);
        await shot('up-to-date');
      },
      { allow: LOGGED_OUT },
    ));

  it('the platform administrator publishes a new kp-standard version; an invalid amount is marked at its line', () =>
    env.journey(
      'templates-publish',
      async ({ page, shot, login }) => {
        await login('admin');
        expect(await menuItems(page)).toEqual(['Oversigt', 'Skabeloner', 'Kommuner']);
        // The first screen, Oversigt: the national template and who follows it.
        await page
          .getByRole('table', { name: 'Nationale skabeloner' })
          .getByText('kp-standard', { exact: true })
          .waitFor();
        await page.getByRole('menuitem', { name: 'Skabeloner' }).click();
        await page.waitForURL(/\/templates$/);
        await page
          .locator('.RaDataTable-tableWrapper, .RaDatagrid-tableWrapper')
          .getByRole('row')
          .filter({ hasText: 'kp-standard' })
          .click();
        await page.getByRole('link', { name: 'Udgiv ny version' }).click();
        await page.getByRole('heading', { level: 1, name: /Udgiv ny version af KP-standard/ }).waitFor();
        const editor = page.locator('.cm-content');
        await editor.getByText('"schemaVersion"').waitFor();
        await shot('editor');

        // A file with the new limits — one of them typed the Danish way, which is not an amount.
        const next = structuredClone(KP_STANDARD);
        serviceNumber(next, '1001').maxAmount = '2000.00';
        serviceNumber(next, '1003').maxAmount = '5.000,00';
        await page.locator('input[type=file]').setInputFiles({
          name: 'kp-standard-v2.json',
          mimeType: 'application/json',
          buffer: Buffer.from(JSON.stringify(next, null, 2)),
        });
        await page.getByText('Indlæst fra kp-standard-v2.json.').waitFor();
        await page
          .getByLabel(/^Hvad er ændret/)
          .fill('Højere beløbsgrænser for tandrensning og rodbehandling');
        await page.getByRole('button', { name: 'Udgiv', exact: true }).click();
        await page.getByText('Serveren afviste dokumentet (1 fejl)').waitFor();
        const error = page.getByRole('button', { name: /^linje \d+: "5\.000,00" er ikke et gyldigt beløb/ });
        await error.waitFor();
        // …and the editor shows that line, the value underlined and marked in the gutter.
        await page.locator('.cm-lintRange-error').getByText('"5.000,00"').waitFor();
        await page.locator('.cm-lint-marker-error').first().waitFor();
        await shot('invalid-amount');

        // Fix it in the editor: the error moves the cursor to the value.
        await error.click();
        await page.keyboard.press('ArrowRight'); // inside the quotes
        await page.keyboard.press('Shift+End');
        await page.keyboard.press('Shift+ArrowLeft');
        await page.keyboard.press('Shift+ArrowLeft');
        await page.keyboard.type('5000.00');
        await editor.getByText('"5000.00"').waitFor();
        await page.getByRole('button', { name: 'Udgiv', exact: true }).click();
        await page.getByText('KP-standard — eFaktura i KP version 2 er udgivet.').waitFor();
        await page.getByRole('heading', { name: 'Versioner' }).waitFor();
        await page
          .getByRole('cell', { name: 'Højere beløbsgrænser for tandrensning og rodbehandling' })
          .waitFor();
        await shot('published');

        const v2 = await page.request.get('/api/v1/templates/kp-standard/versions/2');
        const doc = ((await v2.json()) as { document: typeof KP_STANDARD }).document;
        expect(serviceNumber(doc, '1003').maxAmount).toBe('5000.00');
        expect(serviceNumber(doc, '1001').maxAmount).toBe('2000.00');
      },
      { allow: [...LOGGED_OUT, /^request: POST \S+\/api\/v1\/templates 422$/, /status of 422/] },
    ));

  it("the municipality's administrator sees the upstream change and takes it into the draft", () =>
    env.journey(
      'templates-updates',
      async ({ page, shot, login }) => {
        await login('demo-admin');
        await page.goto('/#/templates');
        await page
          .getByText('Skabelonen kp-standard har fået en ny version: 2. Jeres regelsæt bygger på version 1.')
          .waitFor();
        await shot('notice');
        await page.getByRole('link', { name: 'Opdateringer fra skabelonen' }).click();
        const table = page.getByRole('table', { name: 'Opdateringer fra skabelonen' });
        const rodbehandling = table.getByRole('row').filter({
          hasText: 'Ydelsesnummer 1003 (Rodbehandling): beløbsgrænse 4.000,00 kr. → 5.000,00 kr.',
        });
        await rodbehandling.waitFor();
        // Aalborg raised 1001's limit itself (to 1.800,00 kr.): a conflict, not offered.
        const tandrensning = table.getByRole('row').filter({ hasText: 'Ydelsesnummer 1001' });
        await tandrensning.getByText('Konflikt').waitFor();
        await tandrensning.getByText('1.800,00 kr.').waitFor();
        expect(await tandrensning.getByRole('checkbox').isDisabled()).toBe(true);
        await shot('three-way');

        await page.getByLabel(/^Kommentar/).fill('Skabelonens nye grænse for rodbehandling');
        await page.getByRole('button', { name: 'Tag alle ikke-konflikterende ændringer (1)' }).click();
        await page.getByText(/^1 ændringer er taget ind i kladden \(revision \d+\)/).waitFor();
        await page.getByText('Kladden blev oprettet ud fra den gældende version.').waitFor();
        await page.getByText('Regelsættet er opdateret: det bygger på kp-standard version 2').waitFor();
        await page.getByText(/Sammenlignet med kommunens kladde/).waitFor();
        await page.getByRole('link', { name: 'Åbn kladden' }).waitFor();
        await shot('applied');

        const res = await page.request.get('/api/v1/municipalities/851/ruleset/draft');
        const draft = (await res.json()) as {
          document: typeof KP_STANDARD & { basedOn: { template: string; version: number } };
        };
        expect(serviceNumber(draft.document, '1003').maxAmount).toBe('5000.00');
        expect(serviceNumber(draft.document, '1001').maxAmount).toBe('1800.00'); // the municipality's own
        expect(draft.document.basedOn).toEqual({ template: 'kp-standard', version: 2 });

        // Forking now is refused: there is a draft. The dialog says why and what to do.
        await page.goto('/#/templates/kp-standard/show');
        await page
          .getByRole('row')
          .filter({ hasText: 'Højere beløbsgrænser' })
          .getByRole('button', { name: 'Opret kladde herfra' })
          .click();
        const dialog = page.getByRole('dialog', {
          name: 'Opret kladde fra KP-standard — eFaktura i KP version 2',
        });
        await dialog.getByRole('button', { name: 'Opret kladde herfra' }).click();
        await dialog.getByText(/Kommunen har allerede en kladde, og der kan kun være én/).waitFor();
        await dialog.getByRole('button', { name: 'Erstat kladden' }).waitFor();
        await shot('fork-refused');
        await dialog.getByRole('button', { name: 'Annullér' }).click();
      },
      {
        allow: [
          ...LOGGED_OUT,
          /^request: POST \S+\/api\/v1\/municipalities\/851\/ruleset\/draft 409$/,
          /status of 409/,
        ],
      },
    ));

  it('an administrator shares a published version as a template; the pages read in English', () =>
    env.journey(
      'templates-share',
      async ({ page, shot, login }) => {
        await login('demo-admin');
        await page.goto('/#/templates');
        await page.getByRole('link', { name: 'Del som skabelon' }).click();
        await page.getByRole('combobox', { name: /Kommunens udgivne version/ }).click();
        await page.getByRole('option', { name: /^v1 · / }).click();
        await page.getByLabel(/^Id/).fill('aalborg-tandpleje');
        await page.getByLabel(/^Navn/).fill('Aalborg — tandpleje');
        await page.getByRole('button', { name: 'Gem' }).click();
        await page.getByText('Version 1 er delt som skabelonen Aalborg — tandpleje.').waitFor();
        await page.getByText('Jeres skabelon').waitFor();
        await page.getByRole('cell', { name: 'Kommune 851, version 1' }).waitFor();
        await shot('shared');

        await page.getByRole('button', { name: 'English' }).click();
        await page.goto('/#/templates');
        await page.getByRole('columnheader', { name: 'Latest version' }).waitFor();
        await page.getByText('Your ruleset is based on v2').waitFor();
        await page.getByText('Your template').waitFor();
        await shot('list-en');
        await page.getByRole('link', { name: 'Template updates' }).first().click();
        await page.getByRole('heading', { level: 1, name: 'Template updates' }).waitFor();
        await page.getByText('The ruleset is up to date: it is based on kp-standard version 2').waitFor();
        await page.getByText(/The municipality's own changes from the template/).waitFor();
        await page
          .getByText(
            'Service number 1001 (Undersøgelse og tandrensning): amount limit DKK 2,000.00 → DKK 1,800.00',
          )
          .waitFor();
        const text = await page.locator('#main-content').innerText();
        for (const danish of ['Skabelon', 'Opdateringer', 'Kommunens', 'ændringer', 'Sammenlignet'])
          expect(text, `"${danish}" on the English page`).not.toContain(danish);
        await shot('updates-en');
      },
      { allow: LOGGED_OUT },
    ));
});
