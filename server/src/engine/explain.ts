/**
 * Plain Danish and English explanations of a decision — sentences, not JSON. Each reason may
 * carry an explanation template in the ruleset (`explanation: {da, en}`) whose placeholders are
 * filled when the reason is given:
 *
 * - `{factName}` — a fact, formatted for reading: money as "1.650,00 kr." / "DKK 1,650.00", a
 *   list as "a, b og c", case-type facts (`caseTypes`, `nonOrdinaryCaseTypes`) by the case
 *   types' names, `documentType` as "fakturaen"/"kreditnotaen"/"rykkeren";
 * - `{factName|one|many}` — a count or list with its noun in the right number: "{lineCount|linje|
 *   linjer}" → "1 linje", "2 linjer"; a list puts the noun first: "{manualServiceNumbers|
 *   ydelsesnummer|ydelsesnumre}" → "ydelsesnummer 1003", "ydelsesnumre 1003 og 1004";
 * - `{overLimitDetails}` and `{amountMismatch}` — the figures behind two reasons, worked out from
 *   the document and the tables: "ydelsesnummer 1001 (Tandrensning): 1.650,00 kr. er over
 *   beløbsgrænsen på 1.500,00 kr."; "linjerne giver 500,00 kr., men fakturaen angiver 600,00 kr.
 *   til betaling".
 *
 * Unknown placeholders are left as written. The explanation ends with the decision's actions by
 * KP's own names (actions.ts).
 */
import type { CanonicalDocument } from '../domain/document.js';
import { formatMoneyHuman, parseMoney, type Ore } from '../domain/money.js';
import { actionText } from './actions.js';
import { FACTS_BY_NAME } from './fact-catalogue.js';
import type { Facts } from './facts.js';
import type { RulesetTables } from './ruleset-tables.js';
import type { Reason } from './ruleset.js';

export type Lang = 'da' | 'en';
export type Outcome = 'approved' | 'manual' | 'rejected';

/** What placeholders are filled from: the facts, and for names and figures the tables and the document. */
export interface ExplainContext {
  facts: Facts;
  tables?: RulesetTables;
  doc?: CanonicalDocument;
}

const LEAD: Record<Outcome, Record<Lang, string>> = {
  rejected: { da: 'Afvist', en: 'Rejected' },
  manual: { da: 'Manuel behandling', en: 'Manual processing' },
  approved: { da: 'Godkendt automatisk', en: 'Approved automatically' },
};

const DOC_TYPE: Record<string, Record<Lang, string>> = {
  invoice: { da: 'fakturaen', en: 'the invoice' },
  creditNote: { da: 'kreditnotaen', en: 'the credit note' },
  reminder: { da: 'rykkeren', en: 'the reminder' },
};

/** Facts whose values are case-type codes: shown by the case types' names. */
const CASE_TYPE_FACTS = new Set(['caseTypes', 'nonOrdinaryCaseTypes']);

const docWord = (facts: Facts, lang: Lang): string =>
  DOC_TYPE[facts.documentType]?.[lang] ?? facts.documentType;

const human = (ore: Ore, lang: Lang): string => formatMoneyHuman(ore, lang);

function moneyText(value: unknown, lang: Lang): string {
  const ore = parseMoney(value);
  return ore === null ? String(value) : human(ore, lang);
}

/** "a", "a og b", "a, b og c" (English "and"). */
function listText(items: readonly string[], lang: Lang): string {
  if (items.length === 0) return lang === 'da' ? 'ingen' : 'none';
  if (items.length === 1) return items[0]!;
  return `${items.slice(0, -1).join(', ')} ${lang === 'da' ? 'og' : 'and'} ${items[items.length - 1]!}`;
}

function formatValue(name: string, value: unknown, lang: Lang, ctx: ExplainContext): string {
  const def = FACTS_BY_NAME.get(name);
  if (value === null || value === undefined) return lang === 'da' ? '(ikke angivet)' : '(not given)';
  if (def && (def.type === 'money' || def.type === 'money?')) return moneyText(value, lang);
  if (typeof value === 'boolean')
    return value ? (lang === 'da' ? 'ja' : 'yes') : lang === 'da' ? 'nej' : 'no';
  if (Array.isArray(value)) {
    const items = value.map(String);
    const caseTypes = ctx.tables?.caseTypes;
    return listText(
      CASE_TYPE_FACTS.has(name) && caseTypes ? items.map((c) => caseTypes.get(c)?.name ?? c) : items,
      lang,
    );
  }
  if (name === 'documentType') return DOC_TYPE[String(value)]?.[lang] ?? String(value);
  return String(value);
}

