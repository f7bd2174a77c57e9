/** The ruleset's `intake` settings: path grammar and CPR-pattern checks, with /intake/… pointers. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CPR_TEXT_PATTERN } from '../../server/src/domain/cpr.js';
import {
  DEFAULT_INTAKE,
  InvalidIntakeSettingsError,
  parseDocumentXml,
  validateIntakeSettings,
} from '../../server/src/intake/index.js';
import { checkCprPattern } from '../../server/src/intake/regex-safety.js';
import { dentistInvoice } from './helpers.js';

const pointers = (intake: unknown): string[] => validateIntakeSettings(intake).map((i) => i.pointer);

describe('validateIntakeSettings', () => {
  it('accepts the defaults, an empty object and undefined', () => {
    expect(validateIntakeSettings(DEFAULT_INTAKE)).toEqual([]);
    expect(validateIntakeSettings({})).toEqual([]);
    expect(validateIntakeSettings(undefined)).toEqual([]);
    expect(DEFAULT_INTAKE.cprPattern).toBe(DEFAULT_CPR_TEXT_PATTERN.source);
  });

  it('the defaults cover the places Danish health providers use', () => {
    expect(DEFAULT_INTAKE.cpr).toEqual(
      expect.arrayContaining([
        'OrderReference/ID',
        'AccountingCustomerParty/Party/Contact/ID',
        'Note',
        'AccountingCost',
        'Line/Item/Name',
        'Line/Item/Description',
        'Line/Item/AdditionalItemProperty/Value',
        '@schemeID=DK:CPR',
      ]),
    );
    expect(DEFAULT_INTAKE.serviceNumber).toEqual(
      expect.arrayContaining([
        "Item/AdditionalItemProperty[Name='Ydelsesnummer']/Value",
        'Item/SellersItemIdentification/ID',
        'Item/StandardItemIdentification/ID',
      ]),
    );
  });

  it('accepts the grammar: prefixes, wildcards, predicates, the Line and attribute forms', () => {
    expect(
      validateIntakeSettings({
        cpr: [
          '/cac:OrderReference/cbc:ID',
          'Line/*/Name',
          "Line/Item/AdditionalItemProperty[Name='CPR-nummer']/Value",
          "AccountingCustomerParty/Party/PartyIdentification/ID[@schemeID='DK:CPR']",
          "@schemeID='DK:CPR'",
        ],
        cprPattern: 'CPR:\\s?(\\d{6}-?\\d{4})',
        serviceNumber: ["Item/AdditionalItemProperty[cbc:Name='Ydelses nummer']/Value"],
      }),
    ).toEqual([]);
  });

  it('names each bad path by its pointer, in Danish and English', () => {
    const issues = validateIntakeSettings({
      cpr: [
        'OrderReference/ID',
        'Order Reference',
        'a//b',
        "X[Name='open",
        'foo:Bar',
        'Line',
        'Note/',
        'Navn"',
      ],
      serviceNumber: ['Item/Name', 'Line/Item/Name', ''],
    });
    expect(issues.map((i) => i.pointer)).toEqual([
      '/intake/cpr/1',
      '/intake/cpr/2',
      '/intake/cpr/3',
      '/intake/cpr/4',
      '/intake/cpr/5',
      '/intake/cpr/6',
      '/intake/cpr/7',
      '/intake/serviceNumber/1',
      '/intake/serviceNumber/2',
    ]);
    for (const i of issues) {
      expect(i.code).toMatch(/^intake\./);
      expect(i.messages.da).not.toBe('');
      expect(i.messages.en).not.toBe('');
    }
    expect(issues.find((i) => i.pointer === '/intake/cpr/4')?.messages.en).toContain('Unknown prefix');
    expect(issues.find((i) => i.pointer === '/intake/serviceNumber/1')?.messages.en).toContain(
      'already relative to a line',
    );
  });

  it('checks types on unchecked input', () => {
    expect(pointers('x')).toEqual(['/intake']);
    expect(pointers({ cpr: 'Note' })).toEqual(['/intake/cpr']);
    expect(pointers({ cpr: [42] })).toEqual(['/intake/cpr/0']);
    expect(pointers({ cprPattern: '' })).toEqual(['/intake/cprPattern']);
    expect(pointers({ cpr: Array.from({ length: 51 }, () => 'Note') })).toEqual(['/intake/cpr']);
  });

  it.each([
    ['does not compile', '(\\d{6}'],
    ['has an unbounded quantifier', '\\s*\\d{6}-?\\d{4}'],
    ['has nested unbounded quantifiers', '(\\d+)+x'],
    ['repeats an alternation', '(a|ab){2}c'],
    ['repeats a variable group a variable number of times', '(\\s?\\d){1,9}'],
    ['has a backreference', '(\\d{6})\\1'],
    ['has a named backreference', '(?<a>\\d)\\k<a>'],
    ['branches too much', '\\s{0,9}\\s{0,9}\\d{6}'],
    ['is longer than 200 characters', `${'\\d'.repeat(101)}`],
  ])('rejects a cprPattern that %s', (_label, pattern) => {
    const found = pointers({ cprPattern: pattern });
    expect(found.length).toBeGreaterThan(0);
    expect(new Set(found)).toEqual(new Set(['/intake/cprPattern']));
  });

  it.each([
    DEFAULT_CPR_TEXT_PATTERN.source,
    'CPR:\\s?(\\d{6}-?\\d{4})',
    '(\\d{2}){3}-?\\d{4}',
    '(?:CPR|Personnummer)[:.]?\\s{0,3}(\\d{6}[- ]?\\d{4})',
    '\\b\\d{6}-\\d{4}\\b',
    '[(]?\\d{6}[)]?',
    '[^\\]]\\d{6}',
  ])('accepts the cprPattern %s', (pattern) => {
    expect(checkCprPattern(pattern)).toEqual([]);
  });
});

describe('settings at parse time', () => {
  it('invalid settings are a configuration error, not the document’s', () => {
    expect(() => parseDocumentXml(dentistInvoice(), { intake: { cpr: ['a//b'] } })).toThrow(
      InvalidIntakeSettingsError,
    );
    expect(() => parseDocumentXml(dentistInvoice(), { intake: { cprPattern: '(a+)+' } })).toThrow(
      InvalidIntakeSettingsError,
    );
  });

  it('the worst permitted pattern on long hostile free text stays fast (bounded branching, capped text)', () => {
    const note = `a${' '.repeat(20_000)}x`;
    const started = performance.now();
    const doc = parseDocumentXml(dentistInvoice({ note }), {
      intake: { cpr: ['Note'], cprPattern: '\\s{0,7}\\s{0,3}\\d{6}-?\\d{4}' },
    });
    expect(doc.cprNumbers).toEqual([]);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
