/**
 * A ruleset's tables — service numbers with their case types and limits, supplier opt-outs,
 * case types, KP EANs — indexed once per version, so a ruleset with 10,000 service numbers or
 * opt-outs looks them up as fast as one with 10.
 */
import { parseMoney, type Ore } from '../domain/money.js';
import { supplierKey } from './ledger.js';
import type { CaseType, Ruleset, ServiceNumber, SupplierOptOut } from './ruleset.js';

/** A service number resolved against its case type, with its limit in øre. */
export interface ServiceEntry {
  code: string;
  service: ServiceNumber;
  caseType: CaseType | undefined;
  maxOre: Ore | null;
  account: string | null;
}

/** The ruleset's tables, indexed once per version for O(1) lookups. */
export interface RulesetTables {
  services: Map<string, ServiceEntry>;
  optOuts: Map<string, SupplierOptOut[]>;
  caseTypes: Map<string, CaseType>;
  kpEans: Set<string>;
  settings: Ruleset['settings'];
  creditNoteAutoApprove: boolean;
  reminderAutoAcceptFeeUpTo: string | null;
  feeAccount: string;
}

export function buildTables(ruleset: Ruleset): RulesetTables {
  const caseTypes = new Map(ruleset.caseTypes.map((c) => [c.code, c]));
  const services = new Map<string, ServiceEntry>();
  for (const s of ruleset.serviceNumbers) {
    const caseType = caseTypes.get(s.caseType);
    services.set(s.code, {
      code: s.code,
      service: s,
      caseType,
      maxOre: s.maxAmount == null ? null : parseMoney(s.maxAmount),
      account: s.account ?? caseType?.account ?? null,
    });
  }
  const optOuts = new Map<string, SupplierOptOut[]>();
  for (const o of ruleset.supplierOptOuts) {
    const k = supplierKey(o.supplier);
    const list = optOuts.get(k);
    if (list) list.push(o);
    else optOuts.set(k, [o]);
  }
  return {
    services,
    optOuts,
    caseTypes,
    kpEans: new Set(ruleset.settings.kpEans),
    settings: ruleset.settings,
    creditNoteAutoApprove: ruleset.creditNotes.autoApproveWhenInvoiceApproved,
    reminderAutoAcceptFeeUpTo: ruleset.reminders.autoAcceptFeeUpTo,
    feeAccount: ruleset.reminders.feeAccount,
  };
}

/** An opt-out applies from `from` to `until` (both days included; `until` null = open-ended). */
export function isOptedOut(periods: readonly SupplierOptOut[] | undefined, date: string): boolean {
  if (!periods) return false;
  for (const p of periods) {
    if (p.from <= date && (p.until == null || date <= p.until)) return true;
  }
  return false;
}
