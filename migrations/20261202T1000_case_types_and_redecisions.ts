/**
 * Issue 8. Frozen: never edit once merged — add a new migration.
 *
 * - documents.case_types: the case types of an invoice's known service numbers, so that an open
 *   case (openCaseThisYear) is one of the same CPR *and* the same case type. Filled for existing
 *   rows from their first decision's facts.
 * - decisions.cause: what made a decision other than the ERP sending the document — a
 *   re-decision after a caseworker's outcome on the invoice it waits on
 *   ({kind: 'outcome', documentId, outcomeId, outcome}). Null for ordinary decisions. Decisions
 *   stay append-only: the column is only ever written on insert.
 * - documents_updated: the ERP polls for documents changed since a point in time.
 */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time and typeless
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table documents add column case_types jsonb not null default '[]'::jsonb`.execute(db);
  await sql`
    update documents d set case_types = coalesce(x.facts->'caseTypes', '[]'::jsonb)
    from decisions x where x.id = d.first_decision_id`.execute(db);
  await sql`alter table decisions add column cause jsonb`.execute(db);
  await sql`create index documents_updated on documents (municipality_id, updated_at, id)`.execute(db);
  await sql`create index documents_billing_reference on documents (municipality_id, supplier_key, billing_reference)
    where billing_reference is not null`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists documents_billing_reference`.execute(db);
  await sql`drop index if exists documents_updated`.execute(db);
  await sql`alter table decisions drop column if exists cause`.execute(db);
  await sql`alter table documents drop column if exists case_types`.execute(db);
}
