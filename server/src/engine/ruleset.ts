/**
 * The ruleset format v1 (rulesets/schema/ruleset.v1.schema.json) as TypeScript types. Rules are
 * json-rules-engine rules; everything else is the municipality's tables and settings.
 */
export type CaseKind = 'almindelig' | 'udvidet' | 'personligt';

export interface FactCondition {
  fact: string;
  operator: string;
  value: unknown;
  path?: string;
  name?: string;
  priority?: number;
}
export interface AllCondition {
  all: Condition[];
  name?: string;
  priority?: number;
}
export interface AnyCondition {
  any: Condition[];
  name?: string;
  priority?: number;
}
export interface NotCondition {
  not: Condition;
  name?: string;
  priority?: number;
}
export interface ConditionReference {
  condition: string;
  name?: string;
  priority?: number;
}
export type Condition = FactCondition | AllCondition | AnyCondition | NotCondition | ConditionReference;
export type TopCondition = AllCondition | AnyCondition | NotCondition | ConditionReference;

export interface FactReference {
  fact: string;
  path?: string;
}

export type EventType = 'reject' | 'manual';

export interface RuleEvent {
  type: EventType;
  params: { reason: string; action?: string; comment?: string };
}

export interface Rule {
  name: string;
  description?: string;
  priority?: number;
  locked?: boolean;
  conditions: TopCondition;
  event: RuleEvent;
}

export interface LocalText {
  da: string;
  en?: string;
}

export interface Reason {
  code: string;
  text: string;
  textEn?: string;
  explanation?: LocalText;
  active?: boolean;
  /** A rejection reason for a caseworker's manual rejection only; no rule event may use it. */
  manualOnly?: boolean;
}

export interface CaseType {
  code: string;
  name: string;
  kind: CaseKind;
  account?: string;
  manualAction?: string;
  description?: string;
}

export interface ServiceNumber {
  code: string;
  description?: string;
  caseType: string;
  maxAmount?: string | null;
  automatic: boolean;
  vatAllowed: boolean;
  account?: string;
}

export interface SupplierOptOut {
  supplier: string;
  name?: string;
  reason?: string;
  from: string;
  until?: string | null;
}

export interface IntakeSettings {
  cpr?: string[];
  cprPattern?: string;
  serviceNumber?: string[];
}

export interface Ruleset {
  schemaVersion: 1;
  name: string;
  description?: string;
  basedOn?: { template: string; version: number };
  settings: {
    automaticProcessing: boolean;
    acceptVat: boolean;
    kpEans: string[];
    currency: string;
    invoiceSplit?: { enabled: boolean };
  };
  intake?: IntakeSettings;
  caseTypes: CaseType[];
  serviceNumbers: ServiceNumber[];
  supplierOptOuts: SupplierOptOut[];
  rejectionReasons: Reason[];
  manualReasons: Reason[];
  creditNotes: { autoApproveWhenInvoiceApproved: boolean };
  reminders: { feeAccount: string; autoAcceptFeeUpTo: string | null };
  governance: { requireApproval: boolean };
  conditions?: Record<string, Condition>;
  rules: Rule[];
}

export function isAll(c: Condition): c is AllCondition {
  return Object.hasOwn(c, 'all');
}
export function isAny(c: Condition): c is AnyCondition {
  return Object.hasOwn(c, 'any');
}
export function isNot(c: Condition): c is NotCondition {
  return Object.hasOwn(c, 'not');
}
export function isReference(c: Condition): c is ConditionReference {
  return !isAll(c) && !isAny(c) && !isNot(c) && Object.hasOwn(c, 'condition');
}
export function isFactCondition(c: Condition): c is FactCondition {
  return !isAll(c) && !isAny(c) && !isNot(c) && !isReference(c);
}

/** json-rules-engine treats a condition value that is an object with its own `fact` as a reference. */
export function isFactReference(value: unknown): value is FactReference {
  return value !== null && typeof value === 'object' && Object.hasOwn(value, 'fact');
}
