/**
 * Decisions in SQL: append-only (the database refuses UPDATE and DELETE). Plain functions
 * taking the database or a transaction first.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB, DecisionCause, DecisionsTable } from '../../db/schema.js';
import { documentKey, type CanonicalDocument, type DocumentKey } from '../../domain/document.js';
import type { DecisionReason, EngineDecision, PaymentGroup, TraceRule } from '../../engine/decide.js';
import type { Facts } from '../../engine/facts.js';
import type { LedgerSnapshot, Posting } from '../../engine/ledger.js';
import { rawSqlOn, type RawSql } from '../../db/database.js';
import { pageAndCount, type Page } from '../../db/list-query.js';
import { expandTrace, isCompactTrace, type Skeleton } from './trace-codec.js';

export type DecisionRow = Selectable<DecisionsTable>;

/** Everything a decision stores (PRODUCT.md §4), as the application holds it. */
export interface DecisionRecord {
  id: string;
  municipality: string;
  documentId: string;
  documentKey: DocumentKey;
  document: CanonicalDocument;
  contentHash: string;
  ledgerSnapshot: LedgerSnapshot;
  rulesetVersion: number;
  rulesetHash: string;
  engineVersion: string;
  outcome: 'approved' | 'manual' | 'rejected';
  reasons: DecisionReason[];
  comment: string | null;
  actions: string[];
  paymentGroups: PaymentGroup[];
  postings: Posting[];
  explanation: { da: string; en: string };
  facts: Facts;
  trace: TraceRule[];
  payable: string;
  duplicate: boolean;
  receivedAt: Date;
  createdAt: Date;
  timingMs: number;
  /** A re-decision's cause (the caseworker's outcome on the invoice it waited on); null otherwise. */
  cause: DecisionCause | null;
}

/** A new decision record from the engine's decision and where it was made. */
export function newDecisionRecord(
  engine: EngineDecision,
  x: {
    id: string;
    municipality: string;
    documentId: string;
    document: CanonicalDocument;
    contentHash: string;
    snapshot: LedgerSnapshot;
    ruleset: { version: number; hash: string };
    receivedAt: Date;
    createdAt: Date;
    timingMs: number;
    cause?: DecisionCause;
  },
): DecisionRecord {
  return {
    id: x.id,
    municipality: x.municipality,
    documentId: x.documentId,
    documentKey: documentKey(x.document),
    document: x.document,
    contentHash: x.contentHash,
    ledgerSnapshot: x.snapshot,
    rulesetVersion: x.ruleset.version,
    rulesetHash: x.ruleset.hash,
    engineVersion: engine.engineVersion,
    outcome: engine.outcome,
    reasons: engine.reasons,
    comment: engine.comment ?? null,
    actions: engine.actions,
    paymentGroups: engine.paymentGroups,
    postings: engine.postings,
    explanation: engine.explanation,
    facts: engine.facts,
    trace: engine.trace,
    payable: x.document.totals.payable,
    duplicate: x.snapshot.previous !== null,
    receivedAt: x.receivedAt,
    createdAt: x.createdAt,
    timingMs: x.timingMs,
    cause: x.cause ?? null,
  };
}

/** The decisions row of a record; `trace` as it is stored (compact or in full). */
export function decisionValues(d: DecisionRecord, trace: unknown = d.trace) {
  return {
    id: d.id,
    municipality_id: d.municipality,
    document_id: d.documentId,
    document_key: JSON.stringify(d.documentKey),
    document: JSON.stringify(d.document),
    content_hash: d.contentHash,
    ledger_snapshot: JSON.stringify(d.ledgerSnapshot),
    ruleset_version: d.rulesetVersion,
    ruleset_hash: d.rulesetHash,
    engine_version: d.engineVersion,
    outcome: d.outcome,
    reasons: JSON.stringify(d.reasons),
    comment: d.comment,
    actions: JSON.stringify(d.actions),
    payment_groups: JSON.stringify(d.paymentGroups),
    postings: JSON.stringify(d.postings),
    explanation: JSON.stringify(d.explanation),
    facts: JSON.stringify(d.facts),
    trace: JSON.stringify(trace),
    payable: d.payable,
    duplicate: d.duplicate,
    received_at: d.receivedAt,
    created_at: d.createdAt,
    timing_ms: d.timingMs,
    cause: d.cause === null ? null : JSON.stringify(d.cause),
  };
}

