/**
 * Splitting an invoice and its payment groups in a real Chromium (issue 11, console items 6–7):
 * a caseworker opens the demo's manual glasses invoice, *Del faktura* — the number of parts, rows
 * with net, computed VAT and due date, check boxes to remove rows, what remains in red until it
 * is zero, a required message, a refusal of the server shown at its field, *Gem*, the split icon
 * marked; *Fjern deling*; moves it to *Undersøgelse*, *Annullér og del faktura*, and opens the new
 * documents `_1` and `_2` with their decisions. Then the dentist bill with dentures: a line moved
 * to the other payment group, the postings following, read-only once approved. And the form in
 * English.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeBrowser, LOGGED_OUT, useConsole } from './harness.js';

const M = '/api/v1/municipalities/851';

interface Doc {
  id: string;
  documentKey: { id: string; documentType: string };
  status: string;
  stage: string | null;
  payable: string;
  parentId: string | null;
  latestDecisionId: string | null;
  split?: {
    status: string;
    parts: { net: string; vat: string; dueDate: string | null }[];
    partDocuments?: string[];
  };
}

async function documents(page: Page, filter: object): Promise<Doc[]> {
  const res = await page.request.get(`${M}/documents?filter=${encodeURIComponent(JSON.stringify(filter))}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as Doc[];
}

async function documentOf(page: Page, id: string): Promise<Doc> {
  const res = await page.request.get(`${M}/documents/${id}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as Doc;
}

/** The manual invoice whose number starts with `prefix`. */
async function manualInvoice(page: Page, prefix: string): Promise<Doc> {
  const found = (await documents(page, { status: 'manual' })).find(
    (d) => d.documentKey.documentType === 'invoice' && d.documentKey.id.startsWith(prefix),
  );
  if (!found) throw new Error(`no manual invoice ${prefix}…`);
  return found;
}

/** MUI's error.main, the red of what remains. */
const RED = 'rgb(211, 47, 47)';

async function colorOf(page: Page, label: string): Promise<string> {
  return page
    .getByRole('cell', { name: label, exact: true })
    .locator('span')
    .first()
    .evaluate(
      (el) =>
        (globalThis as unknown as { getComputedStyle(e: unknown): { color: string } }).getComputedStyle(el)
          .color,
    );
}

async function openDocument(page: Page, doc: Doc): Promise<void> {
  await page.goto(`/#/documents/${doc.id}/show`);
  await page.getByRole('heading', { level: 1, name: `Faktura ${doc.documentKey.id}` }).waitFor();
}

