/**
 * Impact preview (PRODUCT.md §4, §8): replay every decision of a period against a version or the
 * draft, and summarise what would change.
 *
 * A job is a row of impact_jobs, claimed by one server at a time: the server that accepts it
 * claims it at once; every server also polls for queued jobs and for jobs whose server has shown
 * no sign of life (heartbeat_at, written with every batch and every few seconds) for
 * IMPACT_JOB_TIMEOUT_SECONDS, and takes those over — `FOR UPDATE SKIP LOCKED` on the same table,
 * so it works alike on PostgreSQL and the embedded PGlite (pg-boss would serve PostgreSQL only,
 * and bring a second schema and its own worker loop for one kind of short job). A job taken
 * over starts again from the beginning (a job is seconds of CPU work); after its third attempt
 * it is failed with a clear error instead, so no job stays `running` forever. A closing server
 * gives its jobs back (queued) for another server or its own restart. Progress is in the row,
 * so any server can answer GET …/impact/:job. The job streams the period's decisions in keyset-paginated batches
 * over (received_at, id) — the index decisions_received — fetching the next batch while the
 * current one is decided, so memory stays one batch deep however long the period. Each decision
 * is decided again from its STORED document and ledger snapshot — facts and rules; only the
 * outcome and reason codes are compared ({@link replayOutcome}). Progress is written to impact_jobs after every batch; a failure marks
 * the job failed with its error.
 *
 * The period is by receivedAt, [from, to); only decisions stored before the job started are
 * replayed, so `total` is known up front and does not grow under the job.
 *
 * Only decisions stored before the job was created are replayed (created_at of the job), so a
 * resumed job replays the same decisions. A job against the draft fails when the draft changed
 * before it could be resumed.
 */
import { isUuid } from '../../domain/uuid.js';
import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { redactCprInText } from '../../domain/cpr.js';
import { type CanonicalDocument } from '../../domain/document.js';
import { issue } from '../../domain/issues.js';
import { isCalendarDate } from '../../domain/dates.js';
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
import {
  claimImpactJob,
  failAbandonedImpactJobs,
  findImpactJob,
  insertImpactJob,
  releaseImpactJob,
  updateImpactJob,
  type ImpactJobRow,
} from './impact-repository.js';
import type { RulesetResolver } from '../rulesets/ruleset-resolver.js';
import { ImpactAccumulator, type ImpactSummary, type Outcome } from './impact-summary.js';

export {
  CHANGED_DOCUMENTS_LIMIT,
  ImpactAccumulator,
  type ChangedDocument,
  type ImpactSummary,
} from './impact-summary.js';

export interface ImpactRequest {
  from: string;
  to: string;
  against: { version: number } | { draft: true };
}

export const DEFAULT_BATCH_SIZE = 2000;

export interface ImpactJobView {
  id: string;
  status: ImpactJobRow['status'];
  progress: number;
  processed: number;
  total: number | null;
  summary: ImpactSummary | null;
  error?: string;
  /** How many times a server has started it (more than 1: taken over after a server stopped). */
  attempts: number;
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
    attempts: r.attempts,
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

interface JobParams {
  from: string;
  to: string;
  against: ImpactRequest['against'];
  ruleset: RulesetRef;
}

export interface ImpactServiceOptions {
  batchSize?: number;
  /** A job whose heartbeat is older is taken over (IMPACT_JOB_TIMEOUT_SECONDS). */
  timeoutSeconds?: number;
  /** How often this server looks for jobs to take over (default: a third of the timeout, ≤ 5 s). */
  pollMs?: number;
}

export class ImpactService {
  private readonly running = new Map<string, RunningJob>();
  /** This server, as impact_jobs.claimed_by. */
  private readonly server = randomUUID();
  private readonly batchSize: number;
  private readonly timeoutSeconds: number;
  private readonly poller: NodeJS.Timeout;
  private closed = false;
  private polling = false;

  constructor(
    private readonly ctx: { db: Kysely<DB>; log: FastifyBaseLogger; now(): Date },
    private readonly targets: RulesetResolver,
    options: ImpactServiceOptions = {},
  ) {
    this.batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    this.timeoutSeconds = options.timeoutSeconds ?? 60;
    const pollMs = options.pollMs ?? Math.min(5000, (this.timeoutSeconds * 1000) / 3);
    this.poller = setInterval(() => void this.poll(), pollMs);
    this.poller.unref();
  }

  /** Validates the request and the target ruleset, records the job (queued) and claims it. */
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
    const params: JobParams = {
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
    // In the background: the request returns 202 now; the job reports through impact_jobs.
    this.track(id, () =>
      new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.claimAndRun(id)),
    );
    return { job: id, status: 'queued' };
  }