/** Inserts a decision (a re-decision; evaluation stores through the DecisionWriter). */
export async function insertDecision(db: Kysely<DB>, d: DecisionRecord): Promise<void> {
  await db.insertInto('decisions').values(decisionValues(d)).execute();
}

/** Skeletons are immutable and named by their content: one cache serves every database. */
const skeletons = new Map<string, Skeleton>();

async function skeletonsFor(raw: RawSql, ids: string[]): Promise<void> {
  const missing = [...new Set(ids)].filter((id) => !skeletons.has(id));
  if (missing.length === 0) return;
  const rows = await raw.query<{ id: string; skeleton: Skeleton }>(
    'rv_trace_skeletons',
    'select id, skeleton from trace_skeletons where id = any($1::text[])',
    [missing],
  );
  if (skeletons.size > 1000) skeletons.clear();
  for (const r of rows) skeletons.set(r.id, r.skeleton);
}

/** The full trace of each record whose trace is stored compactly (trace-codec.ts). */
export async function expandTraces(raw: RawSql, records: DecisionRecord[]): Promise<DecisionRecord[]> {
  const compact = records.filter((r) => isCompactTrace(r.trace));
  if (compact.length === 0) return records;
  await skeletonsFor(
    raw,
    compact.map((r) => (r.trace as unknown as { skeleton: string }).skeleton),
  );
  for (const r of compact) {
    const t = r.trace as unknown as { skeleton: string; values: [] };
    const skeleton = skeletons.get(t.skeleton);
    if (!skeleton) throw new Error(`The trace skeleton ${t.skeleton} of decision ${r.id} is missing.`);
    r.trace = expandTrace(skeleton, t);
  }
  return records;
}

export function recordOf(r: DecisionRow): DecisionRecord {
  return {
    id: r.id,
    municipality: r.municipality_id,
    documentId: r.document_id,
    documentKey: r.document_key,
    document: r.document,
    contentHash: r.content_hash,
    ledgerSnapshot: r.ledger_snapshot,
    rulesetVersion: r.ruleset_version,
    rulesetHash: r.ruleset_hash,
    engineVersion: r.engine_version,
    outcome: r.outcome,
    reasons: r.reasons,
    comment: r.comment,
    actions: r.actions,
    paymentGroups: r.payment_groups,
    postings: r.postings,
    explanation: r.explanation,
    facts: r.facts,
    trace: r.trace,
    payable: r.payable,
    duplicate: r.duplicate,
    receivedAt: r.received_at,
    createdAt: r.created_at,
    timingMs: r.timing_ms,
    cause: r.cause,
  };
}

export async function findDecision(
  db: Kysely<DB>,
  municipality: string,
  id: string,
): Promise<DecisionRecord | undefined> {
  const row = await db
    .selectFrom('decisions')
    .selectAll()
    .where('municipality_id', '=', municipality)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const [record] = await expandTraces(rawSqlOn(db), [recordOf(row)]);
  return record;
}

export const DECISION_SORTABLE = ['createdAt', 'receivedAt', 'outcome', 'payable'] as const;
export type DecisionSortField = (typeof DECISION_SORTABLE)[number];

const SORT_COLUMN: Record<DecisionSortField, 'created_at' | 'received_at' | 'outcome' | 'payable'> = {
  createdAt: 'created_at',
  receivedAt: 'received_at',
  outcome: 'outcome',
  payable: 'payable',
};

export interface DecisionListFilter {
  ids: string[] | null;
  outcomes: string[] | null;
  documentTypes: string[] | null;
  supplierKeys: string[] | null;
  reasons: string[] | null;
  documentIds: string[] | null;
  duplicate: boolean | null;
  /** The ruleset versions that made the decisions. */
  versions: number[] | null;
  /** receivedAt ≥ from */
  from: Date | null;
  /** receivedAt < to */
  to: Date | null;
}

