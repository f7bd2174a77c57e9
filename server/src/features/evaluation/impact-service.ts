/**
 * Impact preview (PRODUCT.md §4, §8): replay every decision of a period against a version or the
 * draft, and summarise what would change.
 *
 * A job runs in-process, in the background of the server that accepted it: there is no external
 * queue that works on the embedded PGlite as well as on PostgreSQL, and one job is CPU work on
 * data the server reads anyway. It streams the period's decisions in keyset-paginated batches
 * over (received_at, id) — the index decisions_received — fetching the next batch while the
 * current one is decided, so memory stays one batch deep however long the period. Each decision
 * is decided again from its STORED document and ledger snapshot — facts and rules; only the
 * outcome and reason codes are compared ({@link replayOutcome}). Progress is written to impact_jobs after every batch; a failure marks
 * the job failed with its error.
 *
 * The period is by receivedAt, [from, to); only decisions stored before the job started are
 * replayed, so `total` is known up front and does not grow under the job.
 *
 * Limitation: a job lives in the process that runs it. If that process stops, the job stays
 * 'running' in impact_jobs (it is not resumed); start a new one.
 */
import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { redactCprInText } from '../../domain/cpr.js';
import { documentKey, type CanonicalDocument, type DocumentKey } from '../../domain/document.js';
import { issue } from '../../domain/issues.js';
import { isCalendarDate } from '../documents/list-filters.js';
import { parseMoney } from '../../domain/money.js';
import {
  computeFacts,
  outcomeOf,
  runRules,
  type CompiledRuleset,
  type LedgerSnapshot,
} from '../../engine/index.js';
import { BadRequestError, NotFoundError } from '../../http/errors.js';
import {
  countDecisionsInPeriod,
  impactPage,
  type ImpactCursor,
  type ImpactRow,
} from './decision-repository.js';
import type { RulesetRef } from './decision-view.js';
import { findImpactJob, insertImpactJob, updateImpactJob, type ImpactJobRow } from './impact-repository.js';
import { UUID } from './replay-service.js';
import type { DecidingRuleset, RulesetTargets } from './ruleset-targets.js';

export interface ImpactRequest {
  from: string;
  to: string;
  against: { version: number } | { draft: true };
}

export const CHANGED_DOCUMENTS_LIMIT = 500;
export const DEFAULT_BATCH_SIZE = 2000;

type Outcome = 'approved' | 'manual' | 'rejected';

export interface ChangedDocument {
  decisionId: string;
  documentId: string;
  documentKey: DocumentKey;
  payable: string;
  before: { outcome: Outcome; reasons: string[] };
  after: { outcome: Outcome; reasons: string[] };
}

export interface ImpactSummary {
  ruleset: RulesetRef;
  from: string;
  to: string;
  /** Decisions replayed. */
  decisions: number;
  /** Decisions whose outcome or reason codes would change. */
  changed: number;
  /** Decisions per outcome transition, "before→after" (unchanged outcomes included, e.g. "approved→approved"). */
  transitions: Record<string, number>;
  /** DKK payable per transition, exact decimal strings. */
  amounts: Record<string, string>;
  /** Per reason code: the changed documents where it appears or disappears. */
  reasons: Record<string, number>;
  reasonsAdded: Record<string, number>;
  reasonsRemoved: Record<string, number>;
  /** The first {@link CHANGED_DOCUMENTS_LIMIT} changed documents, in receivedAt order. */
  changedDocuments: ChangedDocument[];
  changedDocumentsTotal: number;
}

