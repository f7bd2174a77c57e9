/**
 * Group commit of stored evaluations (issue 12). Concurrent evaluations are written together:
 * what arrives while the previous batch commits (or in the same turn of the event loop) becomes
 * the next batch — one transaction, multi-row statements — and each request is answered only
 * after the transaction holding its decision has committed.
 *
 * Inside a batch, documents are decided in the order they arrived. A document that depends on an
 * earlier one of the same batch — the same key, the invoice a credit note or reminder refers to,
 * another credit note of that invoice (what is credited), an invoice for the same CPR (an open
 * case) — goes into a later wave of the same transaction, whose statements see the earlier
 * waves' rows; so the ledger facts are exactly those of deciding them one after another. The
 * same document twice in a batch is decided once (the later ones get that decision, as a retry
 * would). The first statement claims every key of the batch (advisory locks, LOCK_LEDGER_KEYS)
 * so no other writer can take a key that is free now. Per wave: one statement looks the keys up
 * and reads their facts; keys already taken are locked in key order (and their facts re-read);
 * one statement inserts the decisions and the new keys' ledger rows — once, with their final
 * status — and sets the ledger rows of taken keys decided for the first time.
 *
 * Failure: when the database is unavailable (also when COMMIT fails) every request of the batch
 * gets that error (→ 503 with Retry-After) and nothing of the batch is stored. Any other error —
 * one bad document, a deadlock between servers — rolls the batch back and its documents are
 * written again one by one, so one bad row fails only its own request.
 *
 * Why hand-written: the batching is a few dozen lines around our own SQL; no library batches
 * transactions across HTTP requests for both pg and PGlite.
 */
import { randomUUID } from 'node:crypto';
import type { Database, RawTransaction } from '../../db/database.js';
import { isUnavailableError } from '../../db/database.js';
import { Batcher, type Waiting } from '../../db/batcher.js';
import type { CanonicalDocument } from '../../domain/document.js';
import type { LedgerSnapshot } from '../../engine/index.js';
import {
  factsOf,
  factsRow,
  LEDGER_FACTS,
  LOCK_LEDGER_KEYS,
  LOCK_LEDGER_ROWS,
  PEEK_LEDGER,
  type FactsColumns,
  type FactsQuery,
  type LedgerFacts,
} from '../documents/ledger-repository.js';
import {
  decisionValues,
  expandTraces,
  recordOf,
  type DecisionRecord,
  type DecisionRow,
} from './decision-repository.js';
import { TraceEncoder, type KnownSkeleton } from './trace-codec.js';

/** One stored evaluation waiting to be written. */
export interface PendingEvaluation {
  facts: FactsQuery;
  doc: CanonicalDocument;
  contentHash: string;
  now: Date;
  /** Decides with the ledger snapshot (may throw: that document alone fails). */
  decide(snapshot: LedgerSnapshot, ids: { id: string; documentId: string }): DecisionRecord;
}

export interface WriteResult {
  record: DecisionRecord;
  /** false: the same document was decided already (that decision is the answer). */
  created: boolean;
  /** The trace skeleton a new decision's trace fits (for traceJson()), when it has one. */
  skeleton?: KnownSkeleton;
}

type Queued = Waiting<PendingEvaluation, WriteResult>;

type PeekedRow = FactsColumns & { i: number; id: string | null };

export interface WriterOptions {
  /** Most documents per batch (≈ 10 gain most here). */
  maxBatch?: number;
  /** Batches written at the same time (each on its own connection). */
  maxInFlight?: number;
}

export class DecisionWriter extends Batcher<PendingEvaluation, WriteResult> {
  /** The batches being written now. */
  private readonly writing = new Set<Queued[]>();
  private readonly encoder = new TraceEncoder();
  /** Documents per committed batch, for the metrics and the benchmark. */
  readonly stats = { batches: 0, documents: 0 };

  constructor(
    private readonly database: Pick<Database, 'rawTransaction'>,
    options: WriterOptions = {},
  ) {
    super(options.maxBatch ?? 16, options.maxInFlight ?? 1);
  }

