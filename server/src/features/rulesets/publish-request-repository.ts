/**
 * SQL for publish requests (the four-eyes approval of a publication) and the API key lookup its
 * check needs. Plain functions taking the database or a transaction first. No HTTP here.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Ruleset } from '../../engine/index.js';
import { NO_ROWS, pageAndCount, type Page, type PageOf } from '../../db/list-query.js';

export type RequestStatus = 'pending' | 'approved' | 'void' | 'rejected';

export interface PublishRequest {
  id: string;
  municipality: string;
  draftRevision: number;
  comment: string;
  effectiveFrom: Date | null;
  requestedBy: string;
  status: RequestStatus;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionComment: string | null;
  version: number | null;
  createdAt: Date;
}

const requestColumns = [
  'id',
  'municipality_id',
  'draft_revision',
  'comment',
  'effective_from',
  'requested_by',
  'status',
  'decided_by',
  'decided_at',
  'decision_comment',
  'version',
  'created_at',
] as const;

type RequestRow = {
  id: string;
  municipality_id: string;
  draft_revision: number;
  comment: string;
  effective_from: Date | null;
  requested_by: string;
  status: RequestStatus;
  decided_by: string | null;
  decided_at: Date | null;
  decision_comment: string | null;
  version: number | null;
  created_at: Date;
};

function toRequest(r: RequestRow): PublishRequest {
  return {
    id: r.id,
    municipality: r.municipality_id,
    draftRevision: r.draft_revision,
    comment: r.comment,
    effectiveFrom: r.effective_from,
    requestedBy: r.requested_by,
    status: r.status,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    decisionComment: r.decision_comment,
    version: r.version,
    createdAt: r.created_at,
  };
}

export async function insertRequest(
  db: Kysely<DB>,
  r: {
    id: string;
    municipality: string;
    draftRevision: number;
    document: Ruleset;
    comment: string;
    effectiveFrom: Date | null;
    requestedBy: string;
  },
): Promise<PublishRequest> {
  const row = await db
    .insertInto('publish_requests')
    .values({
      id: r.id,
      municipality_id: r.municipality,
      draft_revision: r.draftRevision,
      document: JSON.stringify(r.document),
      comment: r.comment,
      effective_from: r.effectiveFrom,
      requested_by: r.requestedBy,
      status: 'pending',
    })
    .returning(requestColumns)
    .executeTakeFirstOrThrow();
  return toRequest(row);
}

export async function findRequest(
  db: Kysely<DB>,
  m: string,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<(PublishRequest & { document: Ruleset }) | null> {
  let q = db
    .selectFrom('publish_requests')
    .select([...requestColumns, 'document'])
    .where('municipality_id', '=', m)
    .where('id', '=', id);
  if (opts.forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? { ...toRequest(row), document: row.document } : null;
}

export async function pendingRequest(db: Kysely<DB>, m: string): Promise<PublishRequest | null> {
  const row = await db
    .selectFrom('publish_requests')
    .select(requestColumns)
    .where('municipality_id', '=', m)
    .where('status', '=', 'pending')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? toRequest(row) : null;
}

export const REQUEST_SORT = { createdAt: 'created_at', decidedAt: 'decided_at', status: 'status' } as const;
export type RequestSortField = keyof typeof REQUEST_SORT;
export const REQUEST_SORTABLE = Object.keys(REQUEST_SORT) as RequestSortField[];
export const REQUEST_STATUSES: readonly RequestStatus[] = ['pending', 'approved', 'void', 'rejected'];

export interface RequestListFilter {
  status?: RequestStatus[];
  requestedBy?: string;
}

export async function listRequests(
  db: Kysely<DB>,
  m: string,
  filter: RequestListFilter,
  page: Page<RequestSortField>,
): Promise<PageOf<PublishRequest>> {
  let q = db.selectFrom('publish_requests').where('municipality_id', '=', m);
  if (filter.status) q = filter.status.length ? q.where('status', 'in', filter.status) : q.where(NO_ROWS);
  if (filter.requestedBy !== undefined) q = q.where('requested_by', '=', filter.requestedBy);
  const { rows, total } = await pageAndCount(
    q,
    q
      .select(requestColumns)
      .orderBy(REQUEST_SORT[page.sortField], page.sortOrder)
      .orderBy('created_at', page.sortOrder)
      .orderBy('id', page.sortOrder),
    page,
  );
  return { rows: rows.map(toRequest), total };
}

export async function decideRequest(
  db: Kysely<DB>,
  id: string,
  d: {
    status: Exclude<RequestStatus, 'pending'>;
    by: string;
    at: Date;
    comment?: string | null;
    version?: number;
  },
): Promise<PublishRequest> {
  const row = await db
    .updateTable('publish_requests')
    .set({
      status: d.status,
      decided_by: d.by,
      decided_at: d.at,
      decision_comment: d.comment ?? null,
      version: d.version ?? null,
    })
    .where('id', '=', id)
    .returning(requestColumns)
    .executeTakeFirstOrThrow();
  return toRequest(row);
}

/** Voids every pending request of the municipality (the draft it was made from changed). */
export async function voidPendingRequests(
  db: Kysely<DB>,
  m: string,
  by: string,
  at: Date,
  reason: string,
): Promise<PublishRequest[]> {
  const rows = await db
    .updateTable('publish_requests')
    .set({ status: 'void', decided_by: by, decided_at: at, decision_comment: reason })
    .where('municipality_id', '=', m)
    .where('status', '=', 'pending')
    .returning(requestColumns)
    .execute();
  return rows.map(toRequest);
}

/** Who created an API key (for the four-eyes check when a key approves). */
export async function apiKeyCreator(db: Kysely<DB>, keyId: string): Promise<string | null> {
  const row = await db.selectFrom('api_keys').select('created_by').where('id', '=', keyId).executeTakeFirst();
  return row?.created_by ?? null;
}
