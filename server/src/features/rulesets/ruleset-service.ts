/**
 * The ruleset workflow (PRODUCT.md §3): one editable draft per municipality, saved against a
 * revision number; publishing (directly, or through a publish request another administrator
 * approves — the four-eyes principle); immutable, numbered versions, possibly scheduled;
 * rollback; diffs. Every change records an audit event in the same transaction. No HTTP here:
 * errors are AppErrors, and the routes translate.
 *
 * Decisions the specification leaves open:
 * - Publishing consumes the draft (it is deleted when its version is created). The next draft is
 *   created from a version or a template; its revision numbers continue the municipality's
 *   sequence, so a save carrying an old draft's revision is a 409, never an overwrite.
 * - Saving an invalid document is a 422 with pointers and saves nothing (PRODUCT.md §10); a valid
 *   save answers with the lint warnings. `POST …/draft/validate` checks a document without saving.
 *   Only `basedOn` is guarded on save: it is set by forking and by applying upstream changes,
 *   and editing it by hand (e.g. removing it to escape a template's locked rules) is a 422.
 * - The approval setting that counts is the one in force: the version in force now, else the
 *   newest published version, else (nothing published yet) the draft's own.
 * - One pending request at a time; publishing again while one is pending is a 409. Editing,
 *   replacing or discarding the draft voids it. The author may reject (withdraw) their own
 *   request, but never approve it — nor through an API key they created.
 * - effectiveFrom may not lie in the past (more than a minute, for clock skew): a retroactive
 *   version would change which version "was" in force for documents already decided. A request
 *   approved after its effectiveFrom takes effect at approval.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AppContext } from '../../context.js';
import type { DB } from '../../db/schema.js';
import { contentHash } from '../../domain/hash.js';
import { issue, type Issue } from '../../domain/issues.js';
import { structuralDiff, type Difference } from '../../domain/json-diff.js';
import {
  describeRulesetChange,
  rulesetHash,
  type ChangeText,
  type Ruleset,
  type ValidationResult,
} from '../../engine/index.js';
import { validateRulesetDocument } from '../../rulesets-validation.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../http/errors.js';
import { recordAudit } from '../audit/audit-repository.js';
import { actorOf, type Principal } from '../auth/auth-service.js';
import { findTemplateVersion } from '../templates/template-repository.js';
import { keyedDiff, publicChanges } from './keyed-diff.js';
import {
  allVersionSummaries,
  apiKeyCreator,
  decideRequest,
  deleteDraft as deleteDraftRow,
  findDraft,
  findDraftInfo,
  findRequest,
  findVersion,
  insertRequest,
  insertVersion,
  lastDraftRevision,
  latestVersionNumber,
  lockMunicipality,
  pendingRequest,
  publishedRequireApproval,
  putDraft,
  saveDraftIfRevision,
  voidPendingRequests,
  type Draft,
  type DraftDocument,
  type PublishRequest,
  type VersionSummary,
} from './ruleset-repository.js';
import { RULESET_CHANNEL } from './ruleset-resolver.js';

export type RulesetContext = Pick<AppContext, 'db' | 'database' | 'now'>;

/** How far in the past an effectiveFrom may lie (clock skew) before it is refused. */
const EFFECTIVE_FROM_TOLERANCE_MS = 60_000;

export interface BasedOn {
  template: string;
  version: number;
}

export function basedOnOf(doc: unknown): BasedOn | null {
  if (doc === null || typeof doc !== 'object') return null;
  const b = (doc as { basedOn?: unknown }).basedOn;
  if (b === null || typeof b !== 'object') return null;
  const { template, version } = b as Record<string, unknown>;
  return typeof template === 'string' && Number.isInteger(version)
    ? { template, version: version as number }
    : null;
}

function requiresApprovalInDoc(doc: unknown): boolean {
  const g = (doc as { governance?: { requireApproval?: unknown } } | null)?.governance;
  return g?.requireApproval === true;
}

// ---- validation ----

/**
 * Validates a ruleset document as publishing would: the JSON Schema, cross-references, the
 * intake settings, and — when it is based on a template — that the template version exists and
 * its locked rules are kept.
 */