  write(item: PendingEvaluation): Promise<WriteResult> {
    return this.enqueue(item);
  }

  protected async process(batch: Queued[]): Promise<void> {
    this.writing.add(batch);
    try {
      await this.run(batch);
    } finally {
      this.writing.delete(batch);
    }
  }

  /**
   * The next batch from the queue, in arrival order. A document whose ledger facts may depend
   * on one in a batch still being written (on another connection: its rows are not visible
   * until it commits) waits for that commit, and so does every later document related to a
   * waiting one — so documents are decided as if one after another, in the order they came.
   */
  protected override nextBatch(): Queued[] {
    const writing = [...this.writing].flat();
    const batch: Queued[] = [];
    const waiting: Queued[] = [];
    for (const q of this.queue) {
      const wait =
        batch.length >= this.maxBatch ||
        writing.some((w) => dependsOn(q.item, w.item)) ||
        waiting.some((w) => dependsOn(q.item, w.item) || dependsOn(w.item, q.item));
      (wait ? waiting : batch).push(q);
    }
    this.queue.length = 0;
    this.queue.push(...waiting);
    return batch;
  }

  private async run(batch: Queued[]): Promise<void> {
    try {
      const results = await this.commit(batch.map((b) => b.item));
      batch.forEach((b, i) => b.resolve(results[i]!));
      return;
    } catch (e) {
      if (isUnavailableError(e) || batch.length === 1) {
        if (batch.length === 1 && isRetryable(e)) return this.runAlone(batch[0]!);
        for (const b of batch) b.reject(e);
        return;
      }
    }
    // Something in the batch failed: each on its own, so only the bad one fails.
    for (const b of batch) await this.runAlone(b);
  }

