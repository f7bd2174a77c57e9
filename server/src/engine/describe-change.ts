/**
 * A structural difference between two ruleset documents, said in words an administrator reads:
 * "Ydelsesnummer 1001 (Tandrensning): beløbsgrænse 1.500,00 kr. → 2.000,00 kr." — the item named
 * by its code and description, the field by its name in the console, money as kroner. Pure: it
 * reads the two documents the difference was computed from.
 */
import type { Difference } from '../domain/json-diff.js';
import { valueAt } from '../domain/issues.js';
import { formatMoneyHuman, parseMoney } from '../domain/money.js';

type Lang = 'da' | 'en';
export type ChangeText = Record<Lang, string>;
type Text = ChangeText;

/** The tables of a ruleset: how an item is named, and its fields. */
const TABLES: Record<
  string,
  { item: Text; name: (o: Record<string, unknown>) => string; fields: Record<string, Text> }
> = {
  serviceNumbers: {
    item: { da: 'Ydelsesnummer', en: 'Service number' },
    name: (o) => withDetail(o.code, o.description),
    fields: {
      code: { da: 'nummer', en: 'number' },
      description: { da: 'beskrivelse', en: 'description' },
      caseType: { da: 'sagstype', en: 'case type' },
      maxAmount: { da: 'beløbsgrænse', en: 'amount limit' },
      automatic: { da: 'automatisk behandling', en: 'automatic processing' },
      vatAllowed: { da: 'moms tilladt', en: 'VAT allowed' },
      account: { da: 'konto', en: 'account' },
    },
  },
  caseTypes: {
    item: { da: 'Sagstype', en: 'Case type' },
    name: (o) => withDetail(o.code, o.name),
    fields: {
      name: { da: 'navn', en: 'name' },
      kind: { da: 'art', en: 'kind' },
      manualAction: { da: 'manuel handling', en: 'manual action' },
      account: { da: 'konto', en: 'account' },
    },
  },
  supplierOptOuts: {
    item: { da: 'Fravalgt leverandør', en: 'Opted-out supplier' },
    name: (o) => withDetail(o.supplier, o.name),
    fields: {
      name: { da: 'navn', en: 'name' },
      reason: { da: 'begrundelse', en: 'reason' },
      from: { da: 'fra', en: 'from' },
      until: { da: 'til', en: 'until' },
    },
  },
  rejectionReasons: {
    item: { da: 'Afvisningsårsag', en: 'Rejection reason' },
    name: (o) => String(o.code ?? '?'),
    fields: {
      text: { da: 'tekst', en: 'text' },
      active: { da: 'aktiv', en: 'active' },
      explanation: { da: 'forklaring', en: 'explanation' },
    },
  },
  manualReasons: {
    item: { da: 'Manuel årsag', en: 'Manual reason' },
    name: (o) => String(o.code ?? '?'),
    fields: {
      text: { da: 'tekst', en: 'text' },
      active: { da: 'aktiv', en: 'active' },
      explanation: { da: 'forklaring', en: 'explanation' },
    },
  },
  rules: {
    item: { da: 'Regel', en: 'Rule' },
    name: (o) => String(o.name ?? '?'),
    fields: {
      priority: { da: 'prioritet', en: 'priority' },
      conditions: { da: 'betingelser', en: 'conditions' },
      event: { da: 'hændelse', en: 'event' },
      description: { da: 'beskrivelse', en: 'description' },
      locked: { da: 'låst', en: 'locked' },
    },
  },
};

/** Settings and policies outside the tables, by their pointer. */
const SETTINGS: Record<string, Text> = {
  '/name': { da: 'Navn', en: 'Name' },
  '/basedOn': { da: 'Baseret på skabelon', en: 'Based on template' },
  '/settings/automaticProcessing': { da: 'Automatisk behandling', en: 'Automatic processing' },
  '/settings/acceptVat': { da: 'Fakturaer med moms modtages', en: 'Invoices with VAT accepted' },
  '/settings/kpEans': { da: 'KP-EAN-numre', en: 'KP EAN numbers' },
  '/settings/currency': { da: 'Valuta', en: 'Currency' },
  '/settings/invoiceSplit': { da: 'Deling af faktura', en: 'Invoice split' },
  '/settings/invoiceSplit/enabled': { da: 'Deling af faktura', en: 'Invoice split' },
  '/intake/cpr': { da: 'Hvor CPR-nummeret findes', en: 'Where the CPR number is found' },
  '/intake/serviceNumber': { da: 'Hvor ydelsesnummeret findes', en: 'Where the service number is found' },
  '/creditNotes/autoApproveWhenInvoiceApproved': {
    da: 'Kreditnotaer godkendes automatisk, når fakturaen er godkendt',
    en: 'Credit notes approved automatically when the invoice was approved',
  },
  '/reminders/feeAccount': { da: 'Konto for rykkergebyr', en: 'Reminder fee account' },
  '/reminders/autoAcceptFeeUpTo': {
    da: 'Rykkergebyr accepteres automatisk op til',
    en: 'Reminder fees accepted automatically up to',
  },
  '/governance/requireApproval': {
    da: 'Udgivelse kræver godkendelse af en anden administrator',
    en: 'Publishing requires another administrator’s approval',
  },
  '/conditions': { da: 'Navngivne betingelser', en: 'Named conditions' },
};

