/**
 * Which ruleset version decides, compiled once and cached. Published versions are immutable, so
 * a compiled version never goes stale; what changes is each municipality's *list* of versions
 * (a publish adds one, possibly scheduled). That list is cached per municipality and dropped
 * when any server instance publishes: the publisher sends NOTIFY on RULESET_CHANNEL and every
 * instance (itself included) LISTENs — so several servers on one PostgreSQL agree.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { compileRuleset, type CompiledRuleset, type Ruleset } from '../../engine/index.js';

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

export class RulesetResolver {
  private readonly indexes = new Map<string, Promise<VersionIndexEntry[]>>();
  private readonly compiled = new Map<string, Promise<ResolvedVersion>>();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly maxCompiled = 500,
  ) {}

  /** Forget a municipality's version list (on NOTIFY after a publish). */
  invalidate(municipality: string): void {
    this.indexes.delete(municipality);
  }

  invalidateAll(): void {
    this.indexes.clear();
  }

  private index(m: string): Promise<VersionIndexEntry[]> {
    let p = this.indexes.get(m);
    if (!p) {
      p = this.db
        .selectFrom('ruleset_versions')
        .select(['version', 'hash', 'effective_from'])
        .where('municipality_id', '=', m)
        .orderBy('effective_from', 'desc')
        .orderBy('version', 'desc')
        .execute()
        .then((rows) =>
          rows.map((r) => ({ version: r.version, hash: r.hash, effectiveFrom: r.effective_from })),
        );
      p.catch(() => this.indexes.delete(m));
      this.indexes.set(m, p);
    }
    return p;
  }

  /** The published version with the latest effectiveFrom not after `at` (ties: the newer version). */
  async versionAt(m: string, at: Date): Promise<ResolvedVersion | null> {
    const entry = (await this.index(m)).find((e) => e.effectiveFrom.getTime() <= at.getTime());
    return entry ? this.version(m, entry.version) : null;
  }

  /** Every published version, newest first (effectiveFrom, then number). */
  async versions(m: string): Promise<VersionIndexEntry[]> {
    return this.index(m);
  }

  async version(m: string, version: number): Promise<ResolvedVersion | null> {
    const key = `${m}|${version}`;
    let p = this.compiled.get(key);
    if (!p) {
      p = this.db
        .selectFrom('ruleset_versions')
        .select(['version', 'hash', 'effective_from', 'document'])
        .where('municipality_id', '=', m)
        .where('version', '=', version)
        .executeTakeFirst()
        .then((row) => {
          if (!row) throw new VersionMissing();
          return {
            version: row.version,
            hash: row.hash,
            effectiveFrom: row.effective_from,
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
}

class VersionMissing extends Error {}
