/**
 * The demo (DEMO=true, the default of `npm start`): a municipality to try everything on, seeded
 * idempotently at every start — what exists is left alone.
 *
 * - Municipality 851 "Aalborg Kommune (demo)" with its KP EAN.
 * - Users demo-admin, demo-admin2 (a second administrator, so the four-eyes approval of a
 *   publication can be tried), demo-caseworker and demo-auditor, with generated passwords that
 *   are printed once, when created. Existing users are never touched (nor their hashes printed).
 * - Its ruleset, rulesets/examples/aalborg-851.json, published as version 1 through the ruleset
 *   workflow itself: a draft forked from the template it names, saved, published by demo-admin
 *   and approved by demo-admin2 — so the audit log shows what a real publication looks like.
 * - A handful of sample documents evaluated through the evaluation service, so the console has
 *   decisions, a manual queue and a ledger to show.
 *
 * Why it is longer than most files: most of it is the sample and history documents — data
 * that reads best beside the seeding that uses it.
 */
import { readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import type { CanonicalDocument } from '../../domain/document.js';
import { formatMoney, money } from '../../domain/money.js';
import type { Ruleset } from '../../engine/index.js';
import { recordAudit } from '../audit/audit-repository.js';
import type { Principal } from '../auth/auth-service.js';
import { hashPassword, newPassword } from '../auth/credentials.js';
import { basedOnOf } from '../rulesets/ruleset-validation.js';
import type { RulesetContext } from '../rulesets/ruleset-service.js';
import { fromRoot } from '../../paths.js';
import { createRulesetServices, type Services } from '../../services.js';

export const DEMO_MUNICIPALITY = { id: '851', name: 'Aalborg Kommune (demo)', eans: ['5798000420434'] };

export const DEMO_USERS = [
  { username: 'demo-admin', role: 'admin', note: 'edits and publishes the ruleset' },
  { username: 'demo-admin2', role: 'admin', note: "approves demo-admin's publications (four eyes)" },
  { username: 'demo-caseworker', role: 'caseworker', note: 'the manual queue' },
  { username: 'demo-auditor', role: 'auditor', note: 'decision log, replay, audit log' },
] as const;

const RULESET_FILE = fromRoot('rulesets/examples/aalborg-851.json');

/** How long the demo's version 1 has been in force: a little longer than its history. */
const HISTORY_DAYS = 70;

export interface DemoResult {
  /** Lines for the person starting the server (passwords of users created now). */
  notices: string[];
  createdUsers: string[];
  publishedVersion: number | null;
  evaluated: number;
}

/** Seeds the demo through the app's services; safe to run at every start. */
export async function seedDemo(services: Services): Promise<DemoResult> {
  const { ctx } = services;
  const result: DemoResult = { notices: [], createdUsers: [], publishedVersion: null, evaluated: 0 };
  const m = DEMO_MUNICIPALITY.id;

  // 1. The municipality.
  await ctx.db.transaction().execute(async (trx) => {
    const created = await trx
      .insertInto('municipalities')
      .values({ id: m, name: DEMO_MUNICIPALITY.name, eans: JSON.stringify(DEMO_MUNICIPALITY.eans) })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (created) {
      await recordAudit(trx, {
        municipality: m,
        actor: 'system',
        action: 'create',
        entity: 'municipality',
        entityId: m,
        after: DEMO_MUNICIPALITY,
        comment: 'Demo (DEMO=true)',
      });
    }
  });

  // 2. The users: hashed in parallel (argon2id is deliberately slow), inserted one by one.
  const existing = new Set(
    (
      await ctx.db
        .selectFrom('users')
        .select('username')
        .where(
          'username',
          'in',
          DEMO_USERS.map((u) => u.username),
        )
        .execute()
    ).map((u) => u.username),
  );
  const missing = DEMO_USERS.filter((u) => !existing.has(u.username));
  const passwords = missing.map(() => newPassword());
  const hashes = await Promise.all(passwords.map((pw) => hashPassword(pw)));
  const lines: string[] = [];
  for (const [i, u] of missing.entries()) {
    const id = randomUUID();
    const inserted = await ctx.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('users')
        .values({ id, username: u.username, password_hash: hashes[i]!, role: u.role, municipality_id: m })
        .onConflict((oc) => oc.column('username').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (row) {
        await recordAudit(trx, {
          municipality: m,
          actor: 'system',
          action: 'create',
          entity: 'user',
          entityId: id,
          after: { username: u.username, role: u.role, disabled: false },
          comment: 'Demo (DEMO=true)',
        });
      }
      return row !== undefined;
    });
    if (inserted) {
      result.createdUsers.push(u.username);
      lines.push(`    ${u.username.padEnd(16)} ${passwords[i]}   ${u.role} — ${u.note}`);
    }
  }
  if (lines.length) {
    result.notices.push(
      `  Demo municipality ${m} "${DEMO_MUNICIPALITY.name}" — users (passwords shown this once):`,
      ...lines,
    );
  }
  const kept = DEMO_USERS.filter((u) => !result.createdUsers.includes(u.username)).map((u) => u.username);
  if (kept.length) {
    result.notices.push(
      `  Demo users ${kept.join(', ')} exist already; their passwords were printed when they were created.`,
      `    To reset one: as the platform administrator, PATCH /api/v1/municipalities/${m}/users/<id> {"password": "…"}` +
        ` (ids: GET /api/v1/municipalities/${m}/users) — or start on an empty DATA_DIR.`,
    );
  }

  // 3. The ruleset, version 1, through the publishing workflow.
  const users = await ctx.db
    .selectFrom('users')
    .select(['id', 'username', 'role', 'municipality_id'])
    .where('municipality_id', '=', m)
    .where('username', 'in', ['demo-admin', 'demo-admin2'])
    .execute();
  const principal = (username: string): Principal => {
    const u = users.find((x) => x.username === username);
    if (!u) throw new Error(`demo user ${username} is missing`);
    return { kind: 'user', id: u.id, name: u.username, role: u.role, municipality: u.municipality_id };
  };
  const hasVersion = await ctx.db
    .selectFrom('ruleset_versions')
    .select('version')
    .where('municipality_id', '=', m)
    .limit(1)
    .executeTakeFirst();
  if (!hasVersion) {
    // In force since HISTORY_DAYS ago, so the history below was decided by it.
    const since = new Date(ctx.now().getTime() - HISTORY_DAYS * 86_400_000);
    result.publishedVersion = await publishDemoRuleset(
      { ...ctx, now: () => since },
      principal('demo-admin'),
      principal('demo-admin2'),
    );
  }

  // 4. Sample documents, once (when the municipality's ledger is empty).
  const hasDocument = await ctx.db
    .selectFrom('documents')
    .select('id')
    .where('municipality_id', '=', m)
    .limit(1)
    .executeTakeFirst();
  if (!hasDocument) {
    const { evaluation } = services;
    // First the weeks before (so the dashboard has weeks to show), then the samples (the newest).
    const history = await seedHistory(services);
    if (history.warning) result.notices.push(history.warning);
    result.evaluated += history.evaluated;
    const outcomes: string[] = [];
    for (const sample of sampleDocuments(ctx.now())) {
      try {
        const r = await evaluation.evaluate(
          m,
          { body: sample.document, xml: false },
          {},
          { mayReadDocument: true },
        );
        result.evaluated++;
        outcomes.push(`${sample.label}: ${r.decision.outcome}`);
      } catch (e) {
        // A sample that no longer fits the rules must not stop the server; say so loudly.
        result.notices.push(
          `  WARNING: the demo sample "${sample.label}" could not be evaluated: ${e instanceof Error ? e.message : String(e)}`,
        );
      }
    }
    if (outcomes.length) result.notices.push(`  Demo documents evaluated: ${outcomes.join('; ')}.`);
    if (history.evaluated)
      result.notices.push(
        `  Demo history: ${history.evaluated} earlier documents over the last eight weeks.`,
      );
  }
  return result;
}

