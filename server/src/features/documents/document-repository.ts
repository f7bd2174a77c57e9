/**
 * The ledger in SQL: one `documents` row per document key (municipality, supplier, type,
 * number) holding the document's current status, and the append-only `document_outcomes` a
 * caseworker (or the ERP) records. Plain functions taking the database or a transaction first.
 * The evaluation path's statements are in ledger-repository.ts.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB, DocumentsTable, LedgerStatusColumn, Stage } from '../../db/schema.js';
import { pageAndCount, type Page } from '../../db/list-query.js';
import type { DocumentType } from '../../domain/document.js';

export type LedgerRow = Selectable<DocumentsTable>;

export async function findLedgerRow(
  db: Kysely<DB>,
  municipality: string,
  id: string,
  lock = false,
): Promise<LedgerRow | undefined> {
  const q = db
    .selectFrom('documents')
    .selectAll()
    .where('municipality_id', '=', municipality)
    .where('id', '=', id);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
}

export async function updateLedgerStatus(
  db: Kysely<DB>,
  id: string,
  fields: { status?: LedgerStatusColumn; stage: Stage | null; now: Date },
): Promise<void> {
  await db
    .updateTable('documents')
    .set({
      ...(fields.status ? { status: fields.status } : {}),
      stage: fields.stage,
      updated_at: fields.now,
    })
    .where('id', '=', id)
    .execute();
}

export interface NewOutcome {
  id: string;
  municipality: string;
  documentId: string;
  outcome:
    'approved' | 'rejected' | 'stage' | 'split' | 'split-removed' | 'split-completed' | 'payment-groups';
  reason: string | null;
  comment: string | null;
  stage: Stage | null;
  actor: string;
  now: Date;
}

export async function insertOutcome(db: Kysely<DB>, o: NewOutcome): Promise<void> {
  await db
    .insertInto('document_outcomes')
    .values({
      id: o.id,
      municipality_id: o.municipality,
      document_id: o.documentId,
      outcome: o.outcome,
      reason: o.reason,
      comment: o.comment,
      stage: o.stage,
      actor: o.actor,
      created_at: o.now,
    })
    .execute();
}

export async function outcomesOf(db: Kysely<DB>, documentId: string) {
  return db
    .selectFrom('document_outcomes')
    .select(['id', 'outcome', 'reason', 'comment', 'stage', 'actor', 'created_at'])
    .where('document_id', '=', documentId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** The decisions of one ledger row, oldest first, without the heavy columns. */