  private async runAlone(b: Queued): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        b.resolve((await this.commit([b.item]))[0]!);
        return;
      } catch (e) {
        if (attempt < 3 && isRetryable(e)) continue;
        b.reject(e);
        return;
      }
    }
  }

  private async commit(items: PendingEvaluation[]): Promise<WriteResult[]> {
    const newSkeletons = new Set<string>();
    const results = await this.database.rawTransaction((q) => this.batch(q, items, newSkeletons));
    for (const id of newSkeletons) this.encoder.stored.add(id);
    this.stats.batches++;
    this.stats.documents += items.length;
    return results;
  }

  private async batch(
    q: RawTransaction,
    items: PendingEvaluation[],
    newSkeletons: Set<string>,
  ): Promise<WriteResult[]> {
    const results: (WriteResult | undefined)[] = new Array(items.length);
    const aliases: [number, number][] = [];
    let pending = [...items.keys()];
    let firstWave: number[] | null = null;
    while (pending.length > 0) {
      const wave: number[] = [];
      firstWave ??= wave;
      const later: number[] = [];
      for (const j of pending) {
        const it = items[j]!;
        const earlier = [...wave, ...later];
        const same = earlier.find((i) => sameKey(items[i]!, it) && items[i]!.contentHash === it.contentHash);
        if (same !== undefined) aliases.push([j, same]);
        else if (earlier.some((i) => dependsOn(it, items[i]!))) later.push(j);
        else wave.push(j);
      }
      pending = later;
      await this.wave(q, items, wave, results, newSkeletons, {
        first: wave === firstWave,
        last: pending.length === 0,
      });
    }
    for (const [j, i] of aliases) results[j] = { record: results[i]!.record, created: false };
    return results as WriteResult[];
  }

  private async wave(
    q: RawTransaction,
    items: PendingEvaluation[],
    wave: number[],
    results: (WriteResult | undefined)[],
    newSkeletons: Set<string>,
    at: { first: boolean; last: boolean },
  ): Promise<void> {
    // The first wave claims every key of the batch (later waves' too) before looking them up.
    const claim = at.first
      ? {
          name: 'rv_ledger_keys_lock',
          text: LOCK_LEDGER_KEYS,
          values: [
            JSON.stringify(
              items.map(({ facts: { key: k } }) => ({
                m: k.municipality,
                sk: k.supplierKey,
                dt: k.documentType,
                num: k.number,
              })),
            ),
          ],
        }
      : undefined;
    const peekRows = JSON.stringify(
      wave.map((j) => ({
        ...factsRow(j, { ...items[j]!.facts, ownId: null }),
        num: items[j]!.facts.key.number,
      })),
    );
    const peeked = at.first
      ? await q.first<PeekedRow>('rv_ledger_peek', PEEK_LEDGER, [peekRows], claim)
      : await q.query<PeekedRow>('rv_ledger_peek', PEEK_LEDGER, [peekRows]);
    interface ToDecide {
      j: number;
      documentId: string;
      first: boolean;
      /** No ledger row yet: it is inserted with the decision. */
      insert: boolean;
      previous: LedgerSnapshot['previous'];
      facts: LedgerFacts;
    }
    const toDecide: ToDecide[] = [];
    const taken: number[] = [];
    for (const r of peeked) {
      if (r.id === null)
        toDecide.push({
          j: r.i,
          documentId: randomUUID(),
          first: true,
          insert: true,
          previous: null,
          facts: factsOf(r),
        });
      else taken.push(r.i);
    }
    if (taken.length > 0) {
      // The keys are taken: wait for their row locks (a concurrent send of the same key commits first).
      const locked = await q.query<{
        i: number;
        id: string;
        content_hash: string;
        first_decision_id: string | null;
        same_content_decision: string | null;
      }>('rv_ledger_lock', LOCK_LEDGER_ROWS, [
        JSON.stringify(
          taken.map((j) => {
            const k = items[j]!.facts.key;
            return {
              i: j,
              m: k.municipality,
              sk: k.supplierKey,
              dt: k.documentType,
              num: k.number,
              hash: items[j]!.contentHash,
            };
          }),
        ),
      ]);
      // Ledger rows are never deleted, so the row that made the insert conflict is there.
      if (locked.length !== taken.length)
        throw new Error('The ledger row of a conflicting key was not found.');
      const existing = locked.filter((l) => l.same_content_decision !== null);
      if (existing.length > 0) {
        const rows = await q.query<DecisionRow>(
          'rv_decisions_by_id',
          'select * from decisions where id = any($1::uuid[])',
          [existing.map((l) => l.same_content_decision)],
        );
        const records = await expandTraces(q, rows.map(recordOf));
        const byId = new Map(records.map((r) => [r.id, r]));
        for (const l of existing) {
          const record = byId.get(l.same_content_decision!);
          if (!record) throw new Error(`Decision ${l.same_content_decision} vanished.`);
          results[l.i] = { record, created: false };
        }
      }
      const undecided = locked.filter((l) => l.same_content_decision === null);
      if (undecided.length > 0) {
        const facts = await q.query<FactsColumns & { i: number }>('rv_ledger_facts', LEDGER_FACTS, [
          JSON.stringify(undecided.map((l) => factsRow(l.i, { ...items[l.i]!.facts, ownId: l.id }))),
        ]);
        const byIndex = new Map(undecided.map((l) => [l.i, l]));
        for (const f of facts) {
          const l = byIndex.get(f.i)!;
          const first = l.first_decision_id === null;
          toDecide.push({
            j: f.i,
            documentId: l.id,
            first,
            insert: false,
            previous: first ? null : { contentHash: l.content_hash, decisionId: l.first_decision_id! },
            facts: factsOf(f),
          });
        }
      }
    }
    if (toDecide.length === 0) return;
    toDecide.sort((a, b) => a.j - b.j);
    const decisions: ReturnType<typeof decisionValues>[] = [];
    const ledger: object[] = [];
    const skeletons: { id: string; skeleton: string }[] = [];
    for (const t of toDecide) {
      const it = items[t.j]!;
      const record = it.decide(
        { ...t.facts, previous: t.previous },
        { id: randomUUID(), documentId: t.documentId },
      );
      const encoded = this.encoder.encode(record.trace, `${record.rulesetHash}|${record.engineVersion}`);
      results[t.j] = encoded
        ? { record, created: true, skeleton: encoded.skeleton }
        : { record, created: true };
      if (
        encoded &&
        !this.encoder.stored.has(encoded.skeleton.id) &&
        !newSkeletons.has(encoded.skeleton.id)
      ) {
        newSkeletons.add(encoded.skeleton.id);
        skeletons.push({ id: encoded.skeleton.id, skeleton: encoded.skeleton.json });
      }
      decisions.push(decisionValues(record, encoded ? encoded.compact : record.trace));
      if (t.first) {
        const k = it.facts.key;
        ledger.push({
          fresh: t.insert,
          id: t.documentId,
          municipality_id: k.municipality,
          supplier_key: k.supplierKey,
          document_type: k.documentType,
          number: k.number,
          created_at: it.now.toISOString(),
          decision_id: record.id,
          status: record.outcome,
          stage: record.outcome === 'manual' ? 'review' : null,
          case_kinds: record.facts.caseTypeKinds,
          case_types: record.facts.caseTypes,
          postings: record.postings,
          supplier_id: it.doc.supplier.id,
          issue_date: it.doc.issueDate,
          payable: it.doc.totals.payable,
          content_hash: it.contentHash,
          cpr_hashes: it.facts.cprHashes,
          billing_reference: it.facts.billingReference,
          updated_at: it.now.toISOString(),
        });
      }
    }
    if (skeletons.length > 0) {
      await q.query('rv_trace_skeleton_insert', INSERT_SKELETONS, [JSON.stringify(skeletons)]);
    }
    // the last wave's statement carries the COMMIT (one round trip on PostgreSQL)
    await (at.last ? q.last : q.query)('rv_decisions_insert', INSERT_DECISIONS, [
      '[' + decisions.map(decisionJson).join(',') + ']',
      JSON.stringify(ledger),
    ]);
  }
}

