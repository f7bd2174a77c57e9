/**
 * Shared ruleset templates (PRODUCT.md §3). Every template is readable by every municipality.
 *
 * - A municipality's administrator shares one of its published versions as a template, or as a
 *   new version of a template the municipality already owns. The template's copy carries no KP
 *   EAN numbers (they are the sharer's own; a fork gets the forker's — see forkOf).
 * - The platform administrator publishes national templates from a JSON document (validated like
 *   any ruleset); the bundled files in rulesets/templates/ are loaded as national templates on
 *   start (loadBundledTemplates).
 * - Template versions are immutable and numbered 1, 2, 3…; a version identical to the latest
 *   one is refused (409) rather than stored twice.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { rulesetHash, type Ruleset } from '../../engine/index.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../http/errors.js';
import { recordAudit } from '../audit/audit-repository.js';
import { actorOf, type Principal } from '../auth/auth-service.js';
import { keyedDiff, publicChanges } from '../rulesets/keyed-diff.js';
import { findVersion } from '../rulesets/ruleset-repository.js';
import type { RulesetContext } from '../rulesets/ruleset-service.js';
import { validateDocument } from '../rulesets/ruleset-validation.js';
import {
  allTemplateVersions,
  findTemplate,
  listTemplates as listTemplateRows,
  listTemplateVersions,
  findTemplateVersion,
  insertTemplate,
  insertTemplateVersion,
  renameTemplate,
  type Template,
  type TemplateFilter,
  type TemplateSortField,
  type TemplateVersionSortField,
  type TemplateVersionSummary,
} from './template-repository.js';
import type { Page, PageOf } from '../../db/list-query.js';
import { fromRoot } from '../../paths.js';

export const BUNDLED_TEMPLATES_DIR = fromRoot('rulesets/templates');

export type SharedVersion = Template & { version: TemplateVersionSummary };

/** A published version as a template's content: without the sharer's own EAN numbers. */
export function templateDocumentOf(doc: Ruleset): Ruleset {
  const copy = structuredClone(doc);
  copy.settings = { ...copy.settings, kpEans: [] };
  return copy;
}

interface NewVersion {
  id: string;
  name: string;
  owner: string | null;
  document: Ruleset;
  sourceMunicipality: string | null;
  sourceVersion: number | null;
  comment: string | null;
  actor: string;
}

/** Adds a version to a template (creating the template), in the caller's transaction. */
async function addVersion(
  trx: Kysely<DB>,
  v: NewVersion,
  opts: { identical: 'conflict' | 'skip' },
): Promise<SharedVersion | null> {
  const created = await insertTemplate(trx, {
    id: v.id,
    name: v.name,
    municipality: v.owner,
    createdBy: v.actor,
  });
  const t = (await findTemplate(trx, v.id, { forUpdate: true }))!;
  if (t.municipality !== v.owner) {
    throw new ForbiddenError(
      t.municipality === null
        ? `Template "${v.id}" is a national template; only the platform administrator publishes its versions.`
        : `Template "${v.id}" belongs to municipality ${t.municipality}; only its administrators publish its versions.`,
    );
  }
  const previous = t.latestVersion === null ? null : await findTemplateVersion(trx, v.id, t.latestVersion);
  const hash = rulesetHash(v.document);
  if (previous && previous.hash === hash) {
    if (opts.identical === 'skip') return null;
    throw new ConflictError(`The content is identical to template "${v.id}" version ${previous.version}.`, {
      version: previous.version,
    });
  }
  const version = await insertTemplateVersion(trx, {
    template: v.id,
    version: (previous?.version ?? 0) + 1,
    document: v.document,
    hash,
    sourceMunicipality: v.sourceMunicipality,
    sourceVersion: v.sourceVersion,
    comment: v.comment,
    createdBy: v.actor,
  });
  const renamed = !created && t.name !== v.name;
  if (renamed) await renameTemplate(trx, v.id, v.name);
  await recordAudit(trx, {
    municipality: v.sourceMunicipality,
    actor: v.actor,
    action: created ? 'create' : 'publish',
    entity: 'template_version',
    entityId: `${v.id}/${version.version}`,
    ...(previous ? { before: { version: previous.version, hash: previous.hash, name: t.name } } : {}),
    after: {
      template: v.id,
      name: v.name,
      owner: v.owner,
      version: version.version,
      hash,
      source:
        v.sourceMunicipality === null
          ? null
          : { municipality: v.sourceMunicipality, version: v.sourceVersion },
      changes: publicChanges(keyedDiff(previous?.document ?? null, v.document)),
    },
    comment: v.comment,
  });
  return { ...t, name: v.name, latestVersion: version.version, updatedAt: version.createdAt, version };
}

