/**
 * The ledger's SQL on the evaluation path, written once as text (no query builder per request)
 * and run as named (prepared) statements on PostgreSQL. Each statement takes its rows as one
 * jsonb parameter (jsonb_to_recordset), so the same statement serves one document or a batch of
 * them (group commit, evaluation/decision-writer.ts):
 *
 * - LOCK_LEDGER_KEYS: claims the keys of a batch (advisory locks) before PEEK_LEDGER looks them
 *   up; a new key's row is inserted once, with the decision (evaluation/decision-writer.ts);
 * - LOCK_LEDGER_ROWS: the taken keys' rows, locked (FOR UPDATE) in key order, with the decision
 *   already stored for exactly that content (an ERP's retry), if any;
 * - LEDGER_FACTS: the facts alone (after locking, or for a re-decision);
 * - PEEK_LEDGER: the key's row, if any, and the facts, nothing locked (a dry run's read, and a
 *   stored evaluation's first after LOCK_LEDGER_KEYS).
 */
import type { Kysely } from 'kysely';
import { Batcher, type Waiting } from '../../db/batcher.js';
import { rawSqlOn, type RawSql } from '../../db/database.js';
import type { DB, LedgerStatusColumn } from '../../db/schema.js';
import type { DocumentType } from '../../domain/document.js';
import type { LedgerSnapshot, MatchedInvoice, Posting } from '../../engine/ledger.js';

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
  /** The document's own ledger row, left out of openCaseThisYear and of what is credited. */
  ownId: string | null;
}

export type LedgerFacts = Pick<LedgerSnapshot, 'matchingInvoice' | 'openCaseThisYear' | 'openCaseTypes'>;

/** The ledger's statuses as the engine sees them; an annulled (split) invoice no longer counts. */
export function engineStatus(status: LedgerStatusColumn): MatchedInvoice['status'] {
  return status === 'annulled' ? 'rejected' : status;
}

const year = (y: number): string => `${String(y).padStart(4, '0')}-01-01`;

/** The columns of a facts row `q`: which key, its billing reference, year, CPR hashes, own row. */
const FACTS_COLUMNS = 'i int, m text, sk text, dt text, ref text, y0 date, y1 date, cprs text[], own uuid';

/**
 * The ledger facts of row `q`, as two columns:
 * - open_case: the case types of the approved ordinary-supplement (almindelig) invoices for one
 *   of the CPR hashes, issued in the same calendar year (null when there is none) — an open case
 *   is one of the same CPR and the same case type. The index documents_open_case_cpr fits it.
 * - matching: the invoice a credit note or reminder refers to (same supplier, its billing
 *   reference), with the sum of its other credit notes that are approved or pending
 *   (`credited`), so a credit note is compared with what is left of the invoice.
 */
function factsColumns(own: string): string {
  return `
    case when cardinality(q.cprs) > 0 then (
      select coalesce(jsonb_agg(distinct t.v order by t.v) filter (where t.v is not null), '[]'::jsonb)
      from documents oc left join lateral jsonb_array_elements_text(oc.case_types) t(v) on true
      where oc.municipality_id = q.m
        and oc.document_type = 'invoice' and oc.status = 'approved' and oc.case_kinds ? 'almindelig'
        and oc.cpr_hashes ?| q.cprs
        and oc.issue_date >= q.y0 and oc.issue_date < q.y1
        and oc.id is distinct from ${own}
      having count(*) > 0) end as open_case,
    case when q.dt <> 'invoice' and q.ref is not null then (
      select jsonb_build_object('documentId', mi.id, 'id', mi.number, 'status', mi.status,
        'payable', mi.payable::text, 'issueDate', mi.issue_date::text, 'postings', mi.postings,
        'credited', (select to_char(coalesce(sum(abs(cn.payable)), 0), 'FM9999999999999990.00')
          from documents cn
          where cn.municipality_id = mi.municipality_id and cn.supplier_key = mi.supplier_key
            and cn.document_type = 'creditNote' and cn.billing_reference = mi.number
            and cn.status in ('approved', 'manual') and cn.first_decision_id is not null
            and cn.id is distinct from ${own}))
      from documents mi
      where mi.municipality_id = q.m and mi.supplier_key = q.sk
        and mi.document_type = 'invoice' and mi.number = q.ref) end as matching`;
}

/**
 * Claims keys for new ledger rows: a transaction-scoped advisory lock per key (a 64-bit hash of
 * it; two keys sharing a hash only wait for each other), taken in hash order so two batches never
 * wait for each other in a cycle. Every writer of a new key holds its lock from before it looks
 * the key up until it commits, so a key that is not in the ledger when looked up after this
 * statement stays free: its row is inserted once, with its decision's status, at the end of the
 * transaction (an insert now and an update later would write the row and its indexes twice).
 */
