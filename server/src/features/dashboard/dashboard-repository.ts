/**
 * The dashboard's aggregates, each one SQL `group by` over a municipality's decisions or ledger
 * (never the browser summing a list): documents per week and how many were approved
 * automatically, the reasons that sent documents to a caseworker or rejected them, documents per
 * supplier, and the open manual queue by age. Weeks are ISO weeks in Danish time.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export interface Period {
  from: Date;
  /** Exclusive. */
  to: Date;
}

export interface WeekRow {
  /** Monday of the week (YYYY-MM-DD, Europe/Copenhagen). */
  week: string;
  documents: number;
  approved: number;
  manual: number;
  rejected: number;
}

/**
 * Documents received in the period, by week, with the outcome of their first decision — the
 * automation's own result, before any caseworker or re-decision — so "approved" is what was
 * approved automatically. A first decision is one that no outcome caused (cause is null) and
 * that is not a duplicate. One index range scan per week (decisions_received, index-only).
 */
export async function documentsPerWeek(db: Kysely<DB>, m: string, p: Period): Promise<WeekRow[]> {
  const { rows } = await sql<WeekRow>`
    with weeks as (
      select to_char(w, 'YYYY-MM-DD') as week,
             w at time zone 'Europe/Copenhagen' as starts,
             (w + interval '1 week') at time zone 'Europe/Copenhagen' as ends
      from generate_series(
        date_trunc('week', ${p.from}::timestamptz at time zone 'Europe/Copenhagen'),
        ${p.to}::timestamptz at time zone 'Europe/Copenhagen',
        interval '1 week') as w
    )
    select weeks.week,
           count(*)::int as documents,
           (count(*) filter (where d.outcome = 'approved'))::int as approved,
           (count(*) filter (where d.outcome = 'manual'))::int as manual,
           (count(*) filter (where d.outcome = 'rejected'))::int as rejected
    from weeks
    join decisions d on d.municipality_id = ${m}
      and d.received_at >= weeks.starts and d.received_at < weeks.ends
      and d.received_at >= ${p.from} and d.received_at < ${p.to}
      and d.cause is null and not d.duplicate
    group by weeks.week
    order by weeks.week`.execute(db);
  return rows;
}

export interface ReasonRow {
  code: string;
  kind: 'reject' | 'manual';
  /** The reason's text as a decision gave it. */
  text: string;
  documents: number;
}

/**
 * The reasons of the period's first decisions that were manual or rejected (a reject reason on a
 * rejection, a manual one on a manual decision): why the automation did not approve. The text is
 * one that a decision gave (texts may name the document type: "Kreditnotaen …").
 */
export async function reasonCounts(db: Kysely<DB>, m: string, p: Period): Promise<ReasonRow[]> {
  const { rows } = await sql<ReasonRow>`
    select r.value ->> 'code' as code,
           r.value ->> 'kind' as kind,
           max(r.value ->> 'text') as text,
           count(*)::int as documents
    from decisions d
    cross join lateral jsonb_array_elements(d.reasons) as r(value)
    where d.municipality_id = ${m}
      and d.received_at >= ${p.from} and d.received_at < ${p.to}
      and d.outcome in ('manual', 'rejected') and d.cause is null and not d.duplicate
      and (r.value ->> 'kind') = case d.outcome when 'rejected' then 'reject' else 'manual' end
    group by 1, 2
    order by documents desc, code
    limit 30`.execute(db);
  return rows;
}

export interface SupplierRow {
  supplier: string;
  name: string | null;
  documents: number;
  /** Sum of the documents' payable amounts (decimal string). */
  amount: string;
}

/** The suppliers with the most documents received in the period (top `limit`). */
export async function documentsPerSupplier(
  db: Kysely<DB>,
  m: string,
  p: Period,
  limit: number,
): Promise<SupplierRow[]> {
  const { rows } = await sql<SupplierRow>`
    with top as (
      select doc.supplier_id as supplier,
             count(*)::int as documents,
             sum(doc.payable)::text as amount,
             max(doc.latest_decision_id::text)::uuid as sample_decision
      from documents doc
      where doc.municipality_id = ${m} and doc.created_at >= ${p.from} and doc.created_at < ${p.to}
      group by doc.supplier_id
      order by documents desc, supplier
      limit ${limit}
    )
    select top.supplier, top.documents, top.amount, d.document -> 'supplier' ->> 'name' as name
    from top left join decisions d on d.id = top.sample_decision
    order by top.documents desc, top.supplier`.execute(db);
  return rows;
}

export type AgeBucket = 'under1d' | 'd1to7' | 'd8to30' | 'over30d';

export interface QueueAgeRow {
  bucket: AgeBucket;
  documents: number;
  /** Sum of the documents' payable amounts (decimal string). */
  amount: string;
}

/** The open manual queue (documents whose status is manual now) by age at `now`. */
export async function manualQueueByAge(db: Kysely<DB>, m: string, now: Date): Promise<QueueAgeRow[]> {
  const { rows } = await sql<QueueAgeRow>`
    select case
             when ${now}::timestamptz - created_at < interval '1 day' then 'under1d'
             when ${now}::timestamptz - created_at < interval '8 days' then 'd1to7'
             when ${now}::timestamptz - created_at < interval '31 days' then 'd8to30'
             else 'over30d'
           end as bucket,
           count(*)::int as documents,
           sum(payable)::text as amount
    from documents
    where municipality_id = ${m} and status = 'manual'
    group by 1`.execute(db);
  return rows;
}
