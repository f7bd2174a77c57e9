/**
 * The command line: `regelvaerk validate | evaluate | diff | migrate`. Exit codes: 0 success, 1
 * invalid input (with a message naming the file and field) or a failed migration, 2 wrong usage.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { validateDocument } from '../domain/canonical.js';
import type { CanonicalDocument } from '../domain/document.js';
import { documentKey } from '../domain/document.js';
import { createAjv, ajvIssues, type Issue } from '../domain/issues.js';
import { structuralDiff } from '../domain/json-diff.js';
import {
  actionDetails,
  compileRuleset,
  decide,
  InMemoryLedger,
  rulesetHash,
  type EngineDecision,
  type LedgerEntry,
  type Ruleset,
} from '../engine/index.js';
import { IntakeError, parseDocumentXml } from '../intake/index.js';
import { validateRulesetDocument } from '../features/rulesets/ruleset-validation.js';
import { formatMoneyHuman, parseMoney } from '../domain/money.js';
import type { Io } from './io.js';
import { migrateCommand } from './migrate-command.js';

export type { Io };

type Lang = 'da' | 'en';

/** An input problem: exit code 1, with the issues listed. */
export class InputError extends Error {
  constructor(
    message: string,
    readonly issues: Issue[] = [],
  ) {
    super(message);
  }
}

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(
      `Cannot read ${what} ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new InputError(`${what} ${file} is not valid JSON: ${(e as Error).message}`);
  }
}

function loadRuleset(file: string, template?: string): Ruleset {
  const input = readJson(file, 'Ruleset');
  const result = validateRulesetDocument(input, template ? { template: loadRuleset(template) } : {});
  if (!result.valid) throw new InputError(`Ruleset ${file} is not valid`, result.errors);
  return input as Ruleset;
}

const ledgerSchema = {
  type: 'array',
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['documentType', 'supplier', 'id', 'status', 'issueDate', 'payable'],
    properties: {
      documentType: { enum: ['invoice', 'creditNote', 'reminder'] },
      supplier: { type: 'string', minLength: 1 },
      id: { type: 'string', minLength: 1 },
      status: { enum: ['approved', 'rejected', 'manual'] },
      issueDate: { type: 'string', format: 'date' },
      payable: { $ref: '#/$defs/money' },
      cprNumbers: { type: 'array', items: { type: 'string', pattern: '^[0-9]{10}$' } },
      caseKinds: { type: 'array', items: { enum: ['almindelig', 'udvidet', 'personligt'] } },
      caseTypes: { type: 'array', items: { type: 'string', minLength: 1 } },
      billingReference: { type: 'string', minLength: 1 },
      postings: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['account', 'amount'],
          properties: { account: { type: 'string', minLength: 1 }, amount: { $ref: '#/$defs/money' } },
        },
      },
      contentHash: { type: 'string' },
    },
  },
  $defs: { money: { type: 'string', pattern: '^-?(0|[1-9][0-9]{0,12})(\\.[0-9]{1,2})?$' } },
};
const validateLedger = createAjv().compile<LedgerEntry[]>(ledgerSchema);

function loadLedger(file: string | undefined): InMemoryLedger {
  if (!file) return new InMemoryLedger([]);
  const input = readJson(file, 'Ledger');
  if (!validateLedger(input))
    throw new InputError(`Ledger ${file} is not valid`, ajvIssues(validateLedger.errors, input));
  return new InMemoryLedger(input);
}

/** A canonical JSON document, or OIOUBL/Peppol XML read with the ruleset's intake settings. */
function loadDocument(file: string, ruleset: Ruleset): CanonicalDocument {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new InputError(
      `Cannot read Document ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  const head = bytes
    .subarray(0, 200)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (head.startsWith('<')) {
    try {
      return parseDocumentXml(bytes, ruleset.intake ? { intake: ruleset.intake } : {});
    } catch (e) {
      if (e instanceof IntakeError)
        throw new InputError(`Document ${file} cannot be read (${e.status})`, e.errors);
      throw e;
    }
  }
  const input = readJson(file, 'Document');
  const result = validateDocument(input);
  if (!result.ok) throw new InputError(`Document ${file} is not valid`, result.errors);
  return result.document;
}

function printIssues(io: Io, issues: Issue[], lang: Lang, sink: (t: string) => void = io.err): void {
  for (const i of issues) {
    const label =
      i.severity === 'error' ? (lang === 'da' ? 'FEJL' : 'ERROR') : lang === 'da' ? 'ADVARSEL' : 'WARNING';
    sink(`${label} ${i.pointer || '/'}: ${i.messages[lang]}`);
  }
}

const money = (s: string, lang: Lang): string => {
  const ore = parseMoney(s);
  return ore === null ? s : formatMoneyHuman(ore, lang);
};

