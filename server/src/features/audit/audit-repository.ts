/**
 * The configuration audit log: who changed what, when, before/after, and why. Append-only
 * (the database refuses UPDATE and DELETE). Record an event in the same transaction as the
 * change it describes, so neither exists without the other.
 */
import { type Kysely, type Selectable } from 'kysely';
import type { DB } from '../../db/schema.js';
import {
  amongCodes,
  likePattern,
  NO_ROWS,
  pageAndCount,
  type Page,
  type PageOf,
} from '../../db/list-query.js';

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

// --- reading the log ---------------------------------------------------------------------------

export interface AuditEventView {
  /** bigserial, as a string (it can exceed 2^53). */
  id: string;
  municipality: string | null;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  comment: string | null;
  createdAt: string;
}

export type AuditSortField = 'id' | 'createdAt';
export const AUDIT_SORTABLE: readonly AuditSortField[] = ['id', 'createdAt'];
export interface AuditFilter {
  /** Only these municipalities' events; `null` in the list means platform-wide ones. undefined: all. */
  municipalities?: (string | null)[];
  /** Event ids (sequence numbers); one that is not a number matches nothing. */
  id?: string[];
  entity?: string[];
  entityId?: string[];
  action?: string[];
  actor?: string[];
  from?: Date;
  to?: Date;
  /** Free text over actor, entity, entity id, action and comment. */
  q?: string;
}

type AuditRow = Selectable<DB['audit_events']>;

function toView(r: AuditRow): AuditEventView {
  return {
    id: String(r.id),
    municipality: r.municipality_id,
    actor: r.actor,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    before: r.before,
    after: r.after,
    comment: r.comment,
    createdAt: r.created_at.toISOString(),
  };
}

export async function listAuditEvents(
  db: Kysely<DB>,
  filter: AuditFilter,
  page: Page<AuditSortField>,
): Promise<PageOf<AuditEventView>> {
  let q = db.selectFrom('audit_events');
  if (filter.municipalities) q = q.where(amongCodes('municipality_id', filter.municipalities));
  if (filter.id) {
    const valid = filter.id.filter((i) => /^\d{1,18}$/.test(i));
    q = valid.length ? q.where('id', 'in', valid) : q.where(NO_ROWS);
  }
  if (filter.entity?.length) q = q.where('entity', 'in', filter.entity);
  if (filter.entityId?.length) q = q.where('entity_id', 'in', filter.entityId);
  if (filter.action?.length) q = q.where('action', 'in', filter.action);
  if (filter.actor?.length) q = q.where('actor', 'in', filter.actor);
  if (filter.from) q = q.where('created_at', '>=', filter.from);
  if (filter.to) q = q.where('created_at', '<=', filter.to);
  if (filter.q) {
    const like = likePattern(filter.q);
    q = q.where((eb) =>
      eb.or([
        eb('actor', 'ilike', like),
        eb('entity', 'ilike', like),
        eb('entity_id', 'ilike', like),
        eb('action', 'ilike', like),
        eb('comment', 'ilike', like),
      ]),
    );
  }
  let ordered = q.selectAll();
  ordered =
    page.sortField === 'createdAt'
      ? ordered.orderBy('created_at', page.sortOrder).orderBy('id', page.sortOrder)
      : ordered.orderBy('id', page.sortOrder);
  const { rows, total } = await pageAndCount(q, ordered, page);
  return { rows: rows.map(toView), total };
}

export async function findAuditEvent(db: Kysely<DB>, id: string): Promise<AuditEventView | null> {
  if (!/^\d{1,18}$/.test(id)) return null;
  const row = await db.selectFrom('audit_events').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toView(row) : null;
}