/** Money summed exactly: øre in a bigint. */
function formatOre(ore: bigint): string {
  const negative = ore < 0n;
  const abs = negative ? -ore : ore;
  return `${negative ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

const bump = (rec: Record<string, number>, key: string): void => {
  rec[key] = (rec[key] ?? 0) + 1;
};

/** Accumulates the summary, one replayed decision at a time. */
export class ImpactAccumulator {
  private decisions = 0;
  private changed = 0;
  private readonly transitions: Record<string, number> = {};
  private readonly amounts = new Map<string, bigint>();
  private readonly reasons: Record<string, number> = {};
  private readonly added: Record<string, number> = {};
  private readonly removed: Record<string, number> = {};
  private readonly changedDocuments: ChangedDocument[] = [];

  constructor(
    private readonly ruleset: RulesetRef,
    private readonly period: { from: string; to: string },
  ) {}

  add(row: ImpactRow, after: { outcome: Outcome; reasons: string[] }): void {
    this.decisions++;
    const transition = `${row.outcome}→${after.outcome}`;
    bump(this.transitions, transition);
    const ore = BigInt(parseMoney(row.payable) ?? 0);
    this.amounts.set(transition, (this.amounts.get(transition) ?? 0n) + ore);
    const before = row.reason_codes;
    const sameReasons =
      before.length === after.reasons.length && before.every((c, i) => c === after.reasons[i]);
    if (row.outcome === after.outcome && sameReasons) return;
    this.changed++;
    const beforeSet = new Set(before);
    const afterSet = new Set(after.reasons);
    for (const code of afterSet) {
      if (!beforeSet.has(code)) {
        bump(this.added, code);
        bump(this.reasons, code);
      }
    }
    for (const code of beforeSet) {
      if (!afterSet.has(code)) {
        bump(this.removed, code);
        bump(this.reasons, code);
      }
    }
    if (this.changedDocuments.length < CHANGED_DOCUMENTS_LIMIT) {
      this.changedDocuments.push({
        decisionId: row.id,
        documentId: row.document_id,
        documentKey: documentKey(row.document),
        payable: row.payable,
        before: { outcome: row.outcome, reasons: before },
        after,
      });
    }
  }

  summary(): ImpactSummary {
    return {
      ruleset: this.ruleset,
      from: this.period.from,
      to: this.period.to,
      decisions: this.decisions,
      changed: this.changed,
      transitions: this.transitions,
      amounts: Object.fromEntries([...this.amounts].map(([k, v]) => [k, formatOre(v)])),
      reasons: this.reasons,
      reasonsAdded: this.added,
      reasonsRemoved: this.removed,
      changedDocuments: this.changedDocuments,
      changedDocumentsTotal: this.changed,
    };
  }
}

export interface ImpactJobView {
  id: string;
  status: ImpactJobRow['status'];
  progress: number;
  processed: number;
  total: number | null;
  summary: ImpactSummary | null;
  error?: string;
  params: object;
  createdBy: string;
  createdAt: string;
  finishedAt: string | null;
}

function jobView(r: ImpactJobRow): ImpactJobView {
  const view: ImpactJobView = {
    id: r.id,
    status: r.status,
    progress: r.progress,
    processed: r.processed,
    total: r.total,
    summary: (r.summary as ImpactSummary | null) ?? null,
    params: r.params,
    createdBy: r.created_by,
    createdAt: r.created_at.toISOString(),
    finishedAt: r.finished_at ? r.finished_at.toISOString() : null,
  };
  if (r.error !== null) view.error = r.error;
  return view;
}

/** A date (a whole day, UTC) or a timestamp; `end` turns a date into the start of the next day. */
function periodBound(value: string, field: 'from' | 'to'): Date {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const d = new Date(dateOnly ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(d.getTime()) || !isCalendarDate(value.slice(0, 10))) {
    throw new BadRequestError(`${field} is not a valid date or timestamp.`, [
      issue(`/${field}`, 'impact.period', 'Ikke en gyldig dato eller tid.', 'Not a valid date or timestamp.'),
    ]);
  }
  if (dateOnly && field === 'to') d.setUTCDate(d.getUTCDate() + 1);
  return d;
}

interface RunningJob {
  aborted: boolean;
  done: Promise<void>;
}

export class ImpactService {
  private readonly running = new Map<string, RunningJob>();

  constructor(
    private readonly ctx: { db: Kysely<DB>; log: FastifyBaseLogger; now(): Date },
    private readonly targets: RulesetTargets,
    private readonly batchSize = DEFAULT_BATCH_SIZE,
  ) {}

  /** Validates the request and the target ruleset, records the job (queued) and starts it. */
  async start(m: string, req: ImpactRequest, actor: string): Promise<{ job: string; status: 'queued' }> {
    const from = periodBound(req.from, 'from');
    const to = periodBound(req.to, 'to');
    if (to.getTime() <= from.getTime()) {
      throw new BadRequestError('The period is empty: "to" must be after "from".', [
        issue('/to', 'impact.period', '"to" skal ligge efter "from".', '"to" must be after "from".'),
      ]);
    }
    const deciding = await this.targets.resolve(
      m,
      'draft' in req.against ? { kind: 'draft' } : { kind: 'version', version: req.against.version },
    );
    const id = randomUUID();
    const params = {
      from: from.toISOString(),
      to: to.toISOString(),
      against: req.against,
      ruleset: deciding.ref,
    };
    await insertImpactJob(this.ctx.db, {
      id,
      municipality: m,
      params,
      createdBy: actor,
      now: this.ctx.now(),
    });
    const job: RunningJob = { aborted: false, done: Promise.resolve() };
    this.running.set(id, job);
    // In the background: the request returns 202 now; the job reports through impact_jobs.
    job.done = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.run(id, m, from, to, deciding, job))
      .catch((e: unknown) => this.fail(id, e))
      .finally(() => this.running.delete(id));
    return { job: id, status: 'queued' };
  }

  async get(m: string, id: string): Promise<ImpactJobView> {
    const row = UUID.test(id) ? await findImpactJob(this.ctx.db, m, id) : undefined;
    if (!row) throw new NotFoundError(`Impact job ${id}`);
    return jobView(row);
  }

  /** Waits for a job to finish (tests, benchmarks). */
  async settled(id: string): Promise<void> {
    await this.running.get(id)?.done;
  }

  /** Stops every running job (server shutdown); they are marked failed. */
  async close(): Promise<void> {
    for (const job of this.running.values()) job.aborted = true;
    await Promise.all([...this.running.values()].map((j) => j.done));
  }

  private async run(
    id: string,
    m: string,
    from: Date,
    to: Date,
    deciding: DecidingRuleset,
    job: RunningJob,
  ): Promise<void> {
    const db = this.ctx.db;
    const createdUpTo = this.ctx.now();
    await updateImpactJob(db, id, { status: 'running' });
    const total = await countDecisionsInPeriod(db, m, from, to, createdUpTo);
    await updateImpactJob(db, id, { total });
    const acc = new ImpactAccumulator(deciding.ref, { from: from.toISOString(), to: to.toISOString() });
    const page = (after: ImpactCursor | null): Promise<ImpactRow[]> =>
      impactPage(db, { municipality: m, from, to, createdUpTo, after, limit: this.batchSize });
    let processed = 0;
    let next: Promise<ImpactRow[]> | null = page(null);
    while (next !== null) {
      const rows: ImpactRow[] = await next;
      next = null;
      if (rows.length === this.batchSize) {
        const last = rows[rows.length - 1]!;
        next = page({ receivedAt: last.cursor_at, id: last.id });
        next.catch(() => {}); // awaited next round; never an unhandled rejection if we stop first
      }
      await replayBatch(deciding.compiled, rows, acc);
      processed += rows.length;
      if (job.aborted) throw new Error('The server stopped before the job finished.');
      await updateImpactJob(db, id, {
        processed,
        progress: total > 0 ? Math.min(1, processed / total) : 1,
      });
    }
    await updateImpactJob(db, id, {
      status: 'done',
      progress: 1,
      processed,
      summary: acc.summary(),
      finishedAt: this.ctx.now(),
    });
  }

  private async fail(id: string, e: unknown): Promise<void> {
    const message = redactCprInText(e instanceof Error ? e.message : String(e));
    this.ctx.log.error({ job: id, error: message }, 'impact job failed');
    try {
      await updateImpactJob(this.ctx.db, id, {
        status: 'failed',
        error: message,
        finishedAt: this.ctx.now(),
      });
    } catch (err) {
      this.ctx.log.error({ job: id, error: String(err) }, 'could not mark the impact job failed');
    }
  }
}

/** Rows replayed between two turns of the event loop. */
const SLICE = 200;

/**
 * Replays a batch, giving the event loop a turn every {@link SLICE} rows (a few milliseconds): the
 * job shares the process with evaluate requests, whose latency must not wait for a whole batch,
 * and the next batch's rows are read off the socket meanwhile.
 */
async function replayBatch(
  compiled: CompiledRuleset,
  rows: readonly ImpactRow[],
  acc: ImpactAccumulator,
): Promise<void> {
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    acc.add(row, replayOutcome(compiled, row.document, row.ledger_snapshot));
    if (i % SLICE === SLICE - 1) await yieldToEventLoop();
  }
}

/**
 * The outcome and reason codes decide() gives — from the facts and the fired rules alone, without
 * building what an impact summary does not show (explanation, payment groups, postings, actions,
 * trace: two thirds of decide()'s cost). It follows decide.ts's rule exactly: any reject →
 * rejected (reject reasons); else any manual → manual (manual reasons); else approved when
 * automatic processing is on, otherwise manual with AUTOMATIK_FRA; reasons in fired order (highest
 * priority first), one per event type and code. The impact tests check it against decide() on
 * every stored decision and on the evaluator benchmark's verification corpus.
 */
export function replayOutcome(
  compiled: CompiledRuleset,
  doc: CanonicalDocument,
  ledger: LedgerSnapshot,
): { outcome: Outcome; reasons: string[] } {
  const facts = computeFacts(compiled.tables, doc, ledger);
  const { outcome, reasons } = outcomeOf(compiled, facts, runRules(compiled, facts));
  return { outcome, reasons: reasons.map((r) => r.code) };
}
