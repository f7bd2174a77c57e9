/**
 * Publishing (PRODUCT.md §3): the draft becomes an immutable, numbered version — directly, or
 * through a publish request another administrator approves (the four-eyes principle). Every
 * change records an audit event in the same transaction; a new version is announced on
 * RULESET_CHANNEL so every server's resolver drops its cached version list.
 *
 * - Publishing consumes the draft (it is deleted when its version is created).
 * - The approval setting that counts is the one in force: the version in force now, else the
 *   newest published version, else (nothing published yet) the draft's own.
 * - One pending request at a time; publishing again while one is pending is a 409. The author
 *   may reject (withdraw) their own request, but never approve it — nor through an API key
 *   they created.
 * - effectiveFrom may not lie in the past (more than a minute, for clock skew): a retroactive
 *   version would change which version "was" in force for documents already decided. A request
 *   approved after its effectiveFrom takes effect at approval.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Page, PageOf } from '../../db/list-query.js';
import type { DB } from '../../db/schema.js';
import { issue } from '../../domain/issues.js';
import { rulesetHash, type Ruleset } from '../../engine/index.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../http/errors.js';
import { recordAudit } from '../audit/audit-repository.js';
import { actorOf, type Principal } from '../auth/auth-service.js';
import { voidRequests, staleRevision } from './draft-service.js';
import { keyedDiff, publicChanges } from './keyed-diff.js';
import {
  deleteDraft as deleteDraftRow,
  findDraft,
  findVersion,
  insertVersion,
  latestVersionNumber,
  lockMunicipality,
  publishedRequireApproval,
  type VersionSummary,
} from './ruleset-repository.js';
import {
  apiKeyCreator,
  decideRequest,
  findRequest,
  insertRequest,
  listRequests,
  pendingRequest,
  type PublishRequest,
  type RequestListFilter,
  type RequestSortField,
} from './publish-request-repository.js';
import { RULESET_CHANNEL } from './ruleset-resolver.js';
import { withScheduled, type RulesetContext, type VersionListItem } from './ruleset-service.js';
import { invalid, requiresApprovalInDoc, validateDocument } from './ruleset-validation.js';

/** How far in the past an effectiveFrom may lie (clock skew) before it is refused. */
const EFFECTIVE_FROM_TOLERANCE_MS = 60_000;

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

export class PublishService {
  constructor(private readonly ctx: RulesetContext) {}

  /** A page of the publish requests. */
  listRequests(
    m: string,
    filter: RequestListFilter,
    page: Page<RequestSortField>,
  ): Promise<PageOf<PublishRequest>> {
    return listRequests(this.ctx.db, m, filter, page);
  }

  async publish(
    p: Principal,
    m: string,
    input: { comment: string; effectiveFrom?: string; revision?: number },
  ): Promise<PublishResult> {
    const actor = actorOf(p);
    const now = this.ctx.now();
    const effectiveFrom = effectiveFromOf(input.effectiveFrom, now);
    const result = await this.ctx.db.transaction().execute(async (trx): Promise<PublishResult> => {
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
      await voidRequests(
        trx,
        m,
        actor,
        now,
        `The draft was published directly as version ${version.version}.`,
      );
      return { kind: 'version', version: withScheduled(version, now) };
    });
    if (result.kind === 'version') await this.ctx.database.notify(RULESET_CHANNEL, m);
    return result;
  }

  async getRequest(m: string, id: string) {
    const r = await findRequest(this.ctx.db, m, id);
    if (!r) throw new NotFoundError(`Publish request ${id}`);
    return { ...r, hash: rulesetHash(r.document) };
  }

  async approve(
    p: Principal,
    m: string,
    id: string,
    comment?: string,
  ): Promise<{ version: VersionListItem; request: PublishRequest }> {
    const actor = actorOf(p);
    const now = this.ctx.now();
    const result = await this.ctx.db.transaction().execute(async (trx) => {
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
    await this.ctx.database.notify(RULESET_CHANNEL, m);
    return result;
  }

  async reject(p: Principal, m: string, id: string, comment: string): Promise<PublishRequest> {
    const actor = actorOf(p);
    const now = this.ctx.now();
    return this.ctx.db.transaction().execute(async (trx) => {
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
}