export function renderExplanation(d: EngineDecision, lang: Lang): string {
  const t = (da: string, en: string): string => (lang === 'da' ? da : en);
  const outcome = {
    approved: t('GODKENDT', 'APPROVED'),
    manual: t('MANUEL BEHANDLING', 'MANUAL'),
    rejected: t('AFVIST', 'REJECTED'),
  }[d.outcome];
  const lines = [`${t('Udfald', 'Outcome')}: ${outcome}`, d.explanation[lang]];
  if (d.reasons.length) {
    lines.push('', `${t('Årsager', 'Reasons')}:`);
    for (const r of d.reasons)
      lines.push(`  ${r.code} — ${r.text}${r.rule ? ` (${t('regel', 'rule')} ${r.rule})` : ''}`);
  }
  if (d.comment) lines.push(`${t('Kommentar', 'Comment')}: ${d.comment}`);
  if (d.actions.length)
    lines.push(
      '',
      `${t('Foreslåede handlinger', 'Suggested actions')}: ${actionDetails(d.actions)
        .map((a) => `${a.text[lang]} (${a.code})`)
        .join(', ')}`,
    );
  if (d.paymentGroups.length) {
    lines.push('', `${t('Betalingsgrupper', 'Payment groups')}:`);
    for (const g of d.paymentGroups) {
      const lineIds = g.lines.length ? ` (${t('linjer', 'lines')} ${g.lines.join(', ')})` : '';
      lines.push(
        `  ${g.caseType ?? '—'} → ${g.account ?? t('ingen konto', 'no account')}: ${money(g.amount, lang)}${lineIds}`,
      );
    }
  }
  if (d.postings.length) {
    lines.push('', `${t('Konteringer', 'Postings')}:`);
    for (const p of d.postings) lines.push(`  ${p.account}: ${money(p.amount, lang)}`);
  }
  const firedRules = d.trace.filter((r) => r.fired);
  lines.push(
    '',
    `${t('Udløste regler', 'Rules fired')}: ${firedRules.length === 0 ? t('ingen', 'none') : ''}`,
  );
  for (const r of firedRules) {
    lines.push(
      `  ${r.rule} [${t('prioritet', 'priority')} ${r.priority}] → ${r.event?.type} ${r.event?.reason}`,
    );
    for (const c of r.conditions) {
      const mark = c.result === null ? '·' : c.result ? '✓' : '✗';
      const value =
        'valueResult' in c
          ? `${JSON.stringify(c.value)} = ${JSON.stringify(c.valueResult)}`
          : JSON.stringify(c.value);
      lines.push(
        `    ${mark} ${c.fact}${c.path ? ' ' + c.path : ''} ${c.operator} ${value}   (${t('faktisk', 'actual')}: ${JSON.stringify(c.factValue)})`,
      );
    }
  }
  return lines.join('\n');
}

export async function runCli(argv: string[], io: Io, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const program = new Command();
  let exitCode = 0;
  const langOption = new Option('--lang <lang>', 'language of messages').choices(['da', 'en']).default('da');
  program
    .name('regelvaerk')
    .description('Regelværk: validate rulesets, evaluate documents, diff versions, migrate the database')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });

  program
    .command('validate')
    .description('validate a ruleset (schema, cross-references, lint warnings)')
    .argument('<ruleset>', 'ruleset JSON file')
    .option('--template <file>', 'the template version it is based on (locked rules must be kept)')
    .option('--json', 'print {valid, errors, warnings} as JSON')
    .addOption(langOption)
    .action((file: string, opts: { template?: string; json?: boolean; lang: Lang }) => {
      const input = readJson(file, 'Ruleset');
      const result = validateRulesetDocument(
        input,
        opts.template ? { template: loadRuleset(opts.template) } : {},
      );
      if (opts.json) io.out(JSON.stringify(result, null, 2));
      else {
        printIssues(io, [...result.errors, ...result.warnings], opts.lang, io.out);
        const summary =
          opts.lang === 'da'
            ? `${file}: ${result.valid ? 'gyldigt' : 'ugyldigt'} (${result.errors.length} fejl, ${result.warnings.length} advarsler)`
            : `${file}: ${result.valid ? 'valid' : 'invalid'} (${result.errors.length} errors, ${result.warnings.length} warnings)`;
        io.out(summary);
      }
      exitCode = result.valid ? 0 : 1;
    });

  program
    .command('evaluate')
    .description('decide one document under a ruleset and print the decision')
    .requiredOption('--ruleset <file>', 'ruleset JSON file')
    .requiredOption(
      '--document <file>',
      'canonical document JSON, or OIOUBL 2.1 / OIOUBL 3 / Peppol BIS 3 XML',
    )
    .option(
      '--ledger <file>',
      'JSON list of documents already decided (for credit notes, reminders, duplicates)',
    )
    .option('--explain', 'print the decision as plain text instead of JSON')
    .addOption(langOption)
    .action(
      async (opts: { ruleset: string; document: string; ledger?: string; explain?: boolean; lang: Lang }) => {
        const ruleset = loadRuleset(opts.ruleset);
        const doc = loadDocument(opts.document, ruleset);
        const ledger = loadLedger(opts.ledger);
        const decision = decide(compileRuleset(ruleset), doc, await ledger.snapshot(doc));
        if (opts.explain) io.out(renderExplanation(decision, opts.lang));
        else {
          const { facts, trace, ...rest } = decision;
          io.out(
            JSON.stringify(
              {
                documentKey: documentKey(doc),
                ...rest,
                ruleset: { name: ruleset.name, hash: rulesetHash(ruleset) },
                facts,
                trace,
              },
              null,
              2,
            ),
          );
        }
      },
    );

  program
    .command('diff')
    .description('structural differences between two rulesets (or any two JSON files)')
    .argument('<a>', 'older JSON file')
    .argument('<b>', 'newer JSON file')
    .action((a: string, b: string) => {
      io.out(JSON.stringify(structuralDiff(readJson(a, 'File'), readJson(b, 'File')), null, 2));
    });

  program
    .command('migrate')
    .description(
      'apply the database migrations that are missing (DATABASE_URL, else the embedded database in DATA_DIR)',
    )
    .action(async () => {
      exitCode = await migrateCommand(io, env);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (
        e.code === 'commander.helpDisplayed' ||
        e.code === 'commander.version' ||
        e.code === 'commander.help'
      )
        return 0;
      return 2;
    }
    if (e instanceof InputError) {
      io.err(e.message);
      printIssues(
        io,
        e.issues,
        (program.commands.find((c) => c.name() === argv[0])?.opts().lang as Lang | undefined) ?? 'da',
      );
      return 1;
    }
    throw e;
  }
}