export async function validateDocument(db: Kysely<DB>, doc: unknown, now: Date): Promise<ValidationResult> {
  const basedOn = basedOnOf(doc);
  const extra: Issue[] = [];
  let template: Ruleset | undefined;
  if (basedOn) {
    const tv = await findTemplateVersion(db, basedOn.template, basedOn.version);
    if (tv) template = tv.document;
    else
      extra.push(
        issue(
          '/basedOn',
          'ruleset.unknownTemplate',
          `Skabelonen "${basedOn.template}" version ${basedOn.version} findes ikke.`,
          `Template "${basedOn.template}" version ${basedOn.version} does not exist.`,
        ),
      );
  }
  const result = validateRulesetDocument(doc, {
    today: now.toISOString().slice(0, 10),
    ...(template ? { template } : {}),
  });
  return extra.length === 0
    ? result
    : { valid: false, errors: [...result.errors, ...extra], warnings: result.warnings };
}

function invalid(detail: string, result: ValidationResult): ValidationError {
  return new ValidationError(detail, result.errors, { warnings: result.warnings });
}

// ---- overview and versions ----

export interface VersionListItem extends VersionSummary {
  scheduled: boolean;
}

export interface RulesetOverview {
  draft: { revision: number; updatedAt: Date; updatedBy: string } | null;
  active: { version: number; effectiveFrom: Date } | null;
  versions: VersionListItem[];
  requireApproval: boolean;
  pendingRequest?: PublishRequest;
}

/** The version in force at `now` among summaries (latest effectiveFrom not after it; ties: higher number). */
export function activeOf<T extends VersionSummary>(versions: readonly T[], now: Date): T | null {
  let best: T | null = null;
  for (const v of versions) {
    if (v.effectiveFrom.getTime() > now.getTime()) continue;
    if (
      !best ||
      v.effectiveFrom.getTime() > best.effectiveFrom.getTime() ||
      (v.effectiveFrom.getTime() === best.effectiveFrom.getTime() && v.version > best.version)
    )
      best = v;
  }
  return best;
}

export function withScheduled(v: VersionSummary, now: Date): VersionListItem {
  return { ...v, scheduled: v.effectiveFrom.getTime() > now.getTime() };
}

export async function rulesetOverview(ctx: RulesetContext, m: string): Promise<RulesetOverview> {
  const now = ctx.now();
  const [draft, versions, pending, published] = await Promise.all([
    findDraftInfo(ctx.db, m),
    allVersionSummaries(ctx.db, m),
    pendingRequest(ctx.db, m),
    publishedRequireApproval(ctx.db, m, now),
  ]);
  const active = activeOf(versions, now);
  let requireApproval = published;
  if (requireApproval === null) {
    requireApproval = draft ? requiresApprovalInDoc((await findDraft(ctx.db, m))?.document) : false;
  }
  return {
    draft: draft
      ? { revision: draft.revision, updatedAt: draft.updatedAt, updatedBy: draft.updatedBy }
      : null,
    active: active ? { version: active.version, effectiveFrom: active.effectiveFrom } : null,
    versions: versions.map((v) => withScheduled(v, now)),
    requireApproval,
    ...(pending ? { pendingRequest: pending } : {}),
  };
}

export async function getVersion(ctx: RulesetContext, m: string, version: number) {
  const v = await findVersion(ctx.db, m, version);
  if (!v) throw new NotFoundError(`Version ${version} of municipality ${m}'s ruleset`);
  return { ...withScheduled(v, ctx.now()), document: v.document };
}

// ---- the draft ----

export interface DraftView {
  revision: number;
  document: DraftDocument;
  updatedAt: Date;
  updatedBy: string;
  basedOn: BasedOn | null;
  validation: ValidationResult;
}

async function draftView(ctx: RulesetContext, d: Draft): Promise<DraftView> {
  return {
    revision: d.revision,
    document: d.document,
    updatedAt: d.updatedAt,
    updatedBy: d.updatedBy,
    basedOn: basedOnOf(d.document),
    validation: await validateDocument(ctx.db, d.document, ctx.now()),
  };
}

