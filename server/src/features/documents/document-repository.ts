/**
 * The ledger in SQL: one `documents` row per document key (municipality, supplier, type,
 * number) holding the document's current status, and the append-only `document_outcomes` a
 * caseworker (or the ERP) records. Plain functions taking the database or a transaction first.
 * The evaluation path's statements are in ledger-repository.ts.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB, DocumentsTable, LedgerStatusColumn, Stage } from '../../db/schema.js';
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

export const DOCUMENT_SORTABLE = ['createdAt', 'updatedAt', 'issueDate', 'payable', 'status'] as const;
export type DocumentSortField = (typeof DOCUMENT_SORTABLE)[number];
export const DOCUMENT_FILTERABLE = [
  'id',
  'status',
  'stage',
  'documentType',
  'supplier',
  'number',
  'updatedSince',
] as const;

const SORT_COLUMN: Record<
  DocumentSortField,
  'created_at' | 'updated_at' | 'issue_date' | 'payable' | 'status'
> = {
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  issueDate: 'issue_date',
  payable: 'payable',
  status: 'status',
};

export interface DocumentListFilter {
  ids: string[] | null;
  statuses: string[] | null;
  stages: string[] | null;
  documentTypes: string[] | null;
  supplierKeys: string[] | null;
  numbers: string[] | null;
  /** updated_at ≥ this: what changed since the ERP last polled. */
  updatedSince: Date | null;
}

/**
 * A page of the ledger, with each row's CPR numbers, reasons and ruleset version from its current
 * (latest) decision — the caller masks the CPR numbers — and the caseworker's last outcome.
 */
export async function listLedger(
  db: Kysely<DB>,
  municipality: string,
  f: DocumentListFilter,
  page: { sortField: DocumentSortField; sortOrder: 'asc' | 'desc'; offset: number; limit: number },
) {
  let base = db.selectFrom('documents as d').where('d.municipality_id', '=', municipality);
  if (f.ids) base = base.where('d.id', 'in', f.ids.length ? f.ids : ['00000000-0000-0000-0000-000000000000']);
  if (f.statuses) base = base.where('d.status', 'in', f.statuses as LedgerStatusColumn[]);
  if (f.stages) base = base.where('d.stage', 'in', f.stages as Stage[]);
  if (f.documentTypes) base = base.where('d.document_type', 'in', f.documentTypes as DocumentType[]);
  if (f.supplierKeys) base = base.where('d.supplier_key', 'in', f.supplierKeys);
  if (f.numbers) base = base.where('d.number', 'in', f.numbers);
  if (f.updatedSince) base = base.where('d.updated_at', '>=', f.updatedSince);
  const emptyIn = (list: string[] | null): boolean => list !== null && list.length === 0;
  if ([f.statuses, f.stages, f.documentTypes, f.supplierKeys, f.numbers].some(emptyIn)) {
    return { rows: [], total: 0 };
  }
  const [rows, count] = await Promise.all([
    base
      .leftJoin('decisions as fd', 'fd.id', 'd.latest_decision_id')
      .selectAll('d')
      .select([
        sql<string[] | null>`fd.document->'cprNumbers'`.as('cpr_numbers'),
        'fd.ruleset_version as ruleset_version',
        'fd.reasons as reasons',
        sql<RecordedOutcomeRow | null>`(
          select jsonb_build_object('id', o.id, 'outcome', o.outcome, 'reason', o.reason,
            'comment', o.comment, 'at', o.created_at)
          from document_outcomes o
          where o.document_id = d.id and o.outcome in ('approved', 'rejected')
          order by o.created_at desc, o.id desc limit 1)`.as('recorded_outcome'),
      ])
      .orderBy(`d.${SORT_COLUMN[page.sortField]}`, page.sortOrder)
      .orderBy('d.id', page.sortOrder)
      .offset(page.offset)
      .limit(page.limit)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
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