  async get(m: string, id: string): Promise<ImpactJobView> {
    const row = isUuid(id) ? await findImpactJob(this.ctx.db, m, id) : undefined;
    if (!row) throw new NotFoundError(`Impact job ${id}`);
    return jobView(row);
  }

  /** Waits for a job this server runs to finish (tests, benchmarks). */
  async settled(id: string): Promise<void> {
    await this.running.get(id)?.done;
  }

  /** Looks for queued and abandoned jobs once (the poller does this every few seconds). */
  async poll(): Promise<void> {
    if (this.closed || this.polling) return;
    this.polling = true;
    try {
      const failed = await failAbandonedImpactJobs(this.ctx.db, this.timeoutSeconds);
      if (failed > 0) this.ctx.log.warn({ jobs: failed }, 'impact jobs failed: their server kept stopping');
      while (!this.closed && this.running.size < 2) {
        const claimed = await claimImpactJob(this.ctx.db, this.server, this.timeoutSeconds, null);
        if (!claimed) break;
        if (claimed.attempts > 1) this.ctx.log.warn({ job: claimed.id }, 'impact job taken over');
        this.track(claimed.id, () => this.runClaimed(claimed));
      }
    } catch (e) {
      this.ctx.log.warn({ error: String(e) }, 'could not look for impact jobs');
    } finally {
      this.polling = false;
    }
  }

  /** Stops polling and gives the running jobs back (queued), for another server or a restart. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.poller);
    for (const job of this.running.values()) job.aborted = true;
    await Promise.all([...this.running.values()].map((j) => j.done));
  }

  /** Runs `work` as this server's job `id` (registered before it starts). */
  private track(id: string, work: () => Promise<void>): void {
    const job: RunningJob = { aborted: this.closed, done: Promise.resolve() };
    this.running.set(id, job);
    job.done = work()
      .catch((e: unknown) => this.ctx.log.error({ job: id, error: String(e) }, 'impact job stopped'))
      .finally(() => {
        if (this.running.get(id) === job) this.running.delete(id);
      });
  }

  private async claimAndRun(id: string): Promise<void> {
    const claimed = await claimImpactJob(this.ctx.db, this.server, this.timeoutSeconds, id);
    if (claimed) await this.runClaimed(claimed); // else: another server already has it
  }

  private async runClaimed(row: ImpactJobRow): Promise<void> {
    const job = this.running.get(row.id)!;
    const heartbeat = setInterval(
      () => void updateImpactJob(this.ctx.db, row.id, this.server, {}).catch(() => {}),
      Math.max(500, (this.timeoutSeconds * 1000) / 4),
    );
    heartbeat.unref();
    try {
      await this.run(row, job);
    } catch (e) {
      if (job.aborted && e instanceof Aborted) {
        await releaseImpactJob(this.ctx.db, row.id, this.server).catch(() => {});
      } else if (!(e instanceof Aborted)) {
        await this.fail(row.id, e);
      }
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async run(row: ImpactJobRow, job: RunningJob): Promise<void> {
    const db = this.ctx.db;
    const id = row.id;
    const m = row.municipality_id;
    const params = row.params as JobParams;
    const from = new Date(params.from);
    const to = new Date(params.to);
    const deciding = await this.targets.resolve(
      m,
      'draft' in params.against ? { kind: 'draft' } : { kind: 'version', version: params.against.version },
    );
    if (deciding.ref.hash !== params.ruleset.hash) {
      throw new Error(
        'The draft changed after the job was started (it was resumed after its server stopped); start a new one.',
      );
    }
    const createdUpTo = row.created_at;
    const update = async (fields: Parameters<typeof updateImpactJob>[3]): Promise<void> => {
      if (!(await updateImpactJob(db, id, this.server, fields))) throw new Aborted();
    };
    const total = await countDecisionsInPeriod(db, m, from, to, createdUpTo);
    await update({ total });
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
      if (job.aborted) throw new Aborted();
      await update({ processed, progress: total > 0 ? Math.min(1, processed / total) : 1 });
    }
    await update({
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
      await updateImpactJob(this.ctx.db, id, this.server, {
        status: 'failed',
        error: message,
        finishedAt: this.ctx.now(),
      });
    } catch (err) {
      // e.g. the database is down: the heartbeat goes stale and the job is taken over later
      this.ctx.log.error({ job: id, error: String(err) }, 'could not mark the impact job failed');
    }
  }
}

/** The job stopped: this server is closing, or another server took the job over. */
class Aborted extends Error {}

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
