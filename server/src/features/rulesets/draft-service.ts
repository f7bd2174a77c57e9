/**
 * The draft (PRODUCT.md §3): one editable draft per municipality, created from a published
 * version (a rollback) or forked from a template, saved against a revision number, discarded.
 * Saving an invalid document is a 422 with pointers and saves nothing (PRODUCT.md §10); a valid
 * save answers with the lint warnings; `validate` checks a document without saving it. Only
 * `basedOn` is guarded on save: it is set by forking and by applying upstream changes, and
 * editing it by hand (e.g. removing it to escape a template's locked rules) is a 422. A draft's
 * revision numbers continue the municipality's sequence across drafts, so a save carrying an old
 * draft's revision is a 409, never an overwrite. Editing, replacing or discarding the draft voids
 * a pending publish request. Every change records an audit event in the same transaction.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { contentHash } from '../../domain/hash.js';
import { issue } from '../../domain/issues.js';
import type { Ruleset, ValidationResult } from '../../engine/index.js';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.js';
import { recordAudit } from '../audit/audit-repository.js';
import { actorOf, type Principal } from '../auth/auth-service.js';
import { findTemplateVersion } from '../templates/template-repository.js';
import { keyedDiff, publicChanges } from './keyed-diff.js';
import {
  deleteDraft as deleteDraftRow,
  findDraft,
  findVersion,
  lastDraftRevision,
  lockMunicipality,
  putDraft,
  saveDraftIfRevision,
  type Draft,
  type DraftDocument,
} from './ruleset-repository.js';
import { voidPendingRequests } from './publish-request-repository.js';
import type { RulesetContext } from './ruleset-service.js';
import { basedOnOf, invalid, validateDocument, type BasedOn } from './ruleset-validation.js';

export interface DraftView {
  revision: number;
  document: DraftDocument;
  updatedAt: Date;
  updatedBy: string;
  basedOn: BasedOn | null;
  validation: ValidationResult;
}

/** Voids the pending publish requests (their draft changed), each with an audit event. */
export async function voidRequests(
  trx: Kysely<DB>,
  m: string,
  actor: string,
  now: Date,
  why: string,
): Promise<string[]> {
  const voided = await voidPendingRequests(trx, m, actor, now, why);
  for (const r of voided) {
    await recordAudit(trx, {
      municipality: m,
      actor,
      action: 'void',
      entity: 'publish_request',
      entityId: r.id,
      before: { status: 'pending', draftRevision: r.draftRevision },
      after: { status: 'void' },
      comment: why,
    });
  }
  return voided.map((r) => r.id);
}

export interface DraftSource {
  version?: number;
  template?: string;
}

/**
 * A municipality's copy of a template version: `basedOn` names it, and the municipality's own
 * registered EAN numbers replace the template's (a template's are never the forker's own).
 */
export function forkOf(template: Ruleset, basedOn: BasedOn, municipalityEans: readonly string[]): Ruleset {
  const { schemaVersion, name, basedOn: _old, ...rest } = structuredClone(template);
  // basedOn right after the name, where people look for it
  const fork: Ruleset = { schemaVersion, name, basedOn: { ...basedOn }, ...rest };
  if (municipalityEans.length > 0) fork.settings = { ...fork.settings, kpEans: [...municipalityEans] };
  return fork;
}

export interface SaveResult {
  revision: number;
  updatedAt: Date;
  updatedBy: string;
  validation: ValidationResult;
  voidedRequests: string[];
}

export function staleRevision(m: string, expected: number, current: number): ConflictError {
  return new ConflictError(
    `The draft of municipality ${m} is at revision ${current}, not ${expected}: someone saved it meanwhile. Reload it and apply your changes again.`,
    { revision: current },
  );
}

export class DraftService {
  constructor(private readonly ctx: RulesetContext) {}

  private async view(d: Draft): Promise<DraftView> {
    return {
      revision: d.revision,
      document: d.document,
      updatedAt: d.updatedAt,
      updatedBy: d.updatedBy,
      basedOn: basedOnOf(d.document),
      validation: await validateDocument(this.ctx.db, d.document, this.ctx.now()),
    };
  }

  async get(m: string): Promise<DraftView> {
    const d = await findDraft(this.ctx.db, m);
    if (!d) throw new NotFoundError(`The draft of municipality ${m}'s ruleset`);
    return this.view(d);
  }

