/**
 * The invoice split and payment groups (PRODUCT.md §7):
 * - documents.payment_groups: a caseworker's grouping of a manual invoice's lines into payment
 *   groups with their accounts (null: as the decision proposed them); the postings follow it.
 * - document_outcomes may also record a split being removed ('split-removed'), completed
 *   ('split-completed', on the original, which is then annulled) and a change of payment groups
 *   ('payment-groups') — each appears in the document's history.
 * Frozen: never edit once merged — add a new migration.
 */
import { sql, type Kysely } from 'kysely';

const BEFORE = `('approved', 'rejected', 'stage', 'split', 'annulled')`;
const AFTER = `('approved', 'rejected', 'stage', 'split', 'split-removed', 'split-completed', 'annulled', 'payment-groups')`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time and typeless
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table documents add column payment_groups jsonb`.execute(db);
  await sql`alter table document_outcomes drop constraint document_outcomes_outcome_check`.execute(db);
  await sql
    .raw(
      `alter table document_outcomes add constraint document_outcomes_outcome_check check (outcome in ${AFTER})`,
    )
    .execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table document_outcomes drop constraint document_outcomes_outcome_check`.execute(db);
  await sql
    .raw(
      `alter table document_outcomes add constraint document_outcomes_outcome_check check (outcome in ${BEFORE})`,
    )
    .execute(db);
  await sql`alter table documents drop column payment_groups`.execute(db);
}
