/**
 * SQL for drafts and published versions (publish requests: publish-request-repository.ts).
 * Plain functions taking the database or a transaction first, so a service can run several in
 * one transaction. No HTTP here.
 */
import { versionInForceAt } from './version-in-force.js';
import { NO_ROWS, pageAndCount, type Page, type PageOf } from '../../db/list-query.js';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Ruleset } from '../../engine/index.js';

export type DraftDocument = Ruleset | Record<string, unknown>;

export interface Draft {
  municipality: string;
  revision: number;
  document: DraftDocument;
  updatedBy: string;
  updatedAt: Date;
}

export interface VersionSummary {
  version: number;
  hash: string;
  comment: string;
  effectiveFrom: Date;
  publishedBy: string;
  approvedBy: string | null;
  createdAt: Date;
}

export interface Version extends VersionSummary {
  document: Ruleset;
}

/**
 * Locks the municipality's row for the rest of the transaction — every publish, approval and
 * draft creation of one municipality takes this lock first, so version numbers are assigned one
 * at a time (1, 2, 3… without gaps or duplicates). Null when there is no such municipality.
 */
export async function lockMunicipality(
  trx: Kysely<DB>,
  m: string,
): Promise<{ id: string; eans: string[] } | null> {
  const row = await trx
    .selectFrom('municipalities')
    .select(['id', 'eans'])
    .where('id', '=', m)
    .forUpdate()
    .executeTakeFirst();
  return row ?? null;
}

/**
 * `governance.requireApproval` of the version in force at `at` — or, when none is in force yet
 * (only scheduled ones), of the newest version; null when nothing is published.
 */
export async function publishedRequireApproval(db: Kysely<DB>, m: string, at: Date): Promise<boolean | null> {
  const flag = sql<boolean | null>`(document -> 'governance' ->> 'requireApproval')::boolean`;
  const rows = await db
    .selectFrom('ruleset_versions')
    .select(['version', 'effective_from', flag.as('flag')])
    .where('municipality_id', '=', m)
    .orderBy('version', 'desc')
    .execute();
  const versions = rows.map((r) => ({ version: r.version, effectiveFrom: r.effective_from, flag: r.flag }));
  const row = versionInForceAt(versions, at) ?? versions[0];
  return row ? row.flag === true : null;
}

// ---- drafts ----

