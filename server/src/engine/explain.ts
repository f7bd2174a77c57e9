/**
 * Plain Danish and English explanations of a decision — sentences, not JSON. Each reason may
 * carry an explanation template in the ruleset (`explanation: {da, en}`) whose `{factName}`
 * placeholders are filled from the facts: "Afvist: fakturaen indeholder {cprCount} CPR-numre
 * (enkeltsagsprincippet)" → "Afvist: fakturaen indeholder 2 CPR-numre (enkeltsagsprincippet)".
 */
import { formatMoneyHuman, parseMoney } from '../domain/money.js';
import { FACTS_BY_NAME, type Facts } from './facts.js';
import type { Reason } from './ruleset.js';

export type Lang = 'da' | 'en';
export type Outcome = 'approved' | 'manual' | 'rejected';

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

function formatValue(name: string, value: unknown, lang: Lang): string {
  const def = FACTS_BY_NAME.get(name);
  if (value === null || value === undefined) return lang === 'da' ? '(ikke angivet)' : '(not given)';
  if (def && (def.type === 'money' || def.type === 'money?')) {
    const ore = parseMoney(value);
    return ore === null ? String(value) : formatMoneyHuman(ore, lang);
  }
  if (typeof value === 'boolean')
    return value ? (lang === 'da' ? 'ja' : 'yes') : lang === 'da' ? 'nej' : 'no';
  if (Array.isArray(value)) return value.length === 0 ? (lang === 'da' ? 'ingen' : 'none') : value.join(', ');
  if (name === 'documentType') return DOC_TYPE[String(value)]?.[lang] ?? String(value);
  return String(value);
}

/** Fills `{factName}` placeholders; unknown placeholders are left as written. */
/** Parsed templates: literal text at even indexes, placeholder names at odd ones. */
const PARSED = new Map<string, string[]>();
function parseTemplate(template: string): string[] {
  let parts = PARSED.get(template);
  if (parts === undefined) {
    parts = [];
    const re = /\{([A-Za-z][A-Za-z0-9_]*)\}/g;
    let last = 0;
    for (let m = re.exec(template); m !== null; m = re.exec(template)) {
      parts.push(template.slice(last, m.index), m[1]!);
      last = m.index + m[0].length;
    }
    parts.push(template.slice(last));
    if (PARSED.size < 10_000) PARSED.set(template, parts);
  }
  return parts;
}

export function fillTemplate(template: string, facts: Facts, lang: Lang): string {
  const record = facts as unknown as Record<string, unknown>;
  const parts = parseTemplate(template);
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i]!;
    out +=
      (Object.hasOwn(record, name) ? formatValue(name, record[name], lang) : `{${name}}`) + parts[i + 1]!;
  }
  return out;
}

/**
 * A reason's text for the ERP: its `{factName}` placeholders filled (Danish), so "{documentType}
 * indeholder intet CPR-nummer." names the document's type — "Kreditnotaen indeholder …". A text
 * without placeholders is returned as written.
 */
export function reasonText(text: string, facts: Facts): string {
  return text.includes('{') ? capitalise(fillTemplate(text, facts, 'da')) : text;
}

export function reasonSentence(code: string, reason: Reason | undefined, facts: Facts, lang: Lang): string {
  if (reason?.explanation) {
    const template = lang === 'da' ? reason.explanation.da : (reason.explanation.en ?? reason.explanation.da);
    return fillTemplate(template, facts, lang);
  }
  if (reason) return fillTemplate(lang === 'en' ? (reason.textEn ?? reason.text) : reason.text, facts, lang);
  return code;
}

function capitalise(s: string): string {
  return s.length === 0 ? s : s[0]!.toLowerCase() === s[0] ? s[0]!.toUpperCase() + s.slice(1) : s;
}

export function explain(
  outcome: Outcome,
  sentences: { da: string; en: string }[],
  facts: Facts,
): { da: string; en: string } {
  const out = { da: '', en: '' };
  for (const lang of ['da', 'en'] as const) {
    const lead = LEAD[outcome][lang];
    if (sentences.length === 0) {
      const doc = DOC_TYPE[facts.documentType]?.[lang] ?? facts.documentType;
      const amount = formatValue('payableAmount', facts.payableAmount, lang);
      out[lang] =
        lang === 'da'
          ? `${lead}: ${doc} opfylder alle regler (${facts.lineCount} ${facts.lineCount === 1 ? 'linje' : 'linjer'}, ${amount} til betaling).`
          : `${lead}: ${doc} meets every rule (${facts.lineCount} ${facts.lineCount === 1 ? 'line' : 'lines'}, ${amount} payable).`;
      continue;
    }
    const parts = sentences.map((s) => s[lang].replace(/[.\s]+$/, ''));
    const first = parts[0]!;
    const rest = parts.slice(1).map((p) => capitalise(p));
    out[lang] = `${lead}: ${first}.` + (rest.length ? ' ' + rest.map((p) => `${p}.`).join(' ') : '');
  }
  return out;
}
