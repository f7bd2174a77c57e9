/**
 * The ledger's SQL on the evaluation path, written for few round trips: a stored evaluation is
 * BEGIN, one statement that inserts the ledger row (or finds the key taken) AND reads the ledger
 * facts, one statement that inserts the decision AND sets the row's status, COMMIT. Plain
 * functions taking the database or a transaction first.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB, LedgerStatusColumn, Stage } from '../../db/schema.js';
import type { DocumentType } from '../../domain/document.js';
import type { LedgerSnapshot, MatchedInvoice, Posting } from '../../engine/ledger.js';
import type { LedgerRow } from './document-repository.js';

/** The key of a document in the ledger; `supplierKey` is normalised (supplierKey()). */
export interface LedgerKey {
  municipality: string;
  supplierKey: string;
  documentType: DocumentType;
  number: string;
}

/** What the ledger facts are read for. */
export interface FactsQuery {
  key: LedgerKey;
  billingReference: string | null;
  issueYear: number;
  cprHashes: string[];
  /** The document's own ledger row, left out of openCaseThisYear. */
  ownId: string | null;
}

export type LedgerFacts = Pick<LedgerSnapshot, 'matchingInvoice' | 'openCaseThisYear' | 'openCaseTypes'>;

/** The ledger's statuses as the engine sees them; an annulled (split) invoice no longer counts. */
export function engineStatus(status: LedgerStatusColumn): MatchedInvoice['status'] {
  return status === 'annulled' ? 'rejected' : status;
}

const year = (y: number): string => `${String(y).padStart(4, '0')}-01-01`;

/**
 * The open cases: the case types of the approved ordinary-supplement (almindelig) invoices for
 * one of the CPR hashes, issued in the same calendar year (null when there is none) — an open case
 * is one of the same CPR and the same case type. The literal predicate matches the partial GIN
 * index documents_open_case, so it is an index probe however large the ledger.
 */
function openCaseExpr(q: FactsQuery, ownRef?: RawBuilder<unknown>): RawBuilder<string[] | null> {
  if (q.cprHashes.length === 0) return sql<null>`null::jsonb`;
  const own = ownRef
    ? sql`and oc.id is distinct from ${ownRef}`
    : q.ownId === null
      ? sql``
      : sql`and oc.id <> ${q.ownId}::uuid`;
  return sql<string[] | null>`(
    select coalesce(jsonb_agg(distinct t.v order by t.v) filter (where t.v is not null), '[]'::jsonb)
    from documents oc left join lateral jsonb_array_elements_text(oc.case_types) t(v) on true
    where oc.municipality_id = ${q.key.municipality}
      and oc.document_type = 'invoice' and oc.status = 'approved' and oc.case_kinds ? 'almindelig'
      and oc.cpr_hashes ?| string_to_array(${q.cprHashes.join(',')}, ',')
      and oc.issue_date >= ${year(q.issueYear)}::date and oc.issue_date < ${year(q.issueYear + 1)}::date
      ${own}
    having count(*) > 0)`;
}

/**
 * The invoice a credit note or reminder refers to: same supplier, its billing reference — with
 * the sum of its other credit notes that are approved or pending (`credited`), so a credit note
 * is compared with what is left of the invoice.
 */
function matchingExpr(q: FactsQuery, ownRef?: RawBuilder<unknown>): RawBuilder<MatchedRow | null> {
  if (q.key.documentType === 'invoice' || q.billingReference === null) return sql<null>`null::jsonb`;
  const own = ownRef
    ? sql`and cn.id is distinct from ${ownRef}`
    : q.ownId === null
      ? sql``
      : sql`and cn.id <> ${q.ownId}::uuid`;
  return sql<MatchedRow | null>`(
    select jsonb_build_object('documentId', mi.id, 'id', mi.number, 'status', mi.status,
      'payable', mi.payable::text, 'issueDate', mi.issue_date::text, 'postings', mi.postings,
      'credited', (select to_char(coalesce(sum(abs(cn.payable)), 0), 'FM9999999999999990.00')
        from documents cn
        where cn.municipality_id = mi.municipality_id and cn.supplier_key = mi.supplier_key
          and cn.document_type = 'creditNote' and cn.billing_reference = mi.number
          and cn.status in ('approved', 'manual') and cn.first_decision_id is not null ${own}))
    from documents mi
    where mi.municipality_id = ${q.key.municipality} and mi.supplier_key = ${q.key.supplierKey}
      and mi.document_type = 'invoice' and mi.number = ${q.billingReference})`;
}

interface MatchedRow {
  documentId: string;
  id: string;
  status: LedgerStatusColumn;
  payable: string;
  issueDate: string;
  postings: Posting[];
  credited: string;
}

function factsOf(row: { open_case: string[] | null; matching: MatchedRow | null }): LedgerFacts {
  const m = row.matching;
  return {
    matchingInvoice:
      m === null
        ? null
        : {
            documentId: m.documentId,
            id: m.id,
            status: engineStatus(m.status),
            payable: m.payable,
            issueDate: m.issueDate,
            postings: m.postings,
            credited: m.credited,
          },
    openCaseThisYear: row.open_case !== null,
    openCaseTypes: row.open_case ?? [],
  };
}

export interface NewLedgerRow {
  id: string;
  supplierId: string;
  issueDate: string;
  payable: string;
  contentHash: string;
  billingReference: string | null;
  now: Date;
}