  async create(
    p: Principal,
    m: string,
    input: { from: DraftSource; replace?: boolean; comment?: string },
  ): Promise<DraftView & { voidedRequests: string[] }> {
    const actor = actorOf(p);
    const now = this.ctx.now();
    const { draft, voided } = await this.ctx.db.transaction().execute(async (trx) => {
      const municipality = await lockMunicipality(trx, m);
      if (!municipality) throw new NotFoundError(`Municipality ${m}`);
      const existing = await findDraft(trx, m, { forUpdate: true });
      if (existing && !input.replace) {
        throw new ConflictError(
          `Municipality ${m} already has a draft (revision ${existing.revision}). Save to it, discard it, or create the new one with "replace": true.`,
          { revision: existing.revision },
        );
      }
      let document: Ruleset;
      let source: Record<string, unknown>;
      if (input.from.template !== undefined) {
        const tv = await findTemplateVersion(trx, input.from.template, input.from.version);
        if (!tv) {
          throw new NotFoundError(
            input.from.version === undefined
              ? `Template "${input.from.template}"`
              : `Template "${input.from.template}" version ${input.from.version}`,
          );
        }
        document = forkOf(tv.document, { template: tv.template, version: tv.version }, municipality.eans);
        source = { template: tv.template, version: tv.version, hash: tv.hash };
      } else {
        const version = input.from.version!;
        const v = await findVersion(trx, m, version);
        if (!v) throw new NotFoundError(`Version ${version} of municipality ${m}'s ruleset`);
        document = v.document;
        source = { version, hash: v.hash };
      }
      const revision = Math.max(existing?.revision ?? 0, await lastDraftRevision(trx, m)) + 1;
      await putDraft(trx, m, revision, document, actor, now);
      const voided = existing ? await voidRequests(trx, m, actor, now, 'The draft was replaced.') : [];
      await recordAudit(trx, {
        municipality: m,
        actor,
        action: existing ? 'replace' : 'create',
        entity: 'ruleset_draft',
        entityId: m,
        ...(existing
          ? {
              before: {
                revision: existing.revision,
                hash: contentHash(existing.document),
                document: existing.document,
              },
            }
          : {}),
        after: { revision, from: source, hash: contentHash(document) },
        comment: input.comment ?? null,
      });
      return {
        draft: { municipality: m, revision, document, updatedBy: actor, updatedAt: now } satisfies Draft,
        voided,
      };
    });
    return { ...(await this.view(draft)), voidedRequests: voided };
  }

  async save(
    p: Principal,
    m: string,
    input: { revision: number; document: Record<string, unknown>; comment?: string },
  ): Promise<SaveResult> {
    const actor = actorOf(p);
    const now = this.ctx.now();
    const result = await this.ctx.db.transaction().execute(async (trx) => {
      const before = await findDraft(trx, m);
      if (!before) throw new NotFoundError(`The draft of municipality ${m}'s ruleset`);
      if (before.revision !== input.revision) throw staleRevision(m, input.revision, before.revision);
      const was = basedOnOf(before.document);
      const is = basedOnOf(input.document);
      if (JSON.stringify(was) !== JSON.stringify(is) || (is === null && 'basedOn' in input.document)) {
        throw new ValidationError('basedOn is managed by the platform and cannot be edited.', [
          issue(
            '/document/basedOn',
            'ruleset.basedOnManaged',
            `"basedOn" sættes af platformen (ved oprettelse fra en skabelon og ved overtagelse af skabelonændringer) og kan ikke ændres her; behold ${JSON.stringify(was)}.`,
            `"basedOn" is set by the platform (when forking a template and when applying upstream changes) and cannot be edited here; keep ${JSON.stringify(was)}.`,
          ),
        ]);
      }
      // PRODUCT.md §10: an invalid document is a 422 with pointers, and nothing is saved.
      const validation = await validateDocument(trx, input.document, now);
      if (!validation.valid)
        throw invalid('The document is not valid; nothing was saved. Correct the marked fields.', validation);
      // The race guard: only a draft still at the expected revision is updated.
      const revision = await saveDraftIfRevision(trx, m, input.revision, input.document, actor, now);
      if (revision === null) {
        const current = await findDraft(trx, m);
        if (!current) throw new NotFoundError(`The draft of municipality ${m}'s ruleset`);
        throw staleRevision(m, input.revision, current.revision);
      }
      const voided = await voidRequests(trx, m, actor, now, `The draft was edited (revision ${revision}).`);
      await recordAudit(trx, {
        municipality: m,
        actor,
        action: 'update',
        entity: 'ruleset_draft',
        entityId: m,
        before: { revision: before.revision, hash: contentHash(before.document) },
        after: {
          revision,
          hash: contentHash(input.document),
          changes: publicChanges(keyedDiff(before.document, input.document)),
        },
        comment: input.comment ?? null,
      });
      return { revision, voided, validation };
    });
    return {
      revision: result.revision,
      updatedAt: now,
      updatedBy: actor,
      validation: result.validation,
      voidedRequests: result.voided,
    };
  }

  async discard(
    p: Principal,
    m: string,
    opts: { revision?: number; comment?: string } = {},
  ): Promise<{ voidedRequests: string[] }> {
    const actor = actorOf(p);
    const now = this.ctx.now();
    return this.ctx.db.transaction().execute(async (trx) => {
      const current = await findDraft(trx, m, { forUpdate: true });
      if (!current) throw new NotFoundError(`The draft of municipality ${m}'s ruleset`);
      if (opts.revision !== undefined && opts.revision !== current.revision)
        throw staleRevision(m, opts.revision, current.revision);
      await deleteDraftRow(trx, m);
      const voided = await voidRequests(trx, m, actor, now, 'The draft was discarded.');
      await recordAudit(trx, {
        municipality: m,
        actor,
        action: 'delete',
        entity: 'ruleset_draft',
        entityId: m,
        // The draft's last content is kept here: it exists nowhere else once discarded.
        before: {
          revision: current.revision,
          hash: contentHash(current.document),
          document: current.document,
        },
        comment: opts.comment ?? null,
      });
      return { voidedRequests: voided };
    });
  }

  async validate(m: string, document?: Record<string, unknown>): Promise<ValidationResult> {
    if (document !== undefined) return validateDocument(this.ctx.db, document, this.ctx.now());
    const d = await findDraft(this.ctx.db, m);
    if (!d) throw new NotFoundError(`The draft of municipality ${m}'s ruleset`);
    return validateDocument(this.ctx.db, d.document, this.ctx.now());
  }
}
