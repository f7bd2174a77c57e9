/**
 * The configuration audit log: who changed what, when, before/after, and why. Append-only
 * (the database refuses UPDATE and DELETE). Record an event in the same transaction as the
 * change it describes, so neither exists without the other.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export interface AuditEvent {
  municipality: string | null;
  actor: string;
  action: string;
  entity: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  comment?: string | null;
}

export async function recordAudit(db: Kysely<DB>, e: AuditEvent): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      municipality_id: e.municipality,
      actor: e.actor,
      action: e.action,
      entity: e.entity,
      entity_id: e.entityId ?? null,
      before: e.before === undefined ? null : JSON.stringify(e.before),
      after: e.after === undefined ? null : JSON.stringify(e.after),
      comment: e.comment ?? null,
    })
    .execute();
}
