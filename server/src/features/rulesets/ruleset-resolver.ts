/**
 * THE place that reads rulesets for evaluation: which ruleset decides — the version in force at
 * a time, a given published version, or the municipality's current draft — each compiled once
 * and cached, read through the repository functions.
 *
 * Published versions are immutable, so a compiled version never goes stale; what changes is each
 * municipality's *list* of versions (a publish adds one, possibly scheduled). That list is cached
 * per municipality and dropped when any server instance publishes: the publisher sends NOTIFY on
 * RULESET_CHANNEL and every instance (itself included) LISTENs — so several servers on one
 * PostgreSQL agree. The draft is validated (as saving and publishing do, "today" from the
 * context's clock) and compiled, cached by its content hash: a saved draft is a new hash, so the
 * cache never serves a stale draft.
 */
import type { AppContext } from '../../context.js';
import { contentHash } from '../../domain/hash.js';
import { compileRuleset, type CompiledRuleset, type Ruleset } from '../../engine/index.js';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.js';
import type { RulesetRef } from '../evaluation/decision-view.js';
import { allVersionSummaries, findDraft, findVersion } from './ruleset-repository.js';
import { validateDocument } from './ruleset-validation.js';
import { versionInForceAt } from './version-in-force.js';

export const RULESET_CHANNEL = 'regelvaerk_ruleset_published';

export interface ResolvedVersion {
  version: number;
  hash: string;
  effectiveFrom: Date;
  ruleset: Ruleset;
  compiled: CompiledRuleset;
}

interface VersionIndexEntry {
  version: number;
  hash: string;
  effectiveFrom: Date;
}

/** The ruleset that decides a document, and how a decision names it. */
export interface DecidingRuleset {
  ref: RulesetRef;
  ruleset: Ruleset;
  compiled: CompiledRuleset;
}

export type RulesetTarget =
  { kind: 'at'; at: Date } | { kind: 'version'; version: number } | { kind: 'draft' };

const DRAFT_CACHE_SIZE = 50;

export class RulesetResolver {
  private readonly indexes = new Map<string, Promise<VersionIndexEntry[]>>();
  private readonly compiled = new Map<string, Promise<ResolvedVersion>>();
  private readonly drafts = new Map<string, { ruleset: Ruleset; compiled: CompiledRuleset }>();

  constructor(
    private readonly ctx: Pick<AppContext, 'db' | 'now'>,
    private readonly maxCompiled = 500,
  ) {}

  /** Forget a municipality's version list (on NOTIFY after a publish). */
  invalidate(municipality: string): void {
    this.indexes.delete(municipality);
  }

  invalidateAll(): void {
    this.indexes.clear();
  }

  /** @throws NotFoundError (no such version, no draft), ConflictError (nothing in force), ValidationError (draft invalid). */
  async resolve(m: string, target: RulesetTarget): Promise<DecidingRuleset> {
    if (target.kind === 'draft') return this.draft(m);
    if (target.kind === 'version') {
      const v = await this.version(m, target.version);
      if (!v) throw new NotFoundError(`Version ${target.version} of municipality ${m}'s ruleset`);
      return { ref: { version: v.version, hash: v.hash }, ruleset: v.ruleset, compiled: v.compiled };
    }
    const v = await this.versionAt(m, target.at);
    if (!v) {
      throw new ConflictError(
        `Municipality ${m} has no published ruleset version in force at ${target.at.toISOString()}: ` +
          'publish a version (effective from that time or earlier) first, or evaluate against the draft with draft=true.',
        { code: 'ruleset.noVersionInForce' },
      );
    }
    return { ref: { version: v.version, hash: v.hash }, ruleset: v.ruleset, compiled: v.compiled };
  }

  private index(m: string): Promise<VersionIndexEntry[]> {
    let p = this.indexes.get(m);
    if (!p) {
      p = allVersionSummaries(this.ctx.db, m).then((rows) =>
        rows.map((r) => ({ version: r.version, hash: r.hash, effectiveFrom: r.effectiveFrom })),
      );
      p.catch(() => this.indexes.delete(m));
      this.indexes.set(m, p);
    }
    return p;
  }

  /** The published version in force at `at` (version-in-force.ts), or null. */
  async versionAt(m: string, at: Date): Promise<ResolvedVersion | null> {
    const entry = versionInForceAt(await this.index(m), at);
    return entry ? this.version(m, entry.version) : null;
  }

  async version(m: string, version: number): Promise<ResolvedVersion | null> {
    const key = `${m}|${version}`;
    let p = this.compiled.get(key);
    if (!p) {
      p = findVersion(this.ctx.db, m, version).then((row) => {
        if (!row) throw new VersionMissing();
        return {
          version: row.version,
          hash: row.hash,
          effectiveFrom: row.effectiveFrom,
          ruleset: row.document,
          compiled: compileRuleset(row.document),
        };
      });
      this.compiled.set(key, p);
      if (this.compiled.size > this.maxCompiled) this.compiled.delete(this.compiled.keys().next().value!);
    }
    try {
      return await p;
    } catch (e) {
      this.compiled.delete(key);
      if (e instanceof VersionMissing) return null;
      throw e;
    }
  }

  private async draft(m: string): Promise<DecidingRuleset> {
    const row = await findDraft(this.ctx.db, m);
    if (!row) throw new NotFoundError(`A draft of municipality ${m}'s ruleset`);
    const hash = contentHash(row.document);
    let entry = this.drafts.get(hash);
    if (!entry) {
      // the same validation as saving and publishing: schema, cross-references, intake settings
      // and the locked rules of the template the draft is based on
      const result = await validateDocument(this.ctx.db, row.document, this.ctx.now());
      if (!result.valid) {
        throw new ValidationError(
          `The draft (revision ${row.revision}) is not valid; fix it before evaluating with it.`,
          result.errors.map((e) => ({ ...e, pointer: `/draft${e.pointer}` })),
        );
      }
      const ruleset = row.document as Ruleset;
      entry = { ruleset, compiled: compileRuleset(ruleset) };
      this.drafts.set(hash, entry);
      if (this.drafts.size > DRAFT_CACHE_SIZE) this.drafts.delete(this.drafts.keys().next().value!);
    }
    return { ref: { version: null, hash, draft: { revision: row.revision } }, ...entry };
  }
}

class VersionMissing extends Error {}
