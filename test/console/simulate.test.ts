/** Simulér's and Konsekvensberegning's pure parts: money formatting, what differs, the format. */
import { describe, expect, it } from 'vitest';
import { formatDkk } from '../../admin-ui/src/layout/money.js';
import {
  anyDifference,
  differences,
  documentFormat,
  type Decision,
} from '../../admin-ui/src/simulate/compare.js';

const decision = (over: Partial<Decision>): Decision => ({
  outcome: 'approved',
  reasons: [],
  actions: ['TILFOEJ_YDELSE_TIL_BEVILLING'],
  paymentGroups: [{ caseType: 'ALM_TANDLAEGE', account: '5.32.32.001', lines: ['1'], amount: '1900.00' }],
  postings: [{ account: '5.32.32.001', amount: '1900.00' }],
  payable: '1900.00',
  explanation: { da: 'Godkendt', en: 'Approved' },
  ruleset: { version: 1, hash: 'sha256:x' },
  documentKey: { supplier: 'DK1', documentType: 'invoice', id: 'F-1' },
  ...over,
});

describe('Simulér and Konsekvensberegning', () => {
  it('formats decimal strings as Danish and English money, never through a float', () => {
    expect(formatDkk('1500.00', 'da')).toBe('1.500,00 kr.');
    expect(formatDkk('1500.00', 'en')).toBe('DKK 1,500.00');
    expect(formatDkk('1234567890123.5', 'da')).toBe('1.234.567.890.123,50 kr.');
    expect(formatDkk('-0.10', 'da')).toBe('-0,10 kr.');
    expect(formatDkk('0.1', 'en')).toBe('DKK 0.10');
    expect(formatDkk('not money', 'da')).toBe('not money');
  });

  it('marks what differs between the draft and the active version', () => {
    const draft = decision({});
    const active = decision({
      outcome: 'manual',
      reasons: [{ code: 'OVER_BELOEBSGRAENSE', kind: 'manual', text: '…', rule: 'r' }],
      paymentGroups: [{ caseType: 'ALM_TANDLAEGE', account: '5.32.32.001', lines: ['1'], amount: '1800.00' }],
    });
    const d = differences(active, draft);
    expect(d.outcome).toBe(true);
    expect([...d.reasons]).toEqual(['OVER_BELOEBSGRAENSE']);
    expect([...d.paymentGroups]).toEqual(['ALM_TANDLAEGE|5.32.32.001']);
    expect(d.postings.size).toBe(0);
    expect(anyDifference(differences(draft, draft))).toBe(false);
    expect(anyDifference(differences(draft, undefined))).toBe(false);
  });

  it('tells XML from JSON', () => {
    expect(documentFormat('\uFEFF  <?xml version="1.0"?><Invoice/>')).toBe('xml');
    expect(documentFormat('{"documentType": "invoice"}')).toBe('json');
  });
});
