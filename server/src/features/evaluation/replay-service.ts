/**
 * Replay one stored decision (PRODUCT.md §4): decide again from the STORED canonical document and
 * the STORED ledger snapshot, under the version that made it (recorded), the version in force at
 * a given time (asOf), a given version, or the current draft — and say whether the result is
 * identical, byte for byte, and if not, what differs and why.
 *
 * "Identical" compares the decision's content — outcome, reasons, comment, actions, payment
 * groups, postings, explanation, facts, trace, the ruleset hash and the engine version — as RFC
 * 8785 canonical JSON of exactly what the database holds (a JSON round trip, as jsonb stores it).
 * Ids, times and the ruleset's version number are not content: the same ruleset published again
 * under a new number decides identically.
 */
import { isUuid } from '../../domain/uuid.js';
import canonicalize from 'canonicalize';
import { structuralDiff, type Difference } from '../../domain/json-diff.js';
import { decide, ENGINE_VERSION, type EngineDecision } from '../../engine/index.js';
import { BadRequestError, NotFoundError } from '../../http/errors.js';
import { issue } from '../../domain/issues.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { findDecision, type DecisionRecord } from './decision-repository.js';
import { decisionView, type DecisionView, type RulesetRef } from './decision-view.js';
import type { DecidingRuleset, RulesetResolver } from '../rulesets/ruleset-resolver.js';

export type ReplayMode = 'recorded' | 'asOf' | 'version' | 'draft';

export interface ReplayRequest {
  mode: ReplayMode;
  asOf?: string;
  version?: number;
}

/** What a decision decided, without ids and times: what "identical" compares. */
export interface DecisionContent {
  outcome: string;
  reasons: unknown;
  comment: string | null;
  actions: unknown;
  paymentGroups: unknown;
  postings: unknown;
  explanation: unknown;
  facts: unknown;
  trace: unknown;
  rulesetHash: string;
  engineVersion: string;
}

export interface ReplayedDecision {
  outcome: EngineDecision['outcome'];
  reasons: EngineDecision['reasons'];
  comment?: string;
  actions: string[];
  paymentGroups: EngineDecision['paymentGroups'];
  postings: EngineDecision['postings'];
  explanation: EngineDecision['explanation'];
  facts: EngineDecision['facts'];
  trace: EngineDecision['trace'];
  ruleset: RulesetRef;
  engineVersion: string;
}

export interface ReplayResult {
  mode: ReplayMode;
  original: DecisionView;
  replayed: ReplayedDecision;
  identical: boolean;
  differences: Difference[];
  /** Why the replay differs (or which other ruleset it ran under); absent when identical as recorded. */
  cause?: string;
}

/** A JSON round trip, as jsonb stores it (undefined members dropped), then RFC 8785. */
export function canonicalJson(value: unknown): string {
  return canonicalize(JSON.parse(JSON.stringify(value))) ?? '';
}

export function contentOfRecord(d: DecisionRecord): DecisionContent {
  return {
    outcome: d.outcome,
    reasons: d.reasons,
    comment: d.comment,
    actions: d.actions,
    paymentGroups: d.paymentGroups,
    postings: d.postings,
    explanation: d.explanation,
    facts: d.facts,
    trace: d.trace,
    rulesetHash: d.rulesetHash,
    engineVersion: d.engineVersion,
  };
}

export function contentOfEngine(e: EngineDecision, rulesetHash: string): DecisionContent {
  return {
    outcome: e.outcome,
    reasons: e.reasons,
    comment: e.comment ?? null,
    actions: e.actions,
    paymentGroups: e.paymentGroups,
    postings: e.postings,
    explanation: e.explanation,
    facts: e.facts,
    trace: e.trace,
    rulesetHash,
    engineVersion: e.engineVersion,
  };
}