/** decisionValues() holds JSON columns as JSON text already: splice them in rather than re-encode. */
function decisionJson(v: ReturnType<typeof decisionValues>): string {
  return (
    `{"id":${JSON.stringify(v.id)},"municipality_id":${JSON.stringify(v.municipality_id)},` +
    `"document_id":${JSON.stringify(v.document_id)},"document_key":${v.document_key},"document":${v.document},` +
    `"content_hash":${JSON.stringify(v.content_hash)},"ledger_snapshot":${v.ledger_snapshot},` +
    `"ruleset_version":${v.ruleset_version},"ruleset_hash":${JSON.stringify(v.ruleset_hash)},` +
    `"engine_version":${JSON.stringify(v.engine_version)},"outcome":${JSON.stringify(v.outcome)},` +
    `"reasons":${v.reasons},"comment":${JSON.stringify(v.comment)},"actions":${v.actions},` +
    `"payment_groups":${v.payment_groups},"postings":${v.postings},"explanation":${v.explanation},` +
    `"facts":${v.facts},"trace":${v.trace},"payable":${JSON.stringify(v.payable)},"duplicate":${v.duplicate},` +
    `"received_at":${JSON.stringify(v.received_at.toISOString())},"created_at":${JSON.stringify(v.created_at.toISOString())},` +
    `"timing_ms":${v.timing_ms},"cause":${v.cause ?? 'null'}}`
  );
}

const INSERT_SKELETONS = `
  insert into trace_skeletons (id, skeleton)
  select s.id, s.skeleton::jsonb from jsonb_to_recordset($1::jsonb) as s(id text, skeleton text)
  on conflict (id) do nothing`;

