/**
 * A municipality's ruleset as it is read: the overview (draft, the version in force, every
 * published version, a pending request), the published versions and the diff between any two
 * versions or a version and the draft. Changing it is draft-service.ts (the draft) and
 * publish-service.ts (publishing and the four-eyes approval). No HTTP here: errors are
 * AppErrors, and the routes translate.
 */
import type { AppContext } from '../../context.js';
import type { Page, PageOf } from '../../db/list-query.js';
import { structuralDiff, type Difference } from '../../domain/json-diff.js';
import { describeRulesetChange, type ChangeText } from '../../engine/index.js';
import { NotFoundError } from '../../http/errors.js';
import {
  allVersionSummaries,
  findDraft,
  findDraftInfo,
  findVersion,
  listVersionSummaries,
  publishedRequireApproval,
  type VersionListFilter,
  type VersionSortField,
  type VersionSummary,
} from './ruleset-repository.js';
import { pendingRequest, type PublishRequest } from './publish-request-repository.js';
import { requiresApprovalInDoc } from './ruleset-validation.js';
import { versionInForceAt } from './version-in-force.js';

/** What the ruleset services are built from. */
export type RulesetContext = Pick<AppContext, 'db' | 'database' | 'now'>;

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

export function withScheduled(v: VersionSummary, now: Date): VersionListItem {
  return { ...v, scheduled: v.effectiveFrom.getTime() > now.getTime() };
}

export class RulesetService {
  constructor(private readonly ctx: RulesetContext) {}

  async overview(m: string): Promise<RulesetOverview> {
    const now = this.ctx.now();
    const [draft, versions, pending, published] = await Promise.all([
      findDraftInfo(this.ctx.db, m),
      allVersionSummaries(this.ctx.db, m),
      pendingRequest(this.ctx.db, m),
      publishedRequireApproval(this.ctx.db, m, now),
    ]);
    const active = versionInForceAt(versions, now);
    let requireApproval = published;
    if (requireApproval === null) {
      requireApproval = draft ? requiresApprovalInDoc((await findDraft(this.ctx.db, m))?.document) : false;
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

  /** A page of the published versions (summaries, each marked when it is scheduled). */
  async listVersions(
    m: string,
    filter: VersionListFilter,
    page: Page<VersionSortField>,
  ): Promise<PageOf<VersionListItem>> {
    const { rows, total } = await listVersionSummaries(this.ctx.db, m, filter, page);
    const now = this.ctx.now();
    return { rows: rows.map((v) => withScheduled(v, now)), total };
  }

  async getVersion(m: string, version: number) {
    const v = await findVersion(this.ctx.db, m, version);
    if (!v) throw new NotFoundError(`Version ${version} of municipality ${m}'s ruleset`);
    return { ...withScheduled(v, this.ctx.now()), document: v.document };
  }

  async diff(m: string, from: string, to: string): Promise<(Difference & { text: ChangeText })[]> {
    const load = async (ref: string): Promise<unknown> => {
      if (ref === 'draft') {
        const d = await findDraft(this.ctx.db, m);
        if (!d) throw new NotFoundError(`The draft of municipality ${m}'s ruleset`);
        return d.document;
      }
      const v = await findVersion(this.ctx.db, m, Number(ref));
      if (!v) throw new NotFoundError(`Version ${ref} of municipality ${m}'s ruleset`);
      return v.document;
    };
    const [a, b] = await Promise.all([load(from), load(to)]);
    return structuralDiff(a, b).map((change) => ({ ...change, text: describeRulesetChange(change, a, b) }));
  }
}
