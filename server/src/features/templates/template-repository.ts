/** SQL for shared templates and their immutable versions. */
import {
  amongCodes,
  likePattern,
  NO_ROWS,
  pageAndCount,
  type Page,
  type PageOf,
} from '../../db/list-query.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Ruleset } from '../../engine/index.js';

export interface Template {
  id: string;
  name: string;
  /** The municipality that shares it; null for a national template. */
  municipality: string | null;
  createdBy: string;
  createdAt: Date;
  latestVersion: number | null;
  updatedAt: Date | null;
}

export interface TemplateVersionSummary {
  template: string;
  version: number;
  hash: string;
  comment: string | null;
  sourceMunicipality: string | null;
  sourceVersion: number | null;
  createdBy: string;
  createdAt: Date;
}

export interface TemplateVersion extends TemplateVersionSummary {
  document: Ruleset;
}

const versionColumns = [
  'template_id',
  'version',
  'hash',
  'comment',
  'source_municipality',
  'source_version',
  'created_by',
  'created_at',
] as const;

type VersionRow = {
  template_id: string;
  version: number;
  hash: string;
  comment: string | null;
  source_municipality: string | null;
  source_version: number | null;
  created_by: string;
  created_at: Date;
};

function toVersion(r: VersionRow): TemplateVersionSummary {
  return {
    template: r.template_id,
    version: r.version,
    hash: r.hash,
    comment: r.comment,
    sourceMunicipality: r.source_municipality,
    sourceVersion: r.source_version,
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}

function templatesQuery(db: Kysely<DB>) {
  return db.selectFrom('templates as t').leftJoin(
    (eb) =>
      eb
        .selectFrom('template_versions')
        .select((e) => [
          'template_id',
          e.fn.max('version').as('latest_version'),
          e.fn.max('created_at').as('updated_at'),
        ])
        .groupBy('template_id')
        .as('v'),
    (join) => join.onRef('v.template_id', '=', 't.id'),
  );
}

type TemplateRow = {
  id: string;
  name: string;
  municipality_id: string | null;
  created_by: string;
  created_at: Date;
  latest_version: number | null;
  updated_at: Date | null;
};

function toTemplate(r: TemplateRow): Template {
  return {
    id: r.id,
    name: r.name,
    municipality: r.municipality_id,
    createdBy: r.created_by,
    createdAt: r.created_at,
    latestVersion: r.latest_version === null ? null : Number(r.latest_version),
    updatedAt: r.updated_at,
  };
}

const templateColumns = [
  't.id',
  't.name',
  't.municipality_id',
  't.created_by',
  't.created_at',
  'v.latest_version',
  'v.updated_at',
] as const;

export const TEMPLATE_SORT = {
  id: 't.id',
  name: 't.name',
  municipality: 't.municipality_id',
  createdAt: 't.created_at',
  updatedAt: 'v.updated_at',
} as const;

export type TemplateSortField = keyof typeof TEMPLATE_SORT;
export const TEMPLATE_SORTABLE = Object.keys(TEMPLATE_SORT) as TemplateSortField[];

export interface TemplateFilter {
  id?: string[];
  /** Owners: municipality codes, null for national templates. */
  municipality?: (string | null)[];
  /** Free text over id and name. */
  q?: string;
}

export async function listTemplates(
  db: Kysely<DB>,
  filter: TemplateFilter,
  page: Page<TemplateSortField>,
): Promise<PageOf<Template>> {
  let q = templatesQuery(db);
  if (filter.id) q = filter.id.length ? q.where('t.id', 'in', filter.id) : q.where(NO_ROWS);
  if (filter.municipality) q = q.where(amongCodes('t.municipality_id', filter.municipality));
  if (filter.q) {
    const like = likePattern(filter.q);
    q = q.where((eb) => eb.or([eb('t.id', 'ilike', like), eb('t.name', 'ilike', like)]));
  }
  const { rows, total } = await pageAndCount(
    q,
    q
      .select(templateColumns)
      .orderBy(TEMPLATE_SORT[page.sortField], (ob) =>
        (page.sortOrder === 'asc' ? ob.asc() : ob.desc()).nullsLast(),
      )
      .orderBy('t.id', page.sortOrder),
    page,
  );
  return { rows: rows.map((r) => toTemplate(r as TemplateRow)), total };
}

export async function findTemplate(
  db: Kysely<DB>,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<Template | null> {
  if (opts.forUpdate) {
    const locked = await db
      .selectFrom('templates')
      .select('id')
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!locked) return null;
  }
  const row = await templatesQuery(db).select(templateColumns).where('t.id', '=', id).executeTakeFirst();
  return row ? toTemplate(row as TemplateRow) : null;
}

export async function insertTemplate(
  db: Kysely<DB>,
  t: { id: string; name: string; municipality: string | null; createdBy: string },
): Promise<boolean> {
  const rows = await db
    .insertInto('templates')
    .values({ id: t.id, name: t.name, municipality_id: t.municipality, created_by: t.createdBy })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .execute();
  return rows.length > 0;
}

export async function renameTemplate(db: Kysely<DB>, id: string, name: string): Promise<void> {
  await db.updateTable('templates').set({ name }).where('id', '=', id).execute();
}

export const TEMPLATE_VERSION_SORT = { version: 'version', createdAt: 'created_at' } as const;
export type TemplateVersionSortField = keyof typeof TEMPLATE_VERSION_SORT;
export const TEMPLATE_VERSION_SORTABLE = Object.keys(TEMPLATE_VERSION_SORT) as TemplateVersionSortField[];

export async function listTemplateVersions(
  db: Kysely<DB>,
  id: string,
  page: Page<TemplateVersionSortField>,
): Promise<PageOf<TemplateVersionSummary>> {
  const q = db.selectFrom('template_versions').where('template_id', '=', id);
  const { rows, total } = await pageAndCount(
    q,
    q
      .select(versionColumns)
      .orderBy(TEMPLATE_VERSION_SORT[page.sortField], page.sortOrder)
      .orderBy('version', page.sortOrder),
    page,
  );
  return { rows: rows.map(toVersion), total };
}

export async function allTemplateVersions(db: Kysely<DB>, id: string): Promise<TemplateVersionSummary[]> {
  const rows = await db
    .selectFrom('template_versions')
    .select(versionColumns)
    .where('template_id', '=', id)
    .orderBy('version', 'desc')
    .execute();
  return rows.map(toVersion);
}

/** A template version with its document; `version` omitted = the latest. */
export async function findTemplateVersion(
  db: Kysely<DB>,
  id: string,
  version?: number,
): Promise<TemplateVersion | null> {
  let q = db
    .selectFrom('template_versions')
    .select([...versionColumns, 'document'])
    .where('template_id', '=', id);
  q = version === undefined ? q.orderBy('version', 'desc').limit(1) : q.where('version', '=', version);
  const row = await q.executeTakeFirst();
  return row ? { ...toVersion(row), document: row.document } : null;
}

export async function latestTemplateVersionInfo(
  db: Kysely<DB>,
  id: string,
): Promise<{ version: number; hash: string } | null> {
  const row = await db
    .selectFrom('template_versions')
    .select(['version', 'hash'])
    .where('template_id', '=', id)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ?? null;
}

export async function insertTemplateVersion(
  db: Kysely<DB>,
  v: {
    template: string;
    version: number;
    document: Ruleset;
    hash: string;
    sourceMunicipality: string | null;
    sourceVersion: number | null;
    comment: string | null;
    createdBy: string;
  },
): Promise<TemplateVersionSummary> {
  const row = await db
    .insertInto('template_versions')
    .values({
      template_id: v.template,
      version: v.version,
      document: JSON.stringify(v.document),
      hash: v.hash,
      source_municipality: v.sourceMunicipality,
      source_version: v.sourceVersion,
      comment: v.comment,
      created_by: v.createdBy,
    })
    .returning(versionColumns)
    .executeTakeFirstOrThrow();
  return toVersion(row);
}
