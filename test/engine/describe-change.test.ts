/** Ruleset differences in words (the console's readable diff, and the upstream view). */
import { describe, expect, it } from 'vitest';
import { structuralDiff } from '../../server/src/domain/json-diff.js';
import { describeRulesetChange } from '../../server/src/engine/index.js';
import { municipalityRuleset } from '../support/fixtures.js';

const base = municipalityRuleset();

function said(before: unknown, after: unknown): { da: string; en: string }[] {
  return structuralDiff(before, after).map((c) => describeRulesetChange(c, before, after));
}

describe('describeRulesetChange', () => {
  it('names a service number by code and description and the limit in kroner', () => {
    const before = municipalityRuleset((rs) => {
      rs.serviceNumbers.find((s) => s.code === '1001')!.maxAmount = '1500.00';
    });
    const after = structuredClone(before);
    const sn = after.serviceNumbers.find((s) => s.code === '1001')!;
    sn.maxAmount = '2000.00';
    const [text, ...rest] = said(before, after);
    expect(rest).toEqual([]);
    expect(text!.da).toBe(`Ydelsesnummer 1001 (${sn.description}): beløbsgrænse 1.500,00 kr. → 2.000,00 kr.`);
    expect(text!.en).toBe(
      `Service number 1001 (${sn.description}): amount limit DKK 1,500.00 → DKK 2,000.00`,
    );
  });

  it('says that items were added and removed, settings changed, and booleans as ja/nej', () => {
    const after = structuredClone(base);
    after.serviceNumbers.push({
      code: '9999',
      description: 'Ny ydelse',
      caseType: after.serviceNumbers[0]!.caseType,
      automatic: false,
    } as (typeof after.serviceNumbers)[number]);
    const removed = after.rejectionReasons.pop()!;
    after.settings.automaticProcessing = !base.settings.automaticProcessing;
    const texts = said(base, after).map((t) => t.da);
    expect(texts).toContain('Ydelsesnummer 9999 (Ny ydelse) er tilføjet');
    expect(texts).toContain(`Afvisningsårsag ${removed.code} er fjernet`);
    expect(texts).toContain(
      `Automatisk behandling ${base.settings.automaticProcessing ? 'ja → nej' : 'nej → ja'}`,
    );
  });

  it('a change inside a rule names the rule and what changed', () => {
    const after = structuredClone(base);
    const rule = after.rules[0]!;
    rule.priority = (rule.priority ?? 1) + 7;
    const [text] = said(base, after);
    expect(text!.da).toMatch(new RegExp(`^Regel ${rule.name}: prioritet \\d+ → ${rule.priority}$`));
  });
});