describeBrowser('splitting an invoice and its payment groups in a browser', () => {
  const env = useConsole();

  it('splits the glasses invoice in two, completes it in Undersøgelse and opens _1 and _2', () =>
    env.journey(
      'split',
      async ({ page, shot, login }) => {
        await login('demo-caseworker');
        await page.getByRole('heading', { name: 'Årsager i køen' }).waitFor();
        const glasses = await manualInvoice(page, 'OPT-');
        const number = glasses.documentKey.id;
        await openDocument(page, glasses);
        await page
          .getByRole('region', { name: 'Linjer' })
          .getByRole('cell', { name: '1.196,00 kr.' })
          .waitFor();

        // A first split into three, saved, and removed again (Fjern deling).
        await page.getByRole('button', { name: 'Del faktura' }).click();
        let dialog = page.getByRole('dialog', { name: `Del faktura ${number}` });
        await dialog.getByText('Fakturaens nettobeløb 1.196,00 kr. og moms 299,00 kr.').waitFor();
        await dialog.getByRole('textbox', { name: 'Antal fakturaer' }).fill('3');
        await shot('count');
        await dialog.getByRole('button', { name: 'Del faktura' }).click();
        // equal shares, the øre left over on the first rows; the VAT follows at 25 %
        await expect.poll(() => dialog.getByRole('textbox', { name: /^Nettobeløb \d$/ }).count()).toBe(3);
        expect(await dialog.getByRole('textbox', { name: 'Nettobeløb 1' }).inputValue()).toBe('398,67');
        expect(await dialog.getByRole('textbox', { name: 'Nettobeløb 3' }).inputValue()).toBe('398,66');
        expect(await dialog.getByRole('textbox', { name: 'Momsbeløb 1' }).inputValue()).toBe('99,67');
        expect(await dialog.getByRole('textbox', { name: 'Momsbeløb 3' }).inputValue()).toBe('99,66');
        await dialog
          .getByRole('cell', { name: 'Nettobeløb, der mangler at blive fordelt', exact: true })
          .getByText('0,00 kr.')
          .waitFor();
        await dialog.getByRole('textbox', { name: 'Meddelelse' }).fill('Tre bevillinger');
        await dialog.getByRole('button', { name: 'Gem' }).click();
        await page.getByText('Delingen er gemt').waitFor();
        // the split icon is marked while the split is pending; Godkend/Afvis wait for it
        await page.getByText('Deling gemt', { exact: true }).waitFor();
        const section = page.getByRole('region', { name: 'Deling af fakturaen' });
        await section.getByRole('cell', { name: `${number}_3` }).waitFor();
        expect(await page.getByRole('button', { name: 'Godkend' }).count()).toBe(0);
        expect((await documentOf(page, glasses.id)).split).toMatchObject({ status: 'pending' });
        await shot('pending-three');
        await section.getByRole('button', { name: 'Fjern deling' }).click();
        await page.getByRole('dialog').getByRole('button', { name: 'Fjern deling' }).click();
        await page.getByText('Delingen er fjernet').waitFor();
        await page
          .getByRole('region', { name: 'Historik' })
          .getByText('Deling fjernet af demo-caseworker')
          .waitFor();
        expect(await page.getByText('Deling gemt', { exact: true }).count()).toBe(0);
        expect((await documentOf(page, glasses.id)).split).toBeNull();

        // Now in two: three rows, the third removed with its check box; the remainder in red.
        await page.getByRole('button', { name: 'Del faktura' }).click();
        dialog = page.getByRole('dialog', { name: `Del faktura ${number}` });
        await dialog.getByRole('textbox', { name: 'Antal fakturaer' }).fill('3');
        await dialog.getByRole('button', { name: 'Del faktura' }).click();
        await dialog.getByRole('checkbox', { name: 'Vælg delfaktura 3' }).check();
        await dialog.getByRole('button', { name: 'Fjern markerede' }).click();
        await expect.poll(() => dialog.getByRole('textbox', { name: /^Nettobeløb \d$/ }).count()).toBe(2);
        const remainingNet = dialog.getByRole('cell', {
          name: 'Nettobeløb, der mangler at blive fordelt',
          exact: true,
        });
        const remainingVat = dialog.getByRole('cell', {
          name: 'Moms, der mangler at blive fordelt',
          exact: true,
        });
        await remainingNet.getByText('398,66 kr.').waitFor();
        await remainingVat.getByText('99,66 kr.').waitFor();
        expect(await colorOf(page, 'Nettobeløb, der mangler at blive fordelt')).toBe(RED);
        await dialog.getByRole('textbox', { name: 'Nettobeløb 1' }).fill('700,00');
        expect(await dialog.getByRole('textbox', { name: 'Momsbeløb 1' }).inputValue()).toBe('175,00');
        await dialog.getByRole('textbox', { name: 'Nettobeløb 2' }).fill('49x');
        await dialog.getByRole('textbox', { name: 'Forfaldsdato 2' }).fill('2027-01-31');
        // the message is required
        await dialog.getByRole('button', { name: 'Gem' }).click();
        await dialog.getByText('Skriv en meddelelse om delingen.').waitFor();
        await dialog
          .getByRole('textbox', { name: 'Meddelelse' })
          .fill('Brillerne betales af to bevillinger.');
        // the server refuses the amount it cannot read, at its field
        await dialog.getByRole('button', { name: 'Gem' }).click();
        await dialog.getByText(/Nettobeløbet skal være et beløb med højst to decimaler/).waitFor();
        await dialog.getByText(/Der mangler at blive fordelt 496,00 kr\. af nettobeløbet/).waitFor();
        await shot('refused');
        await dialog.getByRole('textbox', { name: 'Nettobeløb 2' }).fill('496,00');
        expect(await dialog.getByRole('textbox', { name: 'Momsbeløb 2' }).inputValue()).toBe('124,00');
        await remainingNet.getByText('0,00 kr.').waitFor();
        await remainingVat.getByText('0,00 kr.').waitFor();
        expect(await colorOf(page, 'Nettobeløb, der mangler at blive fordelt')).not.toBe(RED);
        await dialog.getByText('Hele beløbet er fordelt.').waitFor();
        // the refusal about what remained is gone once the amount is corrected
        expect(await dialog.getByText(/Der mangler at blive fordelt/).count()).toBe(0);
        await shot('distributed');
        await dialog.getByRole('button', { name: 'Gem' }).click();
        await page.getByText('Delingen er gemt').waitFor();
        await page.getByText('Deling gemt', { exact: true }).waitFor();
        expect((await documentOf(page, glasses.id)).split).toMatchObject({
          status: 'pending',
          parts: [
            { net: '700.00', vat: '175.00', dueDate: null },
            { net: '496.00', vat: '124.00', dueDate: '2027-01-31' },
          ],
        });
        await page
          .getByRole('region', { name: 'Historik' })
          .getByText('Deling gemt af demo-caseworker')
          .first()
          .waitFor();
        await shot('pending');

        // Undersøgelse: Annullér og del faktura.
        await page.getByRole('button', { name: 'Undersøgelse' }).click();
        await page.getByText('Dokumentet er flyttet til Undersøgelse').waitFor();
        await section.getByRole('button', { name: 'Annullér og del faktura' }).click();
        const complete = page.getByRole('dialog', { name: `Annullér og del faktura ${number}` });
        await complete.getByText(`${number}_1, ${number}_2`, { exact: false }).waitFor();
        await complete.getByRole('button', { name: 'Annullér og del faktura' }).click();
        await complete.getByText('Skriv en meddelelse om delingen.').waitFor();
        await complete.getByRole('textbox', { name: 'Meddelelse' }).fill('Delt efter aftale med optikeren.');
        await shot('complete-dialog');
        await complete.getByRole('button', { name: 'Annullér og del faktura' }).click();
        await page.getByText('Fakturaen er annulleret og delt', { exact: true }).waitFor();
        await page.getByLabel('Status', { exact: true }).getByText('Annulleret').waitFor();
        await section.getByText('Fakturaen er annulleret og delt i 2 delfakturaer:').waitFor();
        await section.getByRole('link', { name: `${number}_1` }).waitFor();
        await section.getByRole('link', { name: `${number}_2` }).waitFor();
        await page
          .getByRole('region', { name: 'Historik' })
          .getByText(/Fakturaen er annulleret og delt i 2 delfakturaer/)
          .waitFor();
        await page
          .getByRole('region', { name: 'Tilknyttede dokumenter' })
          .getByText('Fakturaen er annulleret og delt i 2 delfakturaer, se Deling af fakturaen.')
          .waitFor();
        await page
          .getByRole('region', { name: 'Foreslåede konteringer' })
          .getByText('Fakturaen er annulleret og delt: der konteres på delfakturaerne, ikke på denne.')
          .waitFor();
        const original = await documentOf(page, glasses.id);
        expect(original).toMatchObject({ status: 'annulled', split: { status: 'completed' } });
        await shot('completed');

        // The parts, each decided like any other invoice, each linking back.
        for (const [k, payable] of [
          [1, '875,00 kr.'],
          [2, '620,00 kr.'],
        ] as const) {
          await section.getByRole('link', { name: `${number}_${k}` }).click();
          await page.getByRole('heading', { level: 1, name: `Faktura ${number}_${k}` }).waitFor();
          const part = await documentOf(page, original.split!.partDocuments![k - 1]!);
          expect(part).toMatchObject({ parentId: glasses.id, documentKey: { id: `${number}_${k}` } });
          const decision = await page.request.get(`${M}/decisions/${part.latestDecisionId}`);
          expect(decision.status()).toBe(200);
          const { explanation } = (await decision.json()) as { explanation: { da: string } };
          await page
            .getByRole('region', { name: 'Forklaring' })
            .getByText(explanation.da.split('\n')[0]!, { exact: false })
            .first()
            .waitFor();
          await page.getByRole('region', { name: 'Dokumentet' }).getByText(payable).first().waitFor();
          await page
            .getByRole('region', { name: 'Historik' })
            .getByText(`Afgjort som delfaktura ${k} af 2 af faktura ${number} — Manuel behandling`)
            .waitFor();
          const split = page.getByRole('region', { name: 'Deling af fakturaen' });
          await split.getByText(`Delfaktura af faktura ${number}, som er annulleret og delt.`).waitFor();
          await page
            .getByRole('region', { name: 'Tilknyttede dokumenter' })
            .getByText(`Delfaktura af faktura ${number}, se Deling af fakturaen.`)
            .waitFor();
          await shot(`part-${k}`);
          await split.getByRole('link', { name: `Åbn faktura ${number}` }).click();
          await page.getByRole('heading', { level: 1, name: `Faktura ${number}` }).waitFor();
        }
      },
      {
        allow: [
          ...LOGGED_OUT,
          // the one refusal the journey provokes ("49x"), shown at its field
          /^request: PUT \S+\/documents\/[\w-]+\/split 422$/,
          /^console: Failed to load resource: the server responded with a status of 422/,
        ],
      },
    ));

  it('moves a line of the dentist bill to the dentures group; the postings follow; read-only once approved', () =>
    env.journey(
      'payment-groups',
      async ({ page, shot, login }) => {
        await login('demo-caseworker');
        await page.getByRole('heading', { name: 'Årsager i køen' }).waitFor();
        const bill = await manualInvoice(page, 'F-');
        await openDocument(page, bill);
        const groups = page.getByRole('region', { name: 'Foreslåede betalingsgrupper' });
        const postings = page.getByRole('region', { name: 'Foreslåede konteringer' });
        await groups.getByText('Udvidet helbredstillæg — tandproteser').waitFor();
        await postings.getByRole('row', { name: /5\.32\.32\.001 1\.070,00 kr\./ }).waitFor();
        await postings.getByRole('row', { name: /5\.32\.32\.011 6\.800,00 kr\./ }).waitFor();
        await shot('proposed');

        // Line 3 (the impression for the denture) belongs with the dentures.
        await groups.getByRole('button', { name: 'Flyt linje 3' }).click();
        await page
          .getByRole('menuitem', { name: 'Gruppe 2: Udvidet helbredstillæg — tandproteser (5.32.32.011)' })
          .click();
        await page.getByText(/Ikke gemt endnu/).waitFor();
        await shot('moved');
        await page.getByRole('button', { name: 'Gem betalingsgrupper' }).click();
        await page.getByText('Betalingsgrupperne er gemt').waitFor();
        const saved = page.getByRole('region', { name: 'Konteringer', exact: true });
        await saved.getByRole('row', { name: /5\.32\.32\.001 450,00 kr\./ }).waitFor();
        await saved.getByRole('row', { name: /5\.32\.32\.011 7\.420,00 kr\./ }).waitFor();
        await page.getByRole('region', { name: 'Betalingsgrupper', exact: true }).waitFor();
        await page
          .getByRole('region', { name: 'Historik' })
          .getByText('Betalingsgrupper ændret af demo-caseworker')
          .waitFor();
        const api = await page.request.get(`${M}/documents/${bill.id}/payment-groups`);
        expect(await api.json()).toMatchObject({
          changed: true,
          groups: [
            { caseType: 'ALM_TANDLAEGE', lines: ['1'], amount: '450.00' },
            { caseType: 'UDV_TANDPROTESE', lines: ['2', '3'], amount: '7420.00' },
          ],
          postings: [
            { account: '5.32.32.001', amount: '450.00' },
            { account: '5.32.32.011', amount: '7420.00' },
          ],
        });
        await shot('saved');

        // A new group from the menu, and back: nothing to save when nothing changed.
        await page.getByRole('button', { name: 'Flyt linje 2' }).click();
        await page.getByRole('menuitem', { name: 'Ny betalingsgruppe' }).click();
        await page.getByText(/Ikke gemt endnu/).waitFor();
        await expect.poll(() => page.getByRole('combobox', { name: /^Sagstype for gruppe/ }).count()).toBe(3);
        await page.getByRole('button', { name: 'Fortryd' }).click();
        expect(await page.getByRole('button', { name: 'Gem betalingsgrupper' }).count()).toBe(0);

        // … or by dragging: line 3 dragged back onto the first group's lines.
        const chip = await page.getByRole('button', { name: 'Flyt linje 3' }).boundingBox();
        const target = await page.locator('[data-drop="group:0"]').boundingBox();
        await page.mouse.move(chip!.x + chip!.width / 2, chip!.y + chip!.height / 2);
        await page.mouse.down();
        await page.mouse.move(chip!.x + chip!.width / 2 + 10, chip!.y + chip!.height / 2, { steps: 3 });
        await page.getByText('Slip linjen her for at lægge den i en ny betalingsgruppe').waitFor();
        await page.mouse.move(target!.x + target!.width - 12, target!.y + target!.height / 2, { steps: 8 });
        await page.mouse.up();
        await page.getByText(/Ikke gemt endnu/).waitFor();
        await page
          .getByRole('region', { name: 'Konteringer', exact: true })
          .getByRole('row', { name: /5\.32\.32\.001 1\.070,00 kr\./ })
          .waitFor();
        // the drop opened no line menu
        expect(await page.getByRole('menuitem', { name: 'Ny betalingsgruppe' }).count()).toBe(0);
        await shot('dragged');
        await page.getByRole('button', { name: 'Fortryd' }).click();

        // Once approved, the groups are what was posted: shown, not moved.
        await page.getByRole('button', { name: 'Godkend' }).click();
        await page.getByRole('dialog').getByRole('button', { name: 'Godkend' }).click();
        await page.getByText('Dokumentet er godkendt').waitFor();
        await page
          .getByRole('region', { name: 'Betalingsgrupper', exact: true })
          .getByText('Linje 3 · 1004')
          .waitFor();
        await page.getByLabel('Status', { exact: true }).getByText('Godkendt').waitFor();
        await expect.poll(() => page.getByRole('button', { name: /^Flyt linje/ }).count()).toBe(0);
        expect(await page.getByRole('button', { name: 'Del faktura' }).count()).toBe(0);
        await shot('approved');
      },
      { allow: LOGGED_OUT },
    ));

  it('shows the split form in English', () =>
    env.journey(
      'split-en',
      async ({ page, shot, login }) => {
        await login('demo-caseworker');
        await page.getByRole('heading', { name: 'Årsager i køen' }).waitFor();
        const bill = await manualInvoice(page, 'FYS-');
        await openDocument(page, bill);
        await page.getByRole('button', { name: 'English' }).click();
        await page.getByRole('heading', { level: 1, name: `Invoice ${bill.documentKey.id}` }).waitFor();
        await page.getByRole('button', { name: 'Split invoice' }).click();
        const dialog = page.getByRole('dialog', { name: `Split invoice ${bill.documentKey.id}` });
        await dialog.getByRole('textbox', { name: 'Number of invoices' }).fill('2');
        await dialog.getByRole('button', { name: 'Split invoice' }).click();
        expect(await dialog.getByRole('textbox', { name: 'Net amount 1' }).inputValue()).toBe('725.00');
        await dialog.getByRole('textbox', { name: 'Net amount 2' }).fill('700.00');
        await dialog
          .getByRole('cell', { name: 'Net amount left to distribute', exact: true })
          .getByText('DKK 25.00')
          .waitFor();
        await dialog.getByRole('columnheader', { name: 'Due date' }).waitFor();
        await dialog.getByRole('button', { name: 'Remove selected' }).waitFor();
        await shot('form-en');
        await dialog.getByRole('button', { name: 'Cancel' }).click();
        await page.getByRole('region', { name: 'Proposed payment groups' }).waitFor();
        await page.getByRole('button', { name: 'Dansk' }).click();
      },
      { allow: LOGGED_OUT },
    ));
});