const INSERT_DECISIONS = `
  with ledger as (
    select * from jsonb_to_recordset($2::jsonb) as u(fresh boolean, id uuid, municipality_id text,
      supplier_key text, document_type text, number text, decision_id uuid, status text, stage text,
      case_kinds jsonb, case_types jsonb, postings jsonb, supplier_id text, issue_date date,
      payable numeric, content_hash text, cpr_hashes jsonb, billing_reference text,
      created_at timestamptz, updated_at timestamptz)),
  x as (
    insert into decisions (id, municipality_id, document_id, document_key, document, content_hash,
      ledger_snapshot, ruleset_version, ruleset_hash, engine_version, outcome, reasons, comment, actions,
      payment_groups, postings, explanation, facts, trace, payable, duplicate, received_at, created_at,
      timing_ms, cause)
    select r.id, r.municipality_id, r.document_id, r.document_key, r.document, r.content_hash,
      r.ledger_snapshot, r.ruleset_version, r.ruleset_hash, r.engine_version, r.outcome, r.reasons,
      r.comment, r.actions, r.payment_groups, r.postings, r.explanation, r.facts, r.trace, r.payable,
      r.duplicate, r.received_at, r.created_at, r.timing_ms, r.cause
    from jsonb_to_recordset($1::jsonb) as r(id uuid, municipality_id text, document_id uuid,
      document_key jsonb, document jsonb, content_hash text, ledger_snapshot jsonb, ruleset_version int,
      ruleset_hash text, engine_version text, outcome text, reasons jsonb, comment text, actions jsonb,
      payment_groups jsonb, postings jsonb, explanation jsonb, facts jsonb, trace jsonb, payable numeric,
      duplicate boolean, received_at timestamptz, created_at timestamptz, timing_ms double precision,
      cause jsonb)
    returning 1),
  n as (
    insert into documents (id, municipality_id, supplier_key, supplier_id, document_type, number,
      issue_date, payable, status, stage, cpr_hashes, case_kinds, case_types, postings, content_hash,
      first_decision_id, latest_decision_id, billing_reference, created_at, updated_at)
    select u.id, u.municipality_id, u.supplier_key, u.supplier_id, u.document_type, u.number,
      u.issue_date, u.payable, u.status, u.stage, u.cpr_hashes, u.case_kinds, u.case_types, u.postings,
      u.content_hash, u.decision_id, u.decision_id, u.billing_reference, u.created_at, u.updated_at
    from ledger u where u.fresh
    returning 1),
  u as (
    update documents d set status = u.status, stage = u.stage, case_kinds = u.case_kinds,
      case_types = u.case_types, postings = u.postings, supplier_id = u.supplier_id,
      issue_date = u.issue_date, payable = u.payable, content_hash = u.content_hash,
      cpr_hashes = u.cpr_hashes, billing_reference = u.billing_reference,
      first_decision_id = u.decision_id, latest_decision_id = u.decision_id, updated_at = u.updated_at
    from ledger u
    where d.id = u.id and not u.fresh
    returning 1)
  select (select count(*) from x) as decisions, (select count(*) from n) + (select count(*) from u) as ledger`;

function sameKey(a: PendingEvaluation, b: PendingEvaluation): boolean {
  const x = a.facts.key;
  const y = b.facts.key;
  return (
    x.municipality === y.municipality &&
    x.supplierKey === y.supplierKey &&
    x.documentType === y.documentType &&
    x.number === y.number
  );
}

/** Whether `later`'s ledger facts can depend on `earlier` (decided before it in the same batch). */
function dependsOn(later: PendingEvaluation, earlier: PendingEvaluation): boolean {
  if (sameKey(later, earlier)) return true;
  const a = later.facts;
  const b = earlier.facts;
  if (a.key.municipality !== b.key.municipality) return false;
  if (a.key.documentType !== 'invoice' && a.billingReference !== null) {
    // its invoice, or another credit note of that invoice
    if (a.key.supplierKey !== b.key.supplierKey) return false;
    if (b.key.documentType === 'invoice') return b.key.number === a.billingReference;
    return b.key.documentType === 'creditNote' && b.billingReference === a.billingReference;
  }
  if (a.key.documentType === 'invoice' && b.key.documentType === 'invoice') {
    return a.cprHashes.some((h) => b.cprHashes.includes(h)); // an open case
  }
  return false;
}

/**
 * A deadlock or serialization failure between concurrent writers, or a key taken after it was
 * looked up by a writer that does not claim keys (a split's parts): worth another try, which
 * finds the key taken.
 */
function isRetryable(e: unknown): boolean {
  const code = (e as { code?: string } | null)?.code;
  return code === '40P01' || code === '40001' || code === '23505';
}