export class ReplayService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly targets: RulesetResolver,
  ) {}

  async replay(
    m: string,
    decisionId: string,
    req: ReplayRequest,
    viewer: { mayReadDocument: boolean },
  ): Promise<ReplayResult> {
    const stored = await findDecisionOr404(this.db, m, decisionId);
    const deciding = await this.targets.resolve(m, this.targetOf(stored, req));
    const engine = decide(deciding.compiled, stored.document, stored.ledgerSnapshot);
    const before = JSON.parse(JSON.stringify(contentOfRecord(stored))) as DecisionContent;
    const after = JSON.parse(JSON.stringify(contentOfEngine(engine, deciding.ref.hash))) as DecisionContent;
    const identical = canonicalJson(before) === canonicalJson(after);
    const replayed: ReplayedDecision = {
      outcome: engine.outcome,
      reasons: engine.reasons,
      actions: engine.actions,
      paymentGroups: engine.paymentGroups,
      postings: engine.postings,
      explanation: engine.explanation,
      facts: engine.facts,
      trace: engine.trace,
      ruleset: deciding.ref,
      engineVersion: engine.engineVersion,
    };
    if (engine.comment !== undefined) replayed.comment = engine.comment;
    const result: ReplayResult = {
      mode: req.mode,
      original: decisionView(stored, { mayReadDocument: viewer.mayReadDocument }),
      replayed,
      identical,
      differences: identical ? [] : structuralDiff(before, after),
    };
    const cause = causeOf(stored, deciding, identical);
    if (cause !== undefined) result.cause = cause;
    return result;
  }

  private targetOf(stored: DecisionRecord, req: ReplayRequest) {
    switch (req.mode) {
      case 'recorded':
        return { kind: 'version' as const, version: stored.rulesetVersion };
      case 'version':
        if (req.version === undefined) throw missing('version', 'mode "version" needs a version number.');
        return { kind: 'version' as const, version: req.version };
      case 'asOf': {
        if (req.asOf === undefined) throw missing('asOf', 'mode "asOf" needs a time (asOf).');
        return { kind: 'at' as const, at: new Date(req.asOf) };
      }
      case 'draft':
        return { kind: 'draft' as const };
    }
  }
}

function missing(field: string, message: string): BadRequestError {
  return new BadRequestError(message, [
    issue(`/${field}`, 'replay.missing', `"${field}" mangler for denne type genafspilning.`, message),
  ]);
}

export async function findDecisionOr404(db: Kysely<DB>, m: string, id: string): Promise<DecisionRecord> {
  const found = isUuid(id) ? await findDecision(db, m, id) : undefined;
  if (!found) throw new NotFoundError(`Decision ${id}`);
  return found;
}

/** Why a replay differs, or which other ruleset it ran under; undefined for an identical replay as recorded. */
function causeOf(stored: DecisionRecord, deciding: DecidingRuleset, identical: boolean): string | undefined {
  const causes: string[] = [];
  const ref = deciding.ref;
  if (ref.version === null) {
    causes.push(
      `Replayed under the current draft (revision ${ref.draft?.revision ?? '?'}, ${ref.hash}); the decision was made by version ${stored.rulesetVersion} (${stored.rulesetHash}).`,
    );
  } else if (ref.version !== stored.rulesetVersion) {
    causes.push(
      `Replayed under version ${ref.version} (${ref.hash}); the decision was made by version ${stored.rulesetVersion} (${stored.rulesetHash}).`,
    );
  } else if (ref.hash !== stored.rulesetHash) {
    causes.push(
      `Ruleset hash mismatch: version ${ref.version} was stored with ${stored.rulesetHash} but is now ${ref.hash}; a published version must never change.`,
    );
  }
  if (stored.engineVersion !== ENGINE_VERSION) {
    causes.push(
      `Engine version changed: stored with ${stored.engineVersion}, replayed with ${ENGINE_VERSION}.`,
    );
  }
  if (identical) {
    return causes.length === 0 ? undefined : `${causes.join(' ')} The result is identical nonetheless.`;
  }
  if (causes.length === 0) {
    causes.push(
      'Same ruleset version and hash and the same engine version, yet a different result: the stored decision ' +
        'cannot be reproduced from its document and ledger snapshot. This is a defect; please report it.',
    );
  }
  return causes.join(' ');
}