/** A count or list with its noun in the right number (`{name|one|many}`). */
function formatCounted(
  name: string,
  value: unknown,
  one: string,
  many: string,
  lang: Lang,
  ctx: ExplainContext,
): string {
  if (typeof value === 'number') return `${value} ${value === 1 ? one : many}`;
  if (Array.isArray(value))
    return `${value.length === 1 ? one : many} ${formatValue(name, value, lang, ctx)}`;
  return formatValue(name, value, lang, ctx);
}

/**
 * Each service number over its limit, with its description, the sum of its lines on the document
 * (net + VAT, as the fact compares) and the limit.
 */
function overLimitDetails(ctx: ExplainContext, lang: Lang): string | null {
  const { facts, tables, doc } = ctx;
  if (!tables || !doc) return null;
  const parts: string[] = [];
  for (const code of facts.serviceNumbersOverLimit) {
    const entry = tables.services.get(code);
    if (!entry || entry.maxOre === null) continue;
    let sum = 0;
    for (const l of doc.lines)
      if (l.serviceNumber === code) sum += (parseMoney(l.netAmount) ?? 0) + (parseMoney(l.vatAmount) ?? 0);
    const desc = entry.service.description ? ` (${entry.service.description})` : '';
    parts.push(
      lang === 'da'
        ? `ydelsesnummer ${code}${desc}: ${human(sum, lang)} er over beløbsgrænsen på ${human(entry.maxOre, lang)}`
        : `service number ${code}${desc}: ${human(sum, lang)} is over the limit of ${human(entry.maxOre, lang)}`,
    );
  }
  return parts.length === 0 ? null : parts.join('; ');
}

/**
 * Which amounts do not add up: the payable amount the lines give against the one the document
 * states, or — when those agree — the lines' net against the document's net total.
 */
function amountMismatch(ctx: ExplainContext, lang: Lang): string {
  const f = ctx.facts;
  const doc = docWord(f, lang);
  if (parseMoney(f.linesPayableAmount) !== parseMoney(f.payableAmount) || f.linesNetAmount === f.netAmount) {
    const lines = moneyText(f.linesPayableAmount, lang);
    const payable = moneyText(f.payableAmount, lang);
    return lang === 'da'
      ? `linjerne giver ${lines}, men ${doc} angiver ${payable} til betaling`
      : `the lines come to ${lines}, but ${doc} states ${payable} payable`;
  }
  const lines = moneyText(f.linesNetAmount, lang);
  const net = moneyText(f.netAmount, lang);
  return lang === 'da'
    ? `linjernes netto er ${lines}, men ${doc} angiver ${net} netto`
    : `the lines' net is ${lines}, but ${doc} states ${net} net`;
}

const PHRASES: Record<string, (ctx: ExplainContext, lang: Lang) => string | null> = {
  overLimitDetails,
  amountMismatch,
};

interface Placeholder {
  name: string;
  one?: string;
  many?: string;
}

/** Parsed templates: literal text at even indexes, placeholders at odd ones. */
const PARSED = new Map<string, (string | Placeholder)[]>();
function parseTemplate(template: string): (string | Placeholder)[] {
  let parts = PARSED.get(template);
  if (parts === undefined) {
    parts = [];
    const re = /\{([A-Za-z][A-Za-z0-9_]*)(?:\|([^|{}]*)\|([^|{}]*))?\}/g;
    let last = 0;
    for (let m = re.exec(template); m !== null; m = re.exec(template)) {
      const p: Placeholder = { name: m[1]! };
      if (m[2] !== undefined) {
        p.one = m[2];
        p.many = m[3]!;
      }
      parts.push(template.slice(last, m.index), p);
      last = m.index + m[0].length;
    }
    parts.push(template.slice(last));
    if (PARSED.size < 10_000) PARSED.set(template, parts);
  }
  return parts;
}

function fill(p: Placeholder, ctx: ExplainContext, lang: Lang): string | null {
  const record = ctx.facts as unknown as Record<string, unknown>;
  if (Object.hasOwn(record, p.name)) {
    const value = record[p.name];
    return p.one === undefined
      ? formatValue(p.name, value, lang, ctx)
      : formatCounted(p.name, value, p.one, p.many!, lang, ctx);
  }
  return Object.hasOwn(PHRASES, p.name) ? PHRASES[p.name]!(ctx, lang) : null;
}

export function fillTemplate(template: string, ctx: ExplainContext, lang: Lang): string {
  const parts = parseTemplate(template);
  let out = parts[0] as string;
  for (let i = 1; i < parts.length; i += 2) {
    const p = parts[i] as Placeholder;
    const text = fill(p, ctx, lang);
    out +=
      (text ?? `{${p.name}${p.one === undefined ? '' : `|${p.one}|${p.many}`}}`) + (parts[i + 1] as string);
  }
  return out;
}