export async function decisionsOf(db: Kysely<DB>, documentId: string) {
  return db
    .selectFrom('decisions')
    .select([
      'id',
      'outcome',
      'reasons',
      'ruleset_version',
      'ruleset_hash',
      'engine_version',
      'duplicate',
      'content_hash',
      'payable',
      'received_at',
      'created_at',
      'cause',
    ])
    .where('document_id', '=', documentId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/**
 * Sort fields. `thread` keeps a credit note or reminder right after the invoice it refers to
 * (the seed: handle an invoice and its credit note together): threads ordered by when their
 * invoice (or the document itself, when no invoice is known) entered the ledger, and inside a
 * thread the invoice first, then its credit notes and reminders as they arrived.
 */
export const DOCUMENT_SORTABLE = [
  'createdAt',
  'updatedAt',
  'issueDate',
  'payable',
  'status',
  'receivedAt',
  'thread',
] as const;
export type DocumentSortField = (typeof DOCUMENT_SORTABLE)[number];

export interface DocumentListFilter {
  ids: string[] | null;
  statuses: string[] | null;
  stages: string[] | null;
  documentTypes: string[] | null;
  supplierKeys: string[] | null;
  numbers: string[] | null;
  /** updated_at ≥ this: what changed since the ERP last polled. */
  updatedSince: Date | null;
  /** The current decision names one of these reason codes. */
  reasons: string[] | null;
  /** The current decision's receivedAt ≥ from, < to. */
  from: Date | null;
  to: Date | null;
}

export const NO_FILTER: DocumentListFilter = {
  ids: null,
  statuses: null,
  stages: null,
  documentTypes: null,
  supplierKeys: null,
  numbers: null,
  updatedSince: null,
  reasons: null,
  from: null,
  to: null,
};

/** A filter value that is an empty list matches nothing. */
function matchesNothing(f: DocumentListFilter): boolean {
  return [f.ids, f.statuses, f.stages, f.documentTypes, f.supplierKeys, f.numbers, f.reasons].some(
    (list) => list !== null && list.length === 0,
  );
}

/**
 * THE filtered ledger of a municipality — `documents as d` with its current decision `fd` (the
 * latest, else the first) and, for a credit note or reminder, the invoice it refers to `inv` —
 * shared by the list and its aggregates so they always agree.
 */
function filteredLedger(db: Kysely<DB>, municipality: string, f: DocumentListFilter) {
  let base = db
    .selectFrom('documents as d')
    .leftJoin('decisions as fd', (j) =>
      j.on(sql<boolean>`fd.id = coalesce(d.latest_decision_id, d.first_decision_id)`),
    )
    .leftJoin('documents as inv', (j) =>
      j
        .onRef('inv.municipality_id', '=', 'd.municipality_id')
        .onRef('inv.supplier_key', '=', 'd.supplier_key')
        .onRef('inv.number', '=', 'd.billing_reference')
        .on('inv.document_type', '=', 'invoice')
        .on('d.document_type', '<>', 'invoice'),
    )
    .where('d.municipality_id', '=', municipality);
  if (f.ids) base = base.where('d.id', 'in', f.ids);
  if (f.statuses) base = base.where('d.status', 'in', f.statuses as LedgerStatusColumn[]);
  if (f.stages) base = base.where('d.stage', 'in', f.stages as Stage[]);
  if (f.documentTypes) base = base.where('d.document_type', 'in', f.documentTypes as DocumentType[]);
  if (f.supplierKeys) base = base.where('d.supplier_key', 'in', f.supplierKeys);
  if (f.numbers) base = base.where('d.number', 'in', f.numbers);
  if (f.updatedSince) base = base.where('d.updated_at', '>=', f.updatedSince);
  if (f.from) base = base.where('fd.received_at', '>=', f.from);
  if (f.to) base = base.where('fd.received_at', '<', f.to);
  if (f.reasons) {
    const codes = f.reasons;
    base = base.where((eb) =>
      eb.or(codes.map((code) => eb(sql`fd.reasons`, '@>', sql`${JSON.stringify([{ code }])}::jsonb`))),
    );
  }
  return base;
}

/** A document linked to another: the invoice of a credit note or reminder, or one of an invoice's. */
export interface LinkedDocumentRow {
  id: string;
  documentType: DocumentType;
  number: string;
  status: LedgerStatusColumn;
  payable: string;
  issueDate: string;
}

/**
 * A page of the ledger, with each row's CPR numbers, reasons, actions, supplier name and ruleset
 * version from its current decision — the caller masks the CPR numbers — the caseworker's last
 * outcome, and its linked documents.
 */
export async function listLedger(
  db: Kysely<DB>,
  municipality: string,
  f: DocumentListFilter,
  page: Page<DocumentSortField>,
) {
  if (matchesNothing(f)) return { rows: [], total: 0 };
  const base = filteredLedger(db, municipality, f);
  let rows = base.selectAll('d').select([
    sql<string[] | null>`fd.document->'cprNumbers'`.as('cpr_numbers'),
    sql<string | null>`fd.document->'supplier'->>'name'`.as('supplier_name'),
    'fd.ruleset_version as ruleset_version',
    'fd.reasons as reasons',
    'fd.actions as actions',
    'fd.received_at as received_at',
    sql<RecordedOutcomeRow | null>`(
        select jsonb_build_object('id', o.id, 'outcome', o.outcome, 'reason', o.reason,
          'comment', o.comment, 'at', o.created_at)
        from document_outcomes o
        where o.document_id = d.id and o.outcome in ('approved', 'rejected')
        order by o.created_at desc, o.id desc limit 1)`.as('recorded_outcome'),
    sql<LinkedDocumentRow[]>`case when d.document_type = 'invoice' then coalesce((
        select jsonb_agg(jsonb_build_object('id', l.id, 'documentType', l.document_type,
          'number', l.number, 'status', l.status, 'payable', l.payable::text,
          'issueDate', l.issue_date::text) order by l.created_at, l.id)
        from documents l
        where l.municipality_id = d.municipality_id and l.supplier_key = d.supplier_key
          and l.billing_reference = d.number and l.document_type <> 'invoice'), '[]'::jsonb)
      when inv.id is null then '[]'::jsonb
      else jsonb_build_array(jsonb_build_object('id', inv.id, 'documentType', inv.document_type,
        'number', inv.number, 'status', inv.status, 'payable', inv.payable::text,
        'issueDate', inv.issue_date::text)) end`.as('linked'),
  ]);
  const order = page.sortOrder;
  if (page.sortField === 'thread') {
    rows = rows
      .orderBy(sql`coalesce(inv.created_at, d.created_at)`, order)
      .orderBy(sql`coalesce(inv.id, d.id)`, order)
      .orderBy(sql`d.document_type <> 'invoice'`, 'asc')
      .orderBy('d.created_at', 'asc');
  } else if (page.sortField === 'receivedAt') {
    rows = rows.orderBy('fd.received_at', order);
  } else {
    rows = rows.orderBy(`d.${SORT_COLUMN[page.sortField]}`, order);
  }
  return pageAndCount(base, rows.orderBy('d.id', order), page);
}

const SORT_COLUMN: Record<
  Exclude<DocumentSortField, 'thread' | 'receivedAt'>,
  'created_at' | 'updated_at' | 'issue_date' | 'payable' | 'status'
> = {
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  issueDate: 'issue_date',
  payable: 'payable',
  status: 'status',
};

export interface ReasonCountRow {
  code: string;
  kind: 'reject' | 'manual';
  text: string;
  count: number;
}

/** How many of the filtered documents' current decisions name each reason (SQL group by). */
export async function reasonCounts(
  db: Kysely<DB>,
  municipality: string,
  f: DocumentListFilter,
): Promise<ReasonCountRow[]> {
  if (matchesNothing(f)) return [];
  const docs = filteredLedger(db, municipality, f).select('fd.reasons as reasons');
  const result = await sql<{ code: string; kind: 'reject' | 'manual'; text: string; n: string }>`
    select r.value->>'code' as code, min(r.value->>'kind') as kind, max(r.value->>'text') as text,
      count(*) as n
    from (${docs}) as x cross join lateral jsonb_array_elements(coalesce(x.reasons, '[]'::jsonb)) as r(value)
    group by r.value->>'code'
    order by count(*) desc, r.value->>'code'`.execute(db);
  return result.rows.map((r) => ({ code: r.code, kind: r.kind, text: r.text, count: Number(r.n) }));
}

export interface SupplierCountRow {
  id: string;
  name: string | null;
  count: number;
}

/** How many of the filtered documents each supplier sent (SQL group by), the most first. */
export async function supplierCounts(
  db: Kysely<DB>,
  municipality: string,
  f: DocumentListFilter,
  limit = 200,
): Promise<SupplierCountRow[]> {
  if (matchesNothing(f)) return [];
  const rows = await filteredLedger(db, municipality, f)
    .select([
      'd.supplier_id as id',
      sql<string | null>`max(fd.document->'supplier'->>'name')`.as('name'),
      (eb) => eb.fn.countAll<string>().as('n'),
    ])
    .groupBy('d.supplier_id')
    .orderBy(sql`count(*)`, 'desc')
    .orderBy('d.supplier_id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, count: Number(r.n) }));
}

/** A caseworker's (or the ERP's) last recorded approval or rejection. */
export interface RecordedOutcomeRow {
  id: string;
  outcome: 'approved' | 'rejected';
  reason: string | null;
  comment: string | null;
  at: string;
}

/** The CPR numbers of a ledger row's first decision (for the detail view, masked by the caller). */
export async function cprNumbersOfDecision(db: Kysely<DB>, decisionId: string): Promise<string[]> {
  const row = await db
    .selectFrom('decisions')
    .select(sql<string[] | null>`document->'cprNumbers'`.as('cpr'))
    .where('id', '=', decisionId)
    .executeTakeFirst();
  return row?.cpr ?? [];
}
