/**
 * Following a template (PRODUCT.md §3): the three-way comparison of the template version the
 * ruleset forked (`basedOn.version`), the template's newest version, and the municipality's own
 * ruleset — the draft, or the version in force when there is no draft — and taking the upstream
 * changes that do not conflict with the municipality's own edits.
 *
 * Applying moves `basedOn.version` to the newest template version: upstream changes that were
 * not taken (conflicting, or not chosen) are from then on the municipality's own differences
 * from the template, and no longer offered. Item order is not merged (see keyed-diff.ts).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { contentHash } from '../../domain/hash.js';
import { issue, type Issue } from '../../domain/issues.js';
import { describeRulesetChange, type ChangeText, type ValidationResult } from '../../engine/index.js';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.js';
import { recordAudit } from '../audit/audit-repository.js';
import { actorOf, type Principal } from '../auth/auth-service.js';
import { findTemplateVersion, type TemplateVersion } from '../templates/template-repository.js';
import {
  applyChanges,
  publicChanges,
  threeWay,
  type Change,
  type KeyedChange,
  type UpstreamChange,
} from './keyed-diff.js';
import {
  findDraft,
  findVersion,
  lastDraftRevision,
  latestVersionNumber,
  lockMunicipality,
  putDraft,
  saveDraftIfRevision,
  versionInForce,
  type DraftDocument,
} from './ruleset-repository.js';
import { voidRequests } from './draft-service.js';
import type { RulesetContext } from './ruleset-service.js';
import { basedOnOf, validateDocument, type BasedOn } from './ruleset-validation.js';

interface Ours {
  document: DraftDocument;
  source: { draft: number } | { version: number };
}

async function oursOf(
  db: Kysely<DB>,
  m: string,
  now: Date,
  opts: { forUpdate?: boolean } = {},
): Promise<Ours> {
  const draft = await findDraft(db, m, opts);
  if (draft) return { document: draft.document, source: { draft: draft.revision } };
  const active =
    (await versionInForce(db, m, now)) ?? (await findVersion(db, m, await latestVersionNumber(db, m)));
  if (!active) throw new NotFoundError(`A draft or published version of municipality ${m}'s ruleset`);
  return { document: active.document, source: { version: active.version } };
}

async function templatesFor(
  db: Kysely<DB>,
  m: string,
  ours: Ours,
): Promise<{ basedOn: BasedOn; base: TemplateVersion; latest: TemplateVersion }> {
  const basedOn = basedOnOf(ours.document);
  if (!basedOn) {
    throw new NotFoundError(
      `An upstream template for municipality ${m}'s ruleset (it has no "basedOn": it was not created from a template)`,
    );
  }
  const [base, latest] = await Promise.all([
    findTemplateVersion(db, basedOn.template, basedOn.version),
    findTemplateVersion(db, basedOn.template),
  ]);
  if (!base || !latest) throw new NotFoundError(`Template "${basedOn.template}" version ${basedOn.version}`);
  return { basedOn, base, latest };
}

export interface UpstreamView {
  template: string;
  baseVersion: number;
  latestVersion: number;
  upToDate: boolean;
  /** What was compared as "ours": the draft (its revision) or a published version. */
  ours: { draft: number } | { version: number };
  upstreamChanges: (Change & { text: ChangeText; conflict: boolean })[];
  ownChanges: (Change & { text: ChangeText })[];
}

function upstreamView(ours: Ours, base: TemplateVersion, latest: TemplateVersion): UpstreamView {
  const { upstream, own } = threeWay(base.document, latest.document, ours.document);
  return {
    template: base.template,
    baseVersion: base.version,
    latestVersion: latest.version,
    upToDate: base.version === latest.version,
    ours: ours.source,
    upstreamChanges: upstream.map((u) => {
      const change = publicChanges([u])[0]!;
      return {
        ...change,
        text: describeRulesetChange(change, base.document, latest.document),
        conflict: u.conflict,
      };
    }),
    ownChanges: publicChanges(own).map((c) => ({
      ...c,
      text: describeRulesetChange(c, base.document, ours.document),
    })),
  };
}

export interface ApplyResult {
  revision: number;
  basedOn: BasedOn;
  /** True when the draft was created (from the version in force) to take the changes. */
  createdDraft: boolean;
  applied: Change[];
  skipped: { path: string; reason: 'conflict' | 'notSelected' }[];
  validation: ValidationResult;
  voidedRequests: string[];
}

export class UpstreamService {
  constructor(private readonly ctx: RulesetContext) {}