/** Publishes the example as of `ctx.now()` (the demo's past), through the ruleset workflow. */
async function publishDemoRuleset(
  ctx: RulesetContext,
  author: Principal,
  approver: Principal,
): Promise<number> {
  const { drafts, publishing } = createRulesetServices(ctx);
  const document = JSON.parse(await readFile(RULESET_FILE, 'utf8')) as Ruleset;
  const m = DEMO_MUNICIPALITY.id;
  const basedOn = basedOnOf(document);
  const comment = 'Demo: Aalborg Kommunes regelsæt (rulesets/examples/aalborg-851.json)';
  // Fork the template version the example names (so basedOn matches), then save the example over it.
  const draft = await drafts.create(author, m, {
    from: basedOn ? { template: basedOn.template, version: basedOn.version } : { template: 'kp-standard' },
    replace: true,
    comment,
  });
  const saved = await drafts.save(author, m, {
    revision: draft.revision,
    document: document as unknown as Record<string, unknown>,
    comment,
  });
  if (!saved.validation.valid) {
    const first = saved.validation.errors
      .slice(0, 3)
      .map((e) => `${e.pointer}: ${e.message}`)
      .join('; ');
    throw new Error(`The demo ruleset rulesets/examples/aalborg-851.json is not valid: ${first}`);
  }
  const published = await publishing.publish(author, m, { comment, revision: saved.revision });
  if (published.kind === 'version') return published.version.version;
  const approved = await publishing.approve(
    approver,
    m,
    published.request.id,
    'Demo: godkendt af den anden administrator (fire øjne)',
  );
  return approved.version.version;
}

