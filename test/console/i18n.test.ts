/**
 * The console's messages: Danish covers every react-admin key of the English package and every
 * key English has (and the other way round), resource folders included.
 */
import englishMessages from 'ra-language-english';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../admin-ui/src/i18n/index.js';
import { raDanish } from '../../admin-ui/src/i18n/ra-da.js';

function keys(tree: unknown, prefix = ''): string[] {
  if (tree === null || typeof tree !== 'object') return [prefix];
  return Object.entries(tree).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('console messages', () => {
  it("Danish has exactly react-admin's English keys (ra.*)", () => {
    expect(keys(raDanish).sort()).toEqual(keys(englishMessages).sort());
  });

  it('Danish and English have the same keys, resource folders included, and none is empty', () => {
    expect(keys(MESSAGES.da).sort()).toEqual(keys(MESSAGES.en).sort());
    for (const locale of ['da', 'en'] as const)
      for (const k of keys(MESSAGES[locale])) {
        const value = k
          .split('.')
          .reduce<unknown>((t, p) => (t as Record<string, unknown>)[p], MESSAGES[locale]);
        if (k !== 'ra.boolean.null') expect(String(value).trim(), `${locale} ${k}`).not.toBe('');
      }
  });

  it("the menu uses PRODUCT.md §6's words", () => {
    expect(MESSAGES.da.menu).toMatchObject({
      dashboard: 'Oversigt',
      ruleset: 'Regelsæt',
      versions: 'Versioner',
      approvals: 'Godkendelser',
      templates: 'Skabeloner',
      simulate: 'Simulér',
      impact: 'Konsekvensberegning',
      manual: 'Manuel behandling',
      documents: 'Dokumenter',
      decisions: 'Afgørelser',
      audit: 'Revisionslog',
      users: 'Brugere',
      apiKeys: 'API-nøgler',
      municipalities: 'Kommuner',
    });
    expect(MESSAGES.en.menu).toMatchObject({
      impact: 'Impact preview',
      manual: 'Manual queue',
      audit: 'Audit log',
    });
    expect(MESSAGES.da.ra?.auth).toMatchObject({
      sign_in: 'Log ind',
      username: 'Brugernavn',
      password: 'Adgangskode',
      logout: 'Log ud',
    });
  });
});
