/**
 * Which ruleset decides: the version in force at a time, a given published version, or the
 * municipality's current draft — each compiled once and cached. Published versions come from the
 * RulesetResolver; the draft is read from ruleset_drafts, validated and compiled here, cached by
 * its content hash (a saved draft is a new hash, so the cache never serves a stale draft).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { contentHash } from '../../domain/hash.js';
import { compileRuleset, type CompiledRuleset, type Ruleset } from '../../engine/index.js';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.js';
import type { RulesetResolver } from '../rulesets/ruleset-resolver.js';
import { validateDocument } from '../rulesets/ruleset-validation.js';
import type { RulesetRef } from './decision-view.js';

export interface DecidingRuleset {
  ref: RulesetRef;
  ruleset: Ruleset;
  compiled: CompiledRuleset;
}

export type RulesetTarget =
  { kind: 'at'; at: Date } | { kind: 'version'; version: number } | { kind: 'draft' };

const DRAFT_CACHE_SIZE = 50;

export class RulesetTargets {
  private readonly drafts = new Map<string, { ruleset: Ruleset; compiled: CompiledRuleset }>();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly resolver: RulesetResolver,
  ) {}

  /** @throws NotFoundError (no such version, no draft), ConflictError (nothing in force), ValidationError (draft invalid). */
  async resolve(m: string, target: RulesetTarget): Promise<DecidingRuleset> {
    if (target.kind === 'draft') return this.draft(m);
    if (target.kind === 'version') {
      const v = await this.resolver.version(m, target.version);
      if (!v) throw new NotFoundError(`Version ${target.version} of municipality ${m}'s ruleset`);
      return { ref: { version: v.version, hash: v.hash }, ruleset: v.ruleset, compiled: v.compiled };
    }
    const v = await this.resolver.versionAt(m, target.at);
    if (!v) {
      throw new ConflictError(
        `Municipality ${m} has no published ruleset version in force at ${target.at.toISOString()}: ` +
          'publish a version (effective from that time or earlier) first, or evaluate against the draft with draft=true.',
        { code: 'ruleset.noVersionInForce' },
      );
    }
    return { ref: { version: v.version, hash: v.hash }, ruleset: v.ruleset, compiled: v.compiled };
  }

  private async draft(m: string): Promise<DecidingRuleset> {
    const row = await this.db
      .selectFrom('ruleset_drafts')
      .select(['revision', 'document'])
      .where('municipality_id', '=', m)
      .executeTakeFirst();
    if (!row) throw new NotFoundError(`A draft of municipality ${m}'s ruleset`);
    const hash = contentHash(row.document);
    let entry = this.drafts.get(hash);
    if (!entry) {
      // the same validation as saving and publishing: schema, cross-references, intake settings
      // and the locked rules of the template the draft is based on
      const result = await validateDocument(this.db, row.document, new Date());
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