interface Sample {
  label: string;
  document: CanonicalDocument;
}

/**
 * The sample documents, dated a few days before `now`: an approved dentist invoice, a
 * samleregning (two CPR numbers: rejected), glasses (an extended supplement: manual), a
 * physiotherapy line over its limit (manual), a credit note for the approved invoice, a
 * reminder for the pending physiotherapy invoice, and a dentist bill with dentures (two case
 * types: manual, in payment groups). CPR numbers are fictitious.
 */
export function sampleDocuments(now: Date): Sample[] {
  const day = (offset: number): string =>
    new Date(now.getTime() - offset * 86_400_000).toISOString().slice(0, 10);
  const year = now.getUTCFullYear();
  const ean = DEMO_MUNICIPALITY.eans[0]!;
  const dentist = { id: 'DK16356706', scheme: 'DK:CVR', name: 'Tandlæge Hansen' };
  const invoice = (
    id: string,
    supplier: CanonicalDocument['supplier'],
    cprNumbers: string[],
    lines: [serviceNumber: string, description: string, net: string, vat: string][],
    issueDate: string,
  ): CanonicalDocument => {
    const docLines = lines.map(([serviceNumber, description, net, vat], i) => ({
      id: String(i + 1),
      serviceNumber,
      description,
      quantity: '1',
      netAmount: net,
      vatPercent: vat === '0.00' ? '0' : '25',
      vatAmount: vat,
    }));
    const net = docLines.reduce((s, l) => s + money(l.netAmount), 0);
    const vat = docLines.reduce((s, l) => s + money(l.vatAmount), 0);
    return {
      documentType: 'invoice',
      id,
      issueDate,
      currency: 'DKK',
      supplier,
      buyer: { ean },
      cprNumbers,
      lines: docLines,
      totals: { net: formatMoney(net), vat: formatMoney(vat), payable: formatMoney(net + vat) },
    };
  };
  const approved = invoice(
    `F-${year}-1001`,
    dentist,
    ['0101501234'],
    [
      ['1001', 'Undersøgelse og tandrensning', '450.00', '0.00'],
      ['1002', 'Fyldning', '780.50', '0.00'],
    ],
    day(6),
  );
  const physio = invoice(
    `FYS-${year}-0042`,
    { id: 'DK40506070', scheme: 'DK:CVR', name: 'Fysioterapeuterne Nørresundby' },
    ['1203451234'],
    [['3001', 'Fysioterapi, behandlingsforløb', '1450.00', '0.00']],
    day(5),
  );
  return [
    { label: 'dentist invoice', document: approved },
    {
      label: 'samleregning',
      document: invoice(
        `F-${year}-1002`,
        dentist,
        ['0101501234', '0202601234'],
        [
          ['1001', 'Tandrensning (to patienter)', '450.00', '0.00'],
          ['1001', 'Tandrensning', '450.00', '0.00'],
        ],
        day(6),
      ),
    },
    {
      label: 'glasses',
      document: invoice(
        `OPT-${year}-7781`,
        { id: 'DK29110022', scheme: 'DK:CVR', name: 'Synsam Aalborg' },
        ['1505421234'],
        [['5001', 'Briller, glas og stel', '1196.00', '299.00']],
        day(4),
      ),
    },
    { label: 'over the limit', document: physio },
    {
      label: 'credit note',
      document: {
        ...invoice(
          `K-${year}-0007`,
          dentist,
          ['0101501234'],
          [['1002', 'Fyldning (krediteret)', '200.00', '0.00']],
          day(3),
        ),
        documentType: 'creditNote',
        billingReference: { id: approved.id, issueDate: approved.issueDate },
      },
    },
    {
      label: 'reminder',
      document: {
        ...physio,
        documentType: 'reminder',
        id: `RYK-${year}-0042`,
        issueDate: day(1),
        billingReference: { id: physio.id, issueDate: physio.issueDate },
        reminder: { fee: '150.00', sequence: 1 },
        totals: { ...physio.totals, payable: '1600.00' },
      },
    },
    {
      // The KP guide's "faktura med tilknytning til flere sager": a dentist bill with both an
      // ordinary supplement and the extended one for dentures — lines in two payment groups.
      label: 'dentist and dentures',
      document: invoice(
        `F-${year}-1003`,
        dentist,
        ['2208391234'],
        [
          ['1001', 'Undersøgelse og tandrensning', '450.00', '0.00'],
          ['5101', 'Delprotese, overkæbe', '6800.00', '0.00'],
          ['1004', 'Aftryk til protese', '620.00', '0.00'],
        ],
        day(2),
      ),
    },
  ];
}