/** A page of the decision log: no trace, facts or document — only the document's CPR numbers (to be masked) and its supplier's name. */
export async function listDecisions(
  db: Kysely<DB>,
  municipality: string,
  f: DecisionListFilter,
  page: Page<DecisionSortField>,
) {
  const lists = [f.ids, f.outcomes, f.documentTypes, f.supplierKeys, f.reasons, f.documentIds, f.versions];
  if (lists.some((l) => l !== null && l.length === 0)) return { rows: [], total: 0 };
  let base = db.selectFrom('decisions').where('municipality_id', '=', municipality);
  if (f.ids) base = base.where('id', 'in', f.ids);
  if (f.documentIds) base = base.where('document_id', 'in', f.documentIds);
  if (f.outcomes) base = base.where('outcome', 'in', f.outcomes as DecisionRow['outcome'][]);
  if (f.documentTypes) base = base.where(sql<string>`document_key->>'documentType'`, 'in', f.documentTypes);
  if (f.supplierKeys) {
    const keys = f.supplierKeys;
    base = base.where('document_id', 'in', (eb) =>
      eb
        .selectFrom('documents')
        .select('documents.id')
        .where('documents.municipality_id', '=', municipality)
        .where('documents.supplier_key', 'in', keys),
    );
  }
  if (f.reasons) {
    const any = f.reasons.map((code) => sql<boolean>`reasons @> ${JSON.stringify([{ code }])}::jsonb`);
    base = base.where(sql<boolean>`(${sql.join(any, sql` or `)})`);
  }
  if (f.duplicate !== null) base = base.where('duplicate', '=', f.duplicate);
  if (f.versions) base = base.where('ruleset_version', 'in', f.versions);
  if (f.from) base = base.where('received_at', '>=', f.from);
  if (f.to) base = base.where('received_at', '<', f.to);
  return pageAndCount(
    base,
    base
      .select([
        'id',
        'municipality_id',
        'document_id',
        'document_key',
        'outcome',
        'reasons',
        'comment',
        'actions',
        'payment_groups',
        'postings',
        'explanation',
        'ruleset_version',
        'ruleset_hash',
        'engine_version',
        'payable',
        'duplicate',
        'received_at',
        'created_at',
        sql<string[] | null>`document->'cprNumbers'`.as('cpr_numbers'),
        sql<string | null>`document->'supplier'->>'name'`.as('supplier_name'),
      ])
      .orderBy(SORT_COLUMN[page.sortField], page.sortOrder)
      .orderBy('id', page.sortOrder),
    page,
  );
}

export type DecisionListRow = Awaited<ReturnType<typeof listDecisions>>['rows'][number];

/** How many decisions an impact job will replay: received in [from, to), stored by `createdUpTo`. */
export async function countDecisionsInPeriod(
  db: Kysely<DB>,
  municipality: string,
  from: Date,
  to: Date,
  createdUpTo: Date,
): Promise<number> {
  const row = await db
    .selectFrom('decisions')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('municipality_id', '=', municipality)
    .where('received_at', '>=', from)
    .where('received_at', '<', to)
    .where('created_at', '<=', createdUpTo)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The cursor of a keyset page: received_at as PostgreSQL prints it (microseconds kept) and the id. */
export interface ImpactCursor {
  receivedAt: string;
  id: string;
}

export interface ImpactRow {
  id: string;
  document_id: string;
  document: CanonicalDocument;
  ledger_snapshot: LedgerSnapshot;
  outcome: DecisionRow['outcome'];
  reason_codes: string[];
  payable: string;
  cursor_at: string;
}

/**
 * One keyset page of a period's decisions in (received_at, id) order — the index
 * decisions_received — with only what a replay needs. Never an OFFSET: page n costs as page 1.
 */
export async function impactPage(
  db: Kysely<DB>,
  q: {
    municipality: string;
    from: Date;
    to: Date;
    createdUpTo: Date;
    after: ImpactCursor | null;
    limit: number;
  },
): Promise<ImpactRow[]> {
  let query = db
    .selectFrom('decisions')
    .select([
      'id',
      'document_id',
      'document',
      'ledger_snapshot',
      'outcome',
      'payable',
      sql<string[]>`jsonb_path_query_array(reasons, '$[*].code')`.as('reason_codes'),
      sql<string>`received_at::text`.as('cursor_at'),
    ])
    .where('municipality_id', '=', q.municipality)
    .where('received_at', '>=', q.from)
    .where('received_at', '<', q.to)
    .where('created_at', '<=', q.createdUpTo);
  if (q.after) {
    const { receivedAt, id } = q.after;
    query = query.where(sql<boolean>`(received_at, id) > (${receivedAt}::timestamptz, ${id}::uuid)`);
  }
  return query.orderBy('received_at').orderBy('id').limit(q.limit).execute() as Promise<ImpactRow[]>;
}