export const LOCK_LEDGER_KEYS = `
  select count(pg_advisory_xact_lock(s.h)) as locked from (
    select distinct hashtextextended(q.m || '|' || q.sk || '|' || q.dt || '|' || q.num, 0) as h
    from jsonb_to_recordset($1::jsonb) as q(m text, sk text, dt text, num text)
    order by h) s`;

export const LOCK_LEDGER_ROWS = `
  select q.i, d.id, d.content_hash, d.first_decision_id,
    (select x.id from decisions x where x.document_id = d.id and x.content_hash = q.hash
      order by x.created_at desc, x.id desc limit 1) as same_content_decision
  from jsonb_to_recordset($1::jsonb) as q(i int, m text, sk text, dt text, num text, hash text)
  join documents d on d.municipality_id = q.m and d.supplier_key = q.sk and d.document_type = q.dt
    and d.number = q.num
  order by d.municipality_id, d.supplier_key, d.document_type, d.number
  for update of d`;

export const LEDGER_FACTS = `
  select q.i, ${factsColumns('q.own')}
  from jsonb_to_recordset($1::jsonb) as q(${FACTS_COLUMNS})
  order by q.i`;

export const PEEK_LEDGER = `
  select q.i, d.id, d.content_hash, d.first_decision_id, ${factsColumns('d.id')}
  from jsonb_to_recordset($1::jsonb) as q(${FACTS_COLUMNS}, num text)
  left join documents d on d.municipality_id = q.m and d.supplier_key = q.sk
    and d.document_type = q.dt and d.number = q.num`;

/** A facts row for the statements above. */
export function factsRow(i: number, q: FactsQuery) {
  return {
    i,
    m: q.key.municipality,
    sk: q.key.supplierKey,
    dt: q.key.documentType,
    ref: q.billingReference,
    y0: year(q.issueYear),
    y1: year(q.issueYear + 1),
    cprs: q.cprHashes,
    own: q.ownId,
  };
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

export interface FactsColumns {
  open_case: string[] | null;
  matching: MatchedRow | null;
}

export function factsOf(row: FactsColumns): LedgerFacts {
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

/** The ledger facts of one document, inside the caller's transaction (a re-decision). */
export async function readLedgerFacts(db: Kysely<DB>, q: FactsQuery): Promise<LedgerFacts> {
  const rows = await rawSqlOn(db).query<FactsColumns>('rv_ledger_facts', LEDGER_FACTS, [
    JSON.stringify([factsRow(0, q)]),
  ]);
  return factsOf(rows[0]!);
}

/** What a dry run reads: the key's ledger row (if any) and the ledger facts. */
export interface LedgerPeek {
  row: { id: string; content_hash: string; first_decision_id: string | null } | null;
  facts: LedgerFacts;
}

type PeekRow = ReturnType<typeof factsRow> & { num: string };

/**
 * For dry runs: the key's ledger row and the ledger facts, nothing locked. Concurrent dry runs
 * are read together — what arrives in the same turn of the event loop, or while the previous
 * reads are out, is one PEEK_LEDGER statement (its rows as one jsonb parameter) — so a dry run
 * costs a fraction of a round trip. Each read is still a snapshot of committed rows, as one
 * statement alone would be; a failure (the database is down) fails the reads of that statement.
 */
export class LedgerPeeker extends Batcher<PeekRow, LedgerPeek> {
  constructor(
    private readonly raw: RawSql,
    maxInFlight = 2,
    maxBatch = 64,
  ) {
    super(maxBatch, maxInFlight);
  }

  peek(q: FactsQuery): Promise<LedgerPeek> {
    return this.enqueue({ ...factsRow(0, q), num: q.key.number });
  }

  protected async process(batch: Waiting<PeekRow, LedgerPeek>[]): Promise<void> {
    try {
      const rows = await this.raw.query<
        FactsColumns & {
          i: number;
          id: string | null;
          content_hash: string | null;
          first_decision_id: string | null;
        }
      >('rv_ledger_peek', PEEK_LEDGER, [JSON.stringify(batch.map((b, i) => ({ ...b.item, i })))]);
      const byIndex = new Map(rows.map((r) => [r.i, r]));
      batch.forEach((b, i) => {
        const r = byIndex.get(i);
        if (!r) return b.reject(new Error('The ledger peek lost a row.'));
        b.resolve({
          row:
            r.id === null
              ? null
              : { id: r.id, content_hash: r.content_hash!, first_decision_id: r.first_decision_id },
          facts: factsOf(r),
        });
      });
    } catch (e) {
      for (const b of batch) b.reject(e);
    }
  }
}