/**
 * The demo's history, so Oversigt has weeks to show: eight weeks of ordinary documents before the
 * samples — mostly approved automatically, some rejected (no CPR number), some manual (over the
 * limit, glasses) that demo-caseworker has since approved, so the manual queue is the samples'
 * alone. Received on weekdays 1–8 weeks ago (document ids HIST-…).
 */
export function historyDocuments(now: Date): CanonicalDocument[] {
  const ean = DEMO_MUNICIPALITY.eans[0]!;
  const suppliers = {
    dentist: { id: 'DK16356706', scheme: 'DK:CVR', name: 'Tandlæge Hansen' },
    chiropractor: { id: 'DK31415926', scheme: 'DK:CVR', name: 'Kiropraktisk Klinik Aalborg' },
    pharmacy: { id: 'DK27182818', scheme: 'DK:CVR', name: 'Budolfi Apotek' },
    physio: { id: 'DK40506070', scheme: 'DK:CVR', name: 'Fysioterapeuterne Nørresundby' },
    optician: { id: 'DK29110022', scheme: 'DK:CVR', name: 'Synsam Aalborg' },
  };
  type Kind = [
    supplier: keyof typeof suppliers,
    serviceNumber: string,
    text: string,
    net: string,
    vat: string,
  ];
  const approved: Kind[] = [
    ['dentist', '1001', 'Undersøgelse og tandrensning', '450.00', '0.00'],
    ['chiropractor', '3101', 'Kiropraktor, behandling', '620.00', '0.00'],
    ['pharmacy', '2001', 'Tilskudsberettiget medicin', '318.75', '0.00'],
    ['dentist', '1002', 'Fyldning', '780.50', '0.00'],
  ];
  const manual: Kind[] = [
    ['physio', '3001', 'Fysioterapi, behandlingsforløb', '1450.00', '0.00'],
    ['optician', '5001', 'Briller, glas og stel', '1196.00', '299.00'],
  ];
  const cprs = ['0101501234', '1203451234', '1505421234', '2208391234', '0311481234'];
  const docs: CanonicalDocument[] = [];
  let n = 0;
  const add = ([supplier, serviceNumber, description, net, vat]: Kind, week: number, withCpr = true) => {
    n += 1;
    const received = new Date(now.getTime() - (week * 7 + (n % 5)) * 86_400_000);
    received.setUTCHours(8 + (n % 8), 15, 0, 0);
    const payable = formatMoney(money(net) + money(vat));
    docs.push({
      documentType: 'invoice',
      id: `HIST-${received.getUTCFullYear()}-${String(n).padStart(4, '0')}`,
      issueDate: new Date(received.getTime() - 86_400_000).toISOString().slice(0, 10),
      receivedAt: received.toISOString(),
      currency: 'DKK',
      supplier: suppliers[supplier],
      buyer: { ean },
      cprNumbers: withCpr ? [cprs[n % cprs.length]!] : [],
      lines: [
        {
          id: '1',
          serviceNumber,
          description,
          quantity: '1',
          netAmount: net,
          vatPercent: vat === '0.00' ? '0' : '25',
          vatAmount: vat,
        },
      ],
      totals: { net, vat, payable },
    });
  };
  for (let week = 8; week >= 1; week--) {
    // The automation share grows over the weeks, as a municipality tunes its rules.
    const automatic = 3 + ((8 - week) >> 1);
    for (let i = 0; i < automatic; i++) add(approved[(week + i) % approved.length]!, week);
    for (let i = 0; i < 1 + (week % 2); i++) add(manual[(week + i) % manual.length]!, week);
    if (week % 3 === 0) add(approved[week % approved.length]!, week, false);
  }
  return docs;
}

async function seedHistory({
  ctx,
  evaluation,
  documents,
}: Services): Promise<{ evaluated: number; warning?: string }> {
  const m = DEMO_MUNICIPALITY.id;
  let evaluated = 0;
  try {
    for (const document of historyDocuments(ctx.now())) {
      const r = await evaluation.evaluate(m, { body: document, xml: false }, {}, { mayReadDocument: true });
      evaluated++;
      if (r.decision.outcome === 'manual' && r.decision.documentId) {
        await documents.recordOutcome(
          m,
          r.decision.documentId,
          { outcome: 'approved', comment: 'Demo: godkendt af sagsbehandleren' },
          'user:demo-caseworker',
        );
      }
    }
    return { evaluated };
  } catch (e) {
    return {
      evaluated,
      warning: `  WARNING: the demo history could not be seeded: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
}