/**
 * A reason's text for the ERP: its placeholders filled (Danish), so "{documentType} indeholder
 * intet CPR-nummer." names the document's type — "Kreditnotaen indeholder …". A text without
 * placeholders is returned as written.
 */
export function reasonText(text: string, ctx: ExplainContext): string {
  return text.includes('{') ? capitalise(fillTemplate(text, ctx, 'da')) : text;
}

export function reasonSentence(
  code: string,
  reason: Reason | undefined,
  ctx: ExplainContext,
  lang: Lang,
): string {
  if (reason?.explanation) {
    const template = lang === 'da' ? reason.explanation.da : (reason.explanation.en ?? reason.explanation.da);
    return fillTemplate(template, ctx, lang);
  }
  if (reason) return fillTemplate(lang === 'en' ? (reason.textEn ?? reason.text) : reason.text, ctx, lang);
  return code;
}

function capitalise(s: string): string {
  return s.length === 0 ? s : s[0]!.toLowerCase() === s[0] ? s[0]!.toUpperCase() + s.slice(1) : s;
}

/** What an approval says when no rule gave a reason: the figures that matter for the type. */
function approvedSentence(f: Facts, lang: Lang): string {
  if (f.documentType === 'reminder') {
    // a reminder's payable amount includes the reminded invoice; what is accepted is the fee
    const fee = moneyText(f.reminderFee, lang);
    const upTo = f.reminderAutoAcceptFeeUpTo === null ? null : moneyText(f.reminderAutoAcceptFeeUpTo, lang);
    return lang === 'da'
      ? `rykkergebyret på ${fee} accepteres${upTo ? ` (gebyrer op til ${upTo} accepteres automatisk)` : ''}`
      : `the reminder fee of ${fee} is accepted${upTo ? ` (fees up to ${upTo} are accepted automatically)` : ''}`;
  }
  const n = f.lineCount;
  const amount = moneyText(f.payableAmount, lang);
  const lines = lang === 'da' ? `${n} ${n === 1 ? 'linje' : 'linjer'}` : `${n} ${n === 1 ? 'line' : 'lines'}`;
  const what =
    f.documentType === 'creditNote'
      ? lang === 'da'
        ? `${amount} krediteres`
        : `${amount} credited`
      : lang === 'da'
        ? `${amount} til betaling`
        : `${amount} payable`;
  return lang === 'da'
    ? `${docWord(f, lang)} opfylder alle regler (${lines}, ${what})`
    : `${docWord(f, lang)} meets every rule (${lines}, ${what})`;
}

/**
 * The actions by KP's names (seed: "Tilføj ydelse til bevilling" first, "Opret ny alm.
 * helbredstillægssag" if no case turns up): an approval names the one the system takes, a manual
 * decision the ones it suggests, in order.
 */
function actionsSentence(outcome: Outcome, actions: readonly string[], lang: Lang): string {
  if (actions.length === 0) return '';
  const [open, close] = lang === 'da' ? ['”', '”'] : ['“', '”'];
  const names = actions.map((a) => `${open}${actionText(a)[lang]}${close}`);
  const joined = names.join(lang === 'da' ? ', derefter ' : ', then ');
  const several = actions.length > 1;
  const label =
    outcome === 'approved'
      ? lang === 'da'
        ? several
          ? 'Handlinger'
          : 'Handling'
        : several
          ? 'Actions'
          : 'Action'
      : lang === 'da'
        ? several
          ? 'Foreslåede handlinger'
          : 'Foreslået handling'
        : several
          ? 'Suggested actions'
          : 'Suggested action';
  return ` ${label}: ${joined}.`;
}

export function explain(
  outcome: Outcome,
  sentences: { da: string; en: string }[],
  facts: Facts,
  actions: readonly string[] = [],
): { da: string; en: string } {
  const out = { da: '', en: '' };
  for (const lang of ['da', 'en'] as const) {
    const lead = LEAD[outcome][lang];
    const parts =
      sentences.length === 0
        ? [approvedSentence(facts, lang)]
        : sentences.map((s) => s[lang].replace(/[.\s]+$/, ''));
    const first = parts[0]!;
    const rest = parts.slice(1).map((p) => capitalise(p));
    out[lang] =
      `${lead}: ${first}.` +
      (rest.length ? ' ' + rest.map((p) => `${p}.`).join(' ') : '') +
      actionsSentence(outcome, actions, lang);
  }
  return out;
}