  async compare(m: string): Promise<UpstreamView> {
    const ours = await oursOf(this.ctx.db, m, this.ctx.now());
    const { base, latest } = await templatesFor(this.ctx.db, m, ours);
    return upstreamView(ours, base, latest);
  }

  async apply(
    p: Principal,
    m: string,
    input: { paths?: string[]; latestVersion?: number; comment?: string },
  ): Promise<ApplyResult> {
    const actor = actorOf(p);
    const now = this.ctx.now();
    const out = await this.ctx.db.transaction().execute(async (trx) => {
      if (!(await lockMunicipality(trx, m))) throw new NotFoundError(`Municipality ${m}`);
      const ours = await oursOf(trx, m, now, { forUpdate: true });
      const { basedOn, base, latest } = await templatesFor(trx, m, ours);
      if (input.latestVersion !== undefined && input.latestVersion !== latest.version) {
        throw new ConflictError(
          `Template "${basedOn.template}" is now at version ${latest.version}, not ${input.latestVersion}; compare again before applying.`,
          { latestVersion: latest.version },
        );
      }
      const { upstream } = threeWay(base.document, latest.document, ours.document);
      let chosen: UpstreamChange[];
      if (input.paths) {
        const byPath = new Map(upstream.map((u) => [u.path, u]));
        const problems: Issue[] = [];
        chosen = [];
        input.paths.forEach((path, i) => {
          const u = byPath.get(path);
          if (!u)
            problems.push(
              issue(
                `/paths/${i}`,
                'upstream.unknownPath',
                `${path} er ikke en ændring i skabelonen.`,
                `${path} is not an upstream change.`,
              ),
            );
          else if (u.conflict)
            problems.push(
              issue(
                `/paths/${i}`,
                'upstream.conflict',
                `${path} er også ændret af kommunen; ret det i kladden i stedet.`,
                `${path} was also changed by the municipality; edit it in the draft instead.`,
              ),
            );
          else chosen.push(u);
        });
        if (problems.length > 0)
          throw new ValidationError('Some of the chosen changes cannot be applied.', problems);
      } else {
        chosen = upstream.filter((u) => !u.conflict);
      }
      const chosenSet = new Set<KeyedChange>(chosen);
      const skipped = upstream
        .filter((u) => !chosenSet.has(u))
        .map((u) => ({
          path: u.path,
          reason: u.conflict ? ('conflict' as const) : ('notSelected' as const),
        }));

      const source = ours.source;
      const hadDraft = 'draft' in source;
      if (chosen.length === 0 && base.version === latest.version) {
        throw new ConflictError(
          `The ruleset is up to date with template "${basedOn.template}" version ${latest.version}.`,
        );
      }
      const document = structuredClone(ours.document) as Record<string, unknown>;
      const failed = new Set(applyChanges(document, latest.document, chosen));
      const newBasedOn = { template: basedOn.template, version: latest.version };
      document.basedOn = newBasedOn;
      let revision: number;
      if (hadDraft) {
        const saved = await saveDraftIfRevision(trx, m, source.draft, document, actor, now);
        if (saved === null) throw new ConflictError('The draft changed meanwhile; compare again.');
        revision = saved;
      } else {
        revision = (await lastDraftRevision(trx, m)) + 1;
        await putDraft(trx, m, revision, document, actor, now);
      }
      const voided = await voidRequests(
        trx,
        m,
        actor,
        now,
        'Upstream template changes were applied to the draft.',
      );
      const applied = publicChanges(chosen.filter((c) => !failed.has(c)));
      const allSkipped = [
        ...skipped,
        ...chosen.filter((c) => failed.has(c)).map((c) => ({ path: c.path, reason: 'conflict' as const })),
      ];
      await recordAudit(trx, {
        municipality: m,
        actor,
        action: 'upstream-apply',
        entity: 'ruleset_draft',
        entityId: m,
        before: {
          ...(hadDraft
            ? { revision: source.draft }
            : { fromVersion: (source as { version: number }).version }),
          basedOn,
          hash: contentHash(ours.document),
        },
        after: { revision, basedOn: newBasedOn, hash: contentHash(document), applied, skipped: allSkipped },
        comment: input.comment ?? null,
      });
      return {
        revision,
        basedOn: newBasedOn,
        createdDraft: !hadDraft,
        applied,
        skipped: allSkipped,
        document,
        voidedRequests: voided,
      };
    });
    const { document, ...rest } = out;
    return { ...rest, validation: await validateDocument(this.ctx.db, document, now) };
  }
}