/**
 * Inserts the ledger row of a key unless one exists (INSERT … ON CONFLICT DO NOTHING) and, in
 * the same statement, reads the ledger facts. `inserted` is true when this call created the row —
 * the caller then holds its row lock until the transaction ends; the row starts 'manual' with no
 * decision and the caller sets the outcome in the same transaction, so nobody sees it so.
 * When the key was taken, the facts are not meaningful: lock the row and read them again.
 */
export async function insertLedgerRowReadingFacts(
  db: Kysely<DB>,
  row: NewLedgerRow,
  q: FactsQuery,
): Promise<{ inserted: boolean; facts: LedgerFacts }> {
  const k = q.key;
  const result = await sql<{
    inserted: string | null;
    open_case: string[] | null;
    matching: MatchedRow | null;
  }>`
    with ins as (
      insert into documents (id, municipality_id, supplier_key, supplier_id, document_type, number,
        issue_date, payable, status, cpr_hashes, content_hash, billing_reference, created_at, updated_at)
      values (${row.id}, ${k.municipality}, ${k.supplierKey}, ${row.supplierId}, ${k.documentType},
        ${k.number}, ${row.issueDate}, ${row.payable}, 'manual', ${JSON.stringify(q.cprHashes)}::jsonb,
        ${row.contentHash}, ${row.billingReference}, ${row.now}, ${row.now})
      on conflict (municipality_id, supplier_key, document_type, number) do nothing
      returning id
    )
    select (select id from ins) as inserted, ${openCaseExpr(q)} as open_case, ${matchingExpr(q)} as matching`.execute(
    db,
  );
  const r = result.rows[0]!;
  return { inserted: r.inserted !== null, facts: factsOf(r) };
}

/**
 * The ledger row of a key, locked (FOR UPDATE) until the transaction ends, with the decision
 * already stored for exactly this content (an ERP's retry), if any — the latest, so a retry
 * after a re-decision gets the document's current decision.
 */
export async function lockLedgerRow(
  db: Kysely<DB>,
  key: LedgerKey,
  contentHash: string,
): Promise<{ row: LedgerRow; sameContentDecision: string | null } | undefined> {
  const row = await db
    .selectFrom('documents as d')
    .selectAll('d')
    .select((eb) =>
      eb
        .selectFrom('decisions as x')
        .select('x.id')
        .whereRef('x.document_id', '=', 'd.id')
        .where('x.content_hash', '=', contentHash)
        .orderBy('x.created_at', 'desc')
        .orderBy('x.id', 'desc')
        .limit(1)
        .as('same_content_decision'),
    )
    .where('d.municipality_id', '=', key.municipality)
    .where('d.supplier_key', '=', key.supplierKey)
    .where('d.document_type', '=', key.documentType)
    .where('d.number', '=', key.number)
    .forUpdate('d')
    .executeTakeFirst();
  if (!row) return undefined;
  const { same_content_decision, ...ledger } = row;
  return { row: ledger, sameContentDecision: same_content_decision };
}

/** The ledger facts alone (after locking an existing row). */
export async function readLedgerFacts(db: Kysely<DB>, q: FactsQuery): Promise<LedgerFacts> {
  const result = await sql<{ open_case: string[] | null; matching: MatchedRow | null }>`
    select ${openCaseExpr(q)} as open_case, ${matchingExpr(q)} as matching`.execute(db);
  return factsOf(result.rows[0]!);
}

/** For a dry run: the key's ledger row (if any) and the ledger facts, in one read, nothing locked. */
export async function peekLedger(
  db: Kysely<DB>,
  q: FactsQuery,
): Promise<{ row: Pick<LedgerRow, 'id' | 'content_hash' | 'first_decision_id'> | null; facts: LedgerFacts }> {
  const k = q.key;
  const result = await sql<{
    id: string | null;
    content_hash: string | null;
    first_decision_id: string | null;
    open_case: string[] | null;
    matching: MatchedRow | null;
  }>`
    select d.id, d.content_hash, d.first_decision_id,
      ${openCaseExpr(q, sql`d.id`)} as open_case,
      ${matchingExpr(q, sql`d.id`)} as matching
    from (select 1) one
    left join documents d on d.municipality_id = ${k.municipality} and d.supplier_key = ${k.supplierKey}
      and d.document_type = ${k.documentType} and d.number = ${k.number}`.execute(db);
  const r = result.rows[0]!;
  return {
    row:
      r.id === null
        ? null
        : { id: r.id, content_hash: r.content_hash!, first_decision_id: r.first_decision_id },
    facts: factsOf(r),
  };
}

/** How a key's first decision sets its ledger row (status, stage, postings, case kinds, content). */
export interface LedgerUpdate {
  id: string;
  decisionId: string;
  status: LedgerStatusColumn;
  stage: Stage | null;
  caseKinds: string[];
  caseTypes: string[];
  postings: Posting[];
  supplierId: string;
  issueDate: string;
  payable: string;
  contentHash: string;
  cprHashes: string[];
  billingReference: string | null;
  now: Date;
}

export function ledgerUpdateValues(u: LedgerUpdate) {
  return {
    status: u.status,
    stage: u.stage,
    case_kinds: JSON.stringify(u.caseKinds),
    case_types: JSON.stringify(u.caseTypes),
    postings: JSON.stringify(u.postings),
    supplier_id: u.supplierId,
    issue_date: u.issueDate,
    payable: u.payable,
    content_hash: u.contentHash,
    cpr_hashes: JSON.stringify(u.cprHashes),
    billing_reference: u.billingReference,
    first_decision_id: u.decisionId,
    latest_decision_id: u.decisionId,
    updated_at: u.now,
  };
}