/** Templates as the routes read and share them. */
export class TemplateService {
  constructor(private readonly ctx: RulesetContext) {}

  /** `national: true` lists only the national templates (owned by no municipality). */
  list(
    { national, ...filter }: TemplateFilter & { national?: boolean },
    page: Page<TemplateSortField>,
  ): Promise<PageOf<Template>> {
    return listTemplateRows(
      this.ctx.db,
      national === true ? { ...filter, municipality: [null] } : filter,
      page,
    );
  }

  async versions(id: string, page: Page<TemplateVersionSortField>): Promise<PageOf<TemplateVersionSummary>> {
    if (!(await findTemplate(this.ctx.db, id))) throw new NotFoundError(`Template "${id}"`);
    return listTemplateVersions(this.ctx.db, id, page);
  }

  async get(id: string): Promise<Template & { versions: TemplateVersionSummary[] }> {
    const t = await findTemplate(this.ctx.db, id);
    if (!t) throw new NotFoundError(`Template "${id}"`);
    return { ...t, versions: await allTemplateVersions(this.ctx.db, id) };
  }

  async getVersion(id: string, version: number) {
    const v = await findTemplateVersion(this.ctx.db, id, version);
    if (!v) throw new NotFoundError(`Template "${id}" version ${version}`);
    return v;
  }

  /** Shares municipality `m`'s published version as a (new version of a) template owned by `m`. */
  async share(
    p: Principal,
    input: { id: string; name: string; municipality: string; version: number; comment?: string },
  ): Promise<SharedVersion> {
    return this.ctx.db.transaction().execute(async (trx) => {
      const source = await findVersion(trx, input.municipality, input.version);
      if (!source)
        throw new NotFoundError(`Version ${input.version} of municipality ${input.municipality}'s ruleset`);
      return (await addVersion(
        trx,
        {
          id: input.id,
          name: input.name,
          owner: input.municipality,
          document: templateDocumentOf(source.document),
          sourceMunicipality: input.municipality,
          sourceVersion: input.version,
          comment: input.comment ?? null,
          actor: actorOf(p),
        },
        { identical: 'conflict' },
      ))!;
    });
  }

  /** Publishes a national template (or a new version of one) from a ruleset document. */
  async publishNational(
    p: Principal,
    input: { id: string; name: string; document: Record<string, unknown>; comment?: string },
  ): Promise<SharedVersion> {
    const validation = await validateDocument(this.ctx.db, input.document, this.ctx.now());
    if (!validation.valid) {
      throw new ValidationError(
        'The template document is not a valid ruleset.',
        validation.errors.map((e) => ({ ...e, pointer: `/document${e.pointer}` })),
        { warnings: validation.warnings },
      );
    }
    return this.ctx.db.transaction().execute(async (trx) => {
      return (await addVersion(
        trx,
        {
          id: input.id,
          name: input.name,
          owner: null,
          document: input.document as unknown as Ruleset,
          sourceMunicipality: null,
          sourceVersion: null,
          comment: input.comment ?? null,
          actor: actorOf(p),
        },
        { identical: 'conflict' },
      ))!;
    });
  }
}

/**
 * Loads the bundled templates (rulesets/templates/<id>.json) as national templates: version 1
 * on first start, a new version whenever the file's content differs from the latest stored
 * version, nothing otherwise. Idempotent, and safe when several servers start at once (the
 * template row is locked). A bundled file that is not a valid ruleset stops the start.
 */
export async function loadBundledTemplates(
  database: Pick<Database, 'db' | 'kind'>,
  dir: string = BUNDLED_TEMPLATES_DIR,
  now: Date = new Date(),
): Promise<{ id: string; version: number }[]> {
  const files = (await readdir(dir)).filter((f) => /^[a-z0-9][a-z0-9-]*\.json$/.test(f)).sort();
  const loaded: { id: string; version: number }[] = [];
  for (const file of files) {
    const id = file.replace(/\.json$/, '');
    const document = JSON.parse(await readFile(path.join(dir, file), 'utf8')) as Ruleset;
    const validation = await validateDocument(database.db, document, now);
    if (!validation.valid) {
      const first = validation.errors
        .slice(0, 5)
        .map((e) => `${e.pointer}: ${e.message}`)
        .join('; ');
      throw new Error(`The bundled template ${file} is not a valid ruleset: ${first}`);
    }
    const added = await database.db.transaction().execute((trx) =>
      addVersion(
        trx,
        {
          id,
          name: document.name,
          owner: null,
          document,
          sourceMunicipality: null,
          sourceVersion: null,
          comment: `Indlæst fra den medfølgende fil rulesets/templates/${file}.`,
          actor: 'system',
        },
        { identical: 'skip' },
      ),
    );
    if (added) loaded.push({ id, version: added.version.version });
  }
  return loaded;
}