export async function findDraft(
  db: Kysely<DB>,
  m: string,
  opts: { forUpdate?: boolean } = {},
): Promise<Draft | null> {
  let q = db
    .selectFrom('ruleset_drafts')
    .select(['municipality_id', 'revision', 'document', 'updated_by', 'updated_at'])
    .where('municipality_id', '=', m);
  if (opts.forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row
    ? {
        municipality: row.municipality_id,
        revision: row.revision,
        document: row.document,
        updatedBy: row.updated_by,
        updatedAt: row.updated_at,
      }
    : null;
}

/** The draft's metadata without its (possibly large) document. */
export async function findDraftInfo(db: Kysely<DB>, m: string): Promise<Omit<Draft, 'document'> | null> {
  const row = await db
    .selectFrom('ruleset_drafts')
    .select(['municipality_id', 'revision', 'updated_by', 'updated_at'])
    .where('municipality_id', '=', m)
    .executeTakeFirst();
  return row
    ? {
        municipality: row.municipality_id,
        revision: row.revision,
        updatedBy: row.updated_by,
        updatedAt: row.updated_at,
      }
    : null;
}

/** The last revision any earlier draft of the municipality reached (0 when none). */
export async function lastDraftRevision(db: Kysely<DB>, m: string): Promise<number> {
  const row = await db
    .selectFrom('ruleset_draft_counters')
    .select('last_revision')
    .where('municipality_id', '=', m)
    .executeTakeFirst();
  return row?.last_revision ?? 0;
}

async function rememberRevision(db: Kysely<DB>, m: string, revision: number): Promise<void> {
  await db
    .insertInto('ruleset_draft_counters')
    .values({ municipality_id: m, last_revision: revision })
    .onConflict((oc) =>
      oc.column('municipality_id').doUpdateSet({
        last_revision: sql<number>`greatest(ruleset_draft_counters.last_revision, excluded.last_revision)`,
      }),
    )
    .execute();
}

/** Creates or replaces the draft at `revision`. */
export async function putDraft(
  db: Kysely<DB>,
  m: string,
  revision: number,
  document: DraftDocument,
  actor: string,
  now: Date,
): Promise<void> {
  const values = { revision, document: JSON.stringify(document), updated_by: actor, updated_at: now };
  await db
    .insertInto('ruleset_drafts')
    .values({ municipality_id: m, ...values })
    .onConflict((oc) => oc.column('municipality_id').doUpdateSet(values))
    .execute();
}

/**
 * Saves the draft only if it is still at `expected` — one conditional UPDATE, so of two
 * concurrent saves of one revision exactly one matches (PostgreSQL re-checks the WHERE on the
 * row the first one committed). Returns the new revision, or null when nothing matched.
 */
export async function saveDraftIfRevision(
  db: Kysely<DB>,
  m: string,
  expected: number,
  document: DraftDocument,
  actor: string,
  now: Date,
): Promise<number | null> {
  const row = await db
    .updateTable('ruleset_drafts')
    .set({
      revision: sql<number>`revision + 1`,
      document: JSON.stringify(document),
      updated_by: actor,
      updated_at: now,
    })
    .where('municipality_id', '=', m)
    .where('revision', '=', expected)
    .returning('revision')
    .executeTakeFirst();
  return row?.revision ?? null;
}

/** Deletes the draft, remembering its revision so the next draft continues the numbering. */
export async function deleteDraft(db: Kysely<DB>, m: string): Promise<Draft | null> {
  const row = await db
    .deleteFrom('ruleset_drafts')
    .where('municipality_id', '=', m)
    .returning(['municipality_id', 'revision', 'document', 'updated_by', 'updated_at'])
    .executeTakeFirst();
  if (!row) return null;
  await rememberRevision(db, m, row.revision);
  return {
    municipality: row.municipality_id,
    revision: row.revision,
    document: row.document,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  };
}

// ---- versions ----

const versionSummaryColumns = [
  'version',
  'hash',
  'comment',
  'effective_from',
  'published_by',
  'approved_by',
  'created_at',
] as const;

type VersionRow = {
  version: number;
  hash: string;
  comment: string;
  effective_from: Date;
  published_by: string;
  approved_by: string | null;
  created_at: Date;
};

function toSummary(r: VersionRow): VersionSummary {
  return {
    version: r.version,
    hash: r.hash,
    comment: r.comment,
    effectiveFrom: r.effective_from,
    publishedBy: r.published_by,
    approvedBy: r.approved_by,
    createdAt: r.created_at,
  };
}

export const VERSION_SORT = {
  version: 'version',
  effectiveFrom: 'effective_from',
  createdAt: 'created_at',
} as const;

export type VersionSortField = keyof typeof VERSION_SORT;
export const VERSION_SORTABLE = Object.keys(VERSION_SORT) as VersionSortField[];

export interface VersionListFilter {
  publishedBy?: string;
  approvedBy?: string;
  version?: number[];
}

/** Every published version's summary, newest first — for the overview. */
export async function allVersionSummaries(db: Kysely<DB>, m: string): Promise<VersionSummary[]> {
  const rows = await db
    .selectFrom('ruleset_versions')
    .select(versionSummaryColumns)
    .where('municipality_id', '=', m)
    .orderBy('version', 'desc')
    .execute();
  return rows.map(toSummary);
}

export async function listVersionSummaries(
  db: Kysely<DB>,
  m: string,
  filter: VersionListFilter,
  page: Page<VersionSortField>,
): Promise<PageOf<VersionSummary>> {
  let q = db.selectFrom('ruleset_versions').where('municipality_id', '=', m);
  if (filter.publishedBy !== undefined) q = q.where('published_by', '=', filter.publishedBy);
  if (filter.approvedBy !== undefined) q = q.where('approved_by', '=', filter.approvedBy);
  if (filter.version) q = filter.version.length ? q.where('version', 'in', filter.version) : q.where(NO_ROWS);
  const { rows, total } = await pageAndCount(
    q,
    q
      .select(versionSummaryColumns)
      .orderBy(VERSION_SORT[page.sortField], page.sortOrder)
      .orderBy('version', page.sortOrder),
    page,
  );
  return { rows: rows.map(toSummary), total };
}

export async function findVersion(db: Kysely<DB>, m: string, version: number): Promise<Version | null> {
  const row = await db
    .selectFrom('ruleset_versions')
    .select([...versionSummaryColumns, 'document'])
    .where('municipality_id', '=', m)
    .where('version', '=', version)
    .executeTakeFirst();
  return row ? { ...toSummary(row), document: row.document } : null;
}

/** The version in force at `at`: the latest effectiveFrom not after it (ties: the higher number). */
/** The version in force at `at` (version-in-force.ts), with its document — inside a transaction too. */
export async function versionInForce(db: Kysely<DB>, m: string, at: Date): Promise<Version | null> {
  const inForce = versionInForceAt(await allVersionSummaries(db, m), at);
  return inForce ? findVersion(db, m, inForce.version) : null;
}

/** The highest version number (0 when none); call with the municipality locked. */
export async function latestVersionNumber(db: Kysely<DB>, m: string): Promise<number> {
  const row = await db
    .selectFrom('ruleset_versions')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('municipality_id', '=', m)
    .executeTakeFirst();
  return Number(row?.v ?? 0);
}

export async function insertVersion(
  db: Kysely<DB>,
  v: {
    municipality: string;
    version: number;
    document: Ruleset;
    hash: string;
    comment: string;
    effectiveFrom: Date;
    publishedBy: string;
    approvedBy: string | null;
  },
): Promise<VersionSummary> {
  const row = await db
    .insertInto('ruleset_versions')
    .values({
      municipality_id: v.municipality,
      version: v.version,
      document: JSON.stringify(v.document),
      hash: v.hash,
      comment: v.comment,
      effective_from: v.effectiveFrom,
      published_by: v.publishedBy,
      approved_by: v.approvedBy,
    })
    .returning(versionSummaryColumns)
    .executeTakeFirstOrThrow();
  return toSummary(row);
}