export async function getDraft(ctx: RulesetContext, m: string): Promise<DraftView> {
  const d = await findDraft(ctx.db, m);
  if (!d) throw new NotFoundError(`The draft of municipality ${m}'s ruleset`);
  return draftView(ctx, d);
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

export async function createDraft(
  ctx: RulesetContext,
  p: Principal,
  m: string,
  input: { from: DraftSource; replace?: boolean; comment?: string },
): Promise<DraftView & { voidedRequests: string[] }> {
  const actor = actorOf(p);
  const now = ctx.now();
  const { draft, voided } = await ctx.db.transaction().execute(async (trx) => {
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
  return { ...(await draftView(ctx, draft)), voidedRequests: voided };
}

export interface SaveResult {
  revision: number;
  updatedAt: Date;
  updatedBy: string;
  validation: ValidationResult;
  voidedRequests: string[];
}

function staleRevision(m: string, expected: number, current: number): ConflictError {
  return new ConflictError(
    `The draft of municipality ${m} is at revision ${current}, not ${expected}: someone saved it meanwhile. Reload it and apply your changes again.`,
    { revision: current },
  );
}

export async function saveDraft(
  ctx: RulesetContext,
  p: Principal,
  m: string,
  input: { revision: number; document: Record<string, unknown>; comment?: string },
): Promise<SaveResult> {
  const actor = actorOf(p);
  const now = ctx.now();
  const result = await ctx.db.transaction().execute(async (trx) => {
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

export async function discardDraft(
  ctx: RulesetContext,
  p: Principal,
  m: string,
  opts: { revision?: number; comment?: string } = {},
): Promise<{ voidedRequests: string[] }> {
  const actor = actorOf(p);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
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
      before: { revision: current.revision, hash: contentHash(current.document), document: current.document },
      comment: opts.comment ?? null,
    });
    return { voidedRequests: voided };
  });
}

export async function validateDraft(
  ctx: RulesetContext,
  m: string,
  document?: Record<string, unknown>,
): Promise<ValidationResult> {
  if (document !== undefined) return validateDocument(ctx.db, document, ctx.now());
  const d = await findDraft(ctx.db, m);
  if (!d) throw new NotFoundError(`The draft of municipality ${m}'s ruleset`);
  return validateDocument(ctx.db, d.document, ctx.now());
}

// ---- publishing ----

async function insertNextVersion(
  trx: Kysely<DB>,
  v: {
    municipality: string;
    document: Ruleset;
    comment: string;
    effectiveFrom: Date;
    publishedBy: string;
    approvedBy: string | null;
    actor: string;
    requestId?: string;
  },
): Promise<VersionSummary> {
  // The municipality's row is locked by the caller: numbering is serial.
  const previous = await latestVersionNumber(trx, v.municipality);
  const hash = rulesetHash(v.document);
  const summary = await insertVersion(trx, {
    municipality: v.municipality,
    version: previous + 1,
    document: v.document,
    hash,
    comment: v.comment,
    effectiveFrom: v.effectiveFrom,
    publishedBy: v.publishedBy,
    approvedBy: v.approvedBy,
  });
  const prev = previous > 0 ? await findVersion(trx, v.municipality, previous) : null;
  await recordAudit(trx, {
    municipality: v.municipality,
    actor: v.actor,
    action: 'publish',
    entity: 'ruleset_version',
    entityId: String(summary.version),
    ...(prev ? { before: { version: prev.version, hash: prev.hash } } : {}),
    after: {
      version: summary.version,
      hash,
      effectiveFrom: summary.effectiveFrom.toISOString(),
      publishedBy: v.publishedBy,
      approvedBy: v.approvedBy,
      ...(v.requestId ? { request: v.requestId } : {}),
      changes: publicChanges(keyedDiff(prev?.document ?? null, v.document)),
    },
    comment: v.comment,
  });
  return summary;
}

function effectiveFromOf(requested: string | undefined, now: Date): Date {
  if (requested === undefined) return now;
  const at = new Date(requested);
  if (Number.isNaN(at.getTime())) {
    throw new ValidationError('effectiveFrom is not a valid time.', [
      issue('/effectiveFrom', 'publish.effectiveFrom', 'Ugyldigt tidspunkt.', 'Not a valid time.'),
    ]);
  }
  if (at.getTime() < now.getTime() - EFFECTIVE_FROM_TOLERANCE_MS) {
    throw new ValidationError('effectiveFrom lies in the past.', [
      issue(
        '/effectiveFrom',
        'publish.effectiveFromPast',
        'Ikrafttrædelsen må ikke ligge i fortiden; udelad den for at udgive nu, eller vælg et fremtidigt tidspunkt.',
        'The effective time must not lie in the past; leave it out to publish now, or choose a future time.',
      ),
    ]);
  }
  return at.getTime() < now.getTime() ? now : at;
}

export type PublishResult =
  { kind: 'version'; version: VersionListItem } | { kind: 'request'; request: PublishRequest };

export async function publishDraft(
  ctx: RulesetContext,
  p: Principal,
  m: string,
  input: { comment: string; effectiveFrom?: string; revision?: number },
): Promise<PublishResult> {
  const actor = actorOf(p);
  const now = ctx.now();
  const effectiveFrom = effectiveFromOf(input.effectiveFrom, now);
  const result = await ctx.db.transaction().execute(async (trx): Promise<PublishResult> => {
    if (!(await lockMunicipality(trx, m))) throw new NotFoundError(`Municipality ${m}`);
    const draft = await findDraft(trx, m, { forUpdate: true });
    if (!draft) throw new NotFoundError(`The draft of municipality ${m}'s ruleset`);
    if (input.revision !== undefined && input.revision !== draft.revision)
      throw staleRevision(m, input.revision, draft.revision);
    const validation = await validateDocument(trx, draft.document, now);
    if (!validation.valid)
      throw invalid('The draft is not valid; correct the errors before publishing.', validation);
    const document = draft.document as Ruleset;
    const inForce = await publishedRequireApproval(trx, m, now);
    const requireApproval = inForce ?? requiresApprovalInDoc(document);
    if (requireApproval) {
      const pending = await pendingRequest(trx, m);
      if (pending) {
        throw new ConflictError(
          `A publish request (${pending.id}) is already waiting for approval; approve or reject it first — or edit the draft, which voids it.`,
          { request: pending.id },
        );
      }
      const request = await insertRequest(trx, {
        id: randomUUID(),
        municipality: m,
        draftRevision: draft.revision,
        document,
        comment: input.comment,
        effectiveFrom: input.effectiveFrom === undefined ? null : effectiveFrom,
        requestedBy: actor,
      });
      await recordAudit(trx, {
        municipality: m,
        actor,
        action: 'request',
        entity: 'publish_request',
        entityId: request.id,
        after: {
          status: 'pending',
          draftRevision: draft.revision,
          hash: rulesetHash(document),
          effectiveFrom: request.effectiveFrom?.toISOString() ?? null,
        },
        comment: input.comment,
      });
      return { kind: 'request', request };
    }
    const version = await insertNextVersion(trx, {
      municipality: m,
      document,
      comment: input.comment,
      effectiveFrom,
      publishedBy: actor,
      approvedBy: null,
      actor,
    });
    await deleteDraftRow(trx, m);
    // Only possible when the setting in force changed since a request was made (a scheduled
    // version took effect): the request's draft is gone now, so it can no longer be approved.
    await voidRequests(trx, m, actor, now, `The draft was published directly as version ${version.version}.`);
    return { kind: 'version', version: withScheduled(version, now) };
  });
  if (result.kind === 'version') await ctx.database.notify(RULESET_CHANNEL, m);
  return result;
}

export async function getPublishRequest(ctx: RulesetContext, m: string, id: string) {
  const r = await findRequest(ctx.db, m, id);
  if (!r) throw new NotFoundError(`Publish request ${id}`);
  return { ...r, hash: rulesetHash(r.document) };
}

function notPending(r: PublishRequest): ConflictError {
  return new ConflictError(
    `The publish request is ${r.status}${r.version ? ` (version ${r.version})` : ''}; only a pending request can be decided.`,
    { requestStatus: r.status },
  );
}

/** The four-eyes check: nobody approves their own request, not even through an API key they created. */
async function assertNotAuthor(trx: Kysely<DB>, p: Principal, r: PublishRequest): Promise<void> {
  const msg =
    'You requested this publication yourself; another administrator of the municipality must approve it (four-eyes principle).';
  if (actorOf(p) === r.requestedBy) throw new ForbiddenError(msg);
  if (p.kind === 'apiKey') {
    const creator = await apiKeyCreator(trx, p.id);
    if (creator !== null && (creator === r.requestedBy || `user:${creator}` === r.requestedBy)) {
      throw new ForbiddenError(`${msg} This API key was created by the requester.`);
    }
  }
}

export async function approveRequest(
  ctx: RulesetContext,
  p: Principal,
  m: string,
  id: string,
  comment?: string,
): Promise<{ version: VersionListItem; request: PublishRequest }> {
  const actor = actorOf(p);
  const now = ctx.now();
  const result = await ctx.db.transaction().execute(async (trx) => {
    if (!(await lockMunicipality(trx, m))) throw new NotFoundError(`Municipality ${m}`);
    // Lock order (draft, then request) is the same as a save's: no deadlock between them.
    const draft = await findDraft(trx, m, { forUpdate: true });
    const r = await findRequest(trx, m, id, { forUpdate: true });
    if (!r) throw new NotFoundError(`Publish request ${id}`);
    if (r.status !== 'pending') throw notPending(r);
    await assertNotAuthor(trx, p, r);
    const validation = await validateDocument(trx, r.document, now);
    if (!validation.valid) throw invalid('The requested version is no longer valid.', validation);
    const effectiveFrom =
      r.effectiveFrom && r.effectiveFrom.getTime() > now.getTime() ? r.effectiveFrom : now;
    const version = await insertNextVersion(trx, {
      municipality: m,
      document: r.document,
      comment: r.comment,
      effectiveFrom,
      publishedBy: r.requestedBy,
      approvedBy: actor,
      actor,
      requestId: r.id,
    });
    const request = await decideRequest(trx, r.id, {
      status: 'approved',
      by: actor,
      at: now,
      comment: comment ?? null,
      version: version.version,
    });
    await recordAudit(trx, {
      municipality: m,
      actor,
      action: 'approve',
      entity: 'publish_request',
      entityId: r.id,
      before: { status: 'pending' },
      after: { status: 'approved', version: version.version },
      comment: comment ?? null,
    });
    if (draft && draft.revision === r.draftRevision) await deleteDraftRow(trx, m);
    return { version: withScheduled(version, now), request };
  });
  await ctx.database.notify(RULESET_CHANNEL, m);
  return result;
}

export async function rejectRequest(
  ctx: RulesetContext,
  p: Principal,
  m: string,
  id: string,
  comment: string,
): Promise<PublishRequest> {
  const actor = actorOf(p);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const r = await findRequest(trx, m, id, { forUpdate: true });
    if (!r) throw new NotFoundError(`Publish request ${id}`);
    if (r.status !== 'pending') throw notPending(r);
    const request = await decideRequest(trx, r.id, { status: 'rejected', by: actor, at: now, comment });
    await recordAudit(trx, {
      municipality: m,
      actor,
      action: actor === r.requestedBy ? 'withdraw' : 'reject',
      entity: 'publish_request',
      entityId: r.id,
      before: { status: 'pending' },
      after: { status: 'rejected' },
      comment,
    });
    return request;
  });
}

// ---- diff ----

export async function diffRuleset(
  ctx: RulesetContext,
  m: string,
  from: string,
  to: string,
): Promise<(Difference & { text: ChangeText })[]> {
  const load = async (ref: string): Promise<unknown> => {
    if (ref === 'draft') {
      const d = await findDraft(ctx.db, m);
      if (!d) throw new NotFoundError(`The draft of municipality ${m}'s ruleset`);
      return d.document;
    }
    const v = await findVersion(ctx.db, m, Number(ref));
    if (!v) throw new NotFoundError(`Version ${ref} of municipality ${m}'s ruleset`);
    return v.document;
  };
  const [a, b] = await Promise.all([load(from), load(to)]);
  return structuralDiff(a, b).map((change) => ({ ...change, text: describeRulesetChange(change, a, b) }));
}
