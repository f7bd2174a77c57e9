/** The ruleset API's shapes (PRODUCT.md §10) and small helpers the draft editor shares. */
import type { Locale } from '../i18n/locale';
import { parseAmountInput } from '../layout/amount-input';
import { parseMoney } from '../../../server/src/domain/money.js';
import { formatDkk } from '../layout/money';

export interface Issue {
  pointer: string;
  code: string;
  message: string;
  messages: { da: string; en: string };
  severity?: 'error' | 'warning';
}

export interface Validation {
  valid: boolean;
  errors: Issue[];
  warnings: Issue[];
}

export type RulesetDocument = Record<string, unknown> & {
  settings?: Record<string, unknown>;
  rules?: Rule[];
  conditions?: Record<string, unknown>;
};

export interface Rule {
  name: string;
  description?: string;
  priority?: number;
  locked?: boolean;
  conditions: Record<string, unknown>;
  event: { type: 'reject' | 'manual'; params: { reason: string; action?: string; comment?: string } };
}

export interface Draft {
  revision: number;
  document: RulesetDocument;
  updatedAt: string;
  updatedBy: string;
  basedOn?: { template: string; version: number } | null;
  validation: Validation;
}

export interface VersionSummary {
  version: number;
  comment: string;
  effectiveFrom: string;
  publishedBy: string;
  approvedBy: string | null;
  createdAt: string;
  scheduled: boolean;
}

export interface PublishRequest {
  id: string;
  status: 'pending' | 'approved' | 'void' | 'rejected';
  draftRevision: number;
  comment: string;
  effectiveFrom: string | null;
  requestedBy: string;
  decidedBy?: string | null;
  decidedAt?: string | null;
  decisionComment?: string | null;
  version?: number | null;
  createdAt: string;
}

export interface Overview {
  draft: { revision: number; updatedAt: string; updatedBy: string } | null;
  active: { version: number; effectiveFrom: string } | null;
  versions: VersionSummary[];
  requireApproval: boolean;
  pendingRequest?: PublishRequest;
}

export interface Fact {
  name: string;
  type: string;
  source: string;
  description: { da: string; en: string };
  values?: string[];
}

export interface Catalogue {
  facts: Fact[];
  operators: { name: string; factTypes: string[]; value: string; label: { da: string; en: string } }[];
  decorators: { name: string; label: { da: string; en: string } }[];
}

/** `/document/serviceNumbers/3` and `/serviceNumbers/3` both → `/serviceNumbers/3`. */
export function docPointer(pointer: string): string {
  return pointer.startsWith('/document/') ? pointer.slice('/document'.length) : pointer;
}

/** Issues by document pointer, in the console's language (several for one pointer joined). */
export function issueMap(issues: readonly Issue[], locale: Locale): Map<string, string> {
  const out = new Map<string, string>();
  for (const i of issues) {
    const p = docPointer(i.pointer);
    const text = i.messages?.[locale] ?? i.message;
    out.set(p, out.has(p) ? `${out.get(p)} ${text}` : text);
  }
  return out;
}

/** Issues at or below `prefix` (`/serviceNumbers`) — for a tab's error count. */
export function countUnder(issues: readonly Issue[], prefix: string): number {
  return issues.filter((i) => {
    const p = docPointer(i.pointer);
    return p === prefix || p.startsWith(`${prefix}/`);
  }).length;
}

export const MONEY = /^(0|[1-9][0-9]{0,12})(\.[0-9]{1,2})?$/;

/**
 * What an administrator typed as an amount → the ruleset's decimal string ("1.500,50" →
 * "1500.50", the split form's reading); what is not an amount is kept as typed, for the server
 * to mark at its field.
 */
export function parseMoneyInput(text: string): string {
  return parseAmountInput(text) ?? text.trim();
}

/**
 * A one-per-line field → the ruleset's list. While typing the lines are kept as they are; on
 * leaving the field (`trim`) blank lines go and each is trimmed. Empty is [] — or, where an
 * omitted list means the default (`emptyIsDefault`: the intake paths), undefined, so that
 * clearing the field brings the default places back rather than searching nowhere.
 */
export function listOfLines(
  text: string,
  opts: { emptyIsDefault?: boolean; trim?: boolean } = {},
): string[] | undefined {
  const lines = opts.trim
    ? text
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
    : text.split('\n');
  const empty = lines.length === 0 || (lines.length === 1 && lines[0] === '');
  return empty ? (opts.emptyIsDefault ? undefined : []) : lines;
}

/** Amounts by their value (in øre); empty ones first, then what is not an amount, as text. */
export function byAmount(a: unknown, b: unknown): number {
  const ore = (v: unknown) => (typeof v === 'string' ? parseMoney(parseAmountInput(v) ?? '') : null);
  const [x, y] = [ore(a), ore(b)];
  if (x !== null && y !== null) return x - y;
  if (x !== null || y !== null) return x === null ? -1 : 1;
  return String(a ?? '').localeCompare(String(b ?? ''));
}

/** A table's amount: a valid one as money (formatDkk), anything else as typed, beside its error. */
export function formatMoney(amount: unknown, locale: Locale): string {
  if (typeof amount !== 'string' || !MONEY.test(amount)) return amount == null ? '' : String(amount);
  return formatDkk(amount, locale);
}

export function formatDateTime(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return '';
  return new Date(iso).toLocaleString(locale === 'da' ? 'da-DK' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
}