const MONEY_FIELDS = new Set(['maxAmount', 'autoAcceptFeeUpTo']);

function withDetail(code: unknown, detail: unknown): string {
  const c = String(code ?? '?');
  return typeof detail === 'string' && detail !== '' ? `${c} (${detail})` : c;
}

function formatValue(value: unknown, field: string, lang: Lang): string {
  if (value === undefined || value === null) return lang === 'da' ? '(ingen)' : '(none)';
  if (typeof value === 'boolean')
    return value ? (lang === 'da' ? 'ja' : 'yes') : lang === 'da' ? 'nej' : 'no';
  if (typeof value === 'string' && MONEY_FIELDS.has(field)) {
    const ore = parseMoney(value);
    if (ore !== null) return formatMoneyHuman(ore, lang);
  }
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string'))
    return value.length > 0 ? value.join(', ') : lang === 'da' ? '(ingen)' : '(none)';
  return JSON.stringify(value);
}

function both(f: (lang: Lang) => string): Text {
  return { da: f('da'), en: f('en') };
}

const WORDS = {
  added: { da: 'er tilføjet', en: 'was added' },
  removed: { da: 'er fjernet', en: 'was removed' },
  moved: { da: 'er flyttet', en: 'was moved' },
  changed: { da: 'er ændret', en: 'changed' },
  setTo: { da: 'sat til', en: 'set to' },
  was: { da: 'var', en: 'was' },
} as const;

/** One difference, in Danish and English. `before`/`after` are the two documents compared. */
export function describeRulesetChange(change: Difference, before: unknown, after: unknown): Text {
  const tokens = change.path.split('/').slice(1);
  const [top, index, field, ...deeper] = tokens;
  const table = top === undefined ? undefined : TABLES[top];
  const ref = field === undefined ? field : `/${top}/${index}/${field}`;

  if (table && index !== undefined && /^\d+$/.test(index)) {
    const itemPath = `/${top}/${index}`;
    const itemIn = (doc: unknown): Record<string, unknown> | undefined => {
      const v = valueAt(doc, itemPath);
      return v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
    };
    const item = (change.op === 'remove' ? itemIn(before) : itemIn(after)) ?? itemIn(before) ?? {};
    const subject = (lang: Lang): string => `${table.item[lang]} ${table.name(item)}`;
    if (field === undefined) {
      const verb = change.op === 'add' ? WORDS.added : change.op === 'remove' ? WORDS.removed : WORDS.moved;
      return both((lang) => `${subject(lang)} ${verb[lang]}`);
    }
    const label = (lang: Lang): string => table.fields[field]?.[lang] ?? field;
    if (deeper.length > 0 || ref === undefined)
      return both((lang) => `${subject(lang)}: ${label(lang)} ${WORDS.changed[lang]}`);
    return describeValue(change, (lang) => `${subject(lang)}: ${label(lang)}`, field);
  }

  const setting = Object.keys(SETTINGS)
    .filter((p) => change.path === p || change.path.startsWith(`${p}/`))
    .sort((a, b) => b.length - a.length)[0];
  if (setting) {
    const label = SETTINGS[setting]!;
    if (setting !== change.path) return both((lang) => `${label[lang]} ${WORDS.changed[lang]}`);
    return describeValue(change, (lang) => label[lang], tokens[tokens.length - 1] ?? '');
  }
  return both((lang) => `${change.path} ${WORDS.changed[lang]}`);
}

function describeValue(change: Difference, subject: (lang: Lang) => string, field: string): Text {
  return both((lang) => {
    const b = formatValue(change.before, field, lang);
    const a = formatValue(change.after, field, lang);
    if (change.op === 'replace') return `${subject(lang)} ${b} → ${a}`;
    if (change.op === 'add') return `${subject(lang)} ${WORDS.setTo[lang]} ${a}`;
    if (change.op === 'remove') return `${subject(lang)} ${WORDS.removed[lang]} (${WORDS.was[lang]} ${b})`;
    return `${subject(lang)} ${WORDS.moved[lang]}`;
  });
}
