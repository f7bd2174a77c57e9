/**
 * Evaluate a document (PRODUCT.md §4): validate it (canonical JSON, or XML parsed with the intake
 * settings of the version that will decide), pick the ruleset, read the ledger, decide, and —
 * unless it is a dry run — store the decision and update the ledger BEFORE answering, in one
 * transaction: the DecisionWriter (decision-writer.ts) writes concurrent evaluations together
 * (group commit) and answers each once its transaction has committed.
 *
 *   1. insert-or-lock the ledger row of the document key: concurrent sends of one key queue up;
 *   2. a decision with the same content hash exists → it is returned (idempotent; the ERP retries);
 *   3. otherwise the ledger snapshot is read in the same transaction (the invoice a credit note or
 *      reminder refers to, an open ordinary case for the same CPR this year, the key's previous
 *      content), the engine decides, the decision is inserted, and a first decision sets the
 *      ledger row's status. A different document under an already-decided key is stored as a
 *      duplicate decision and leaves the original's status alone.
 *
 * Any failure rolls the transaction back: nothing is half-stored. No HTTP here.
 */
import { performance } from 'node:perf_hooks';
import type { AppContext } from '../../context.js';
import { validateDocument } from '../../domain/canonical.js';
import { cprHash } from '../../domain/cpr.js';
import type { CanonicalDocument } from '../../domain/document.js';
import { issue, pointer, type Issue } from '../../domain/issues.js';
import { decide, documentContentHash, type LedgerSnapshot } from '../../engine/index.js';
import { supplierKey } from '../../engine/ledger.js';
import { BadRequestError, ConflictError } from '../../http/errors.js';
import { InvalidIntakeSettingsError, parseDocumentXml } from '../../intake/index.js';
import type { Metrics } from '../../http/metrics.js';
import { LedgerPeeker, type FactsQuery, type LedgerKey } from '../documents/ledger-repository.js';
import { newDecisionRecord, type DecisionRecord } from './decision-repository.js';
import type { DecisionWriter } from './decision-writer.js';
import { decisionView, decisionViewJson, type DecisionView } from './decision-view.js';
import { TraceEncoder, traceJson, type KnownSkeleton } from './trace-codec.js';
import type { DecidingRuleset, RulesetResolver, RulesetTarget } from '../rulesets/ruleset-resolver.js';

/** How far in the future a receivedAt may be (clock skew between the ERP and us). */
export const RECEIVED_AT_SKEW_MS = 5 * 60_000;

export interface EvaluateInput {
  /** The parsed JSON body, or the XML text. */
  body: unknown;
  xml: boolean;
}

export interface EvaluateOptions {
  dryRun?: boolean;
  version?: number;
  draft?: boolean;
  /** When the ERP received the document, for XML (JSON carries it as `receivedAt`). */
  receivedAt?: string;
}

export interface EvaluateResult {
  decision: DecisionView;
  /** The decision as JSON text (the response body), made when asked for. */
  toJson(): string;
  /** created: a new decision was stored; existing: an identical document was already decided; dryRun: nothing stored. */
  status: 'created' | 'existing' | 'dryRun';
}

export type EvaluationContext = Pick<AppContext, 'database' | 'cprKey' | 'now'>;

export class EvaluationService {
  /** Dry runs' ledger reads, read together when they come together. */
  private readonly peeker: LedgerPeeker;
  /** Dry runs' trace skeletons, for the response's trace text. */
  private readonly traces = new TraceEncoder();

  constructor(
    private readonly ctx: EvaluationContext,
    private readonly targets: RulesetResolver,
    private readonly metrics: Pick<Metrics, 'decisions' | 'evaluateDuration'>,
    private readonly writer: DecisionWriter,
  ) {
    this.peeker = new LedgerPeeker(ctx.database.raw);
  }

  /** True when these options make a dry run (version=N and draft=true always do). */
  static isDryRun(opts: EvaluateOptions): boolean {
    return opts.dryRun === true || opts.version !== undefined || opts.draft === true;
  }

  async evaluate(
    m: string,
    input: EvaluateInput,
    opts: EvaluateOptions,
    viewer: { mayReadDocument: boolean },
  ): Promise<EvaluateResult> {
    const dryRun = EvaluationService.isDryRun(opts);
    if (opts.dryRun === false && (opts.version !== undefined || opts.draft === true)) {
      throw new BadRequestError(
        'dryRun=false cannot be combined with version or draft: a stored decision is always made by the ' +
          'version in force at receivedAt.',
        [
          issue(
            '/querystring/dryRun',
            'evaluate.dryRun',
            'Kan ikke kombineres med version eller draft.',
            'Cannot be combined with version or draft.',
          ),
        ],
      );
    }
    if (opts.version !== undefined && opts.draft) {
      throw new BadRequestError('Give version=N or draft=true, not both.', [
        issue(
          '/querystring/version',
          'evaluate.target',
          'Angiv enten version eller draft.',
          'Give either version or draft.',
        ),
      ]);
    }
    const now = this.ctx.now();
    let doc: CanonicalDocument;
    let receivedAt: Date;
    let deciding: DecidingRuleset;
    if (input.xml) {
      receivedAt = this.receivedAt(opts.receivedAt, undefined, now);
      deciding = await this.targets.resolve(m, targetOf(opts, receivedAt));
      doc = parseXml(input.body, deciding);
    } else {
      doc = checkDocument(input.body);
      receivedAt = this.receivedAt(opts.receivedAt, doc.receivedAt, now);
      deciding = await this.targets.resolve(m, targetOf(opts, receivedAt));
    }
    return dryRun
      ? this.dryRun(m, doc, receivedAt, deciding, now, viewer)
      : this.store(m, doc, receivedAt, deciding, now, viewer);
  }

  private receivedAt(query: string | undefined, inDocument: string | undefined, now: Date): Date {
    const raw = inDocument ?? query;
    if (inDocument !== undefined && query !== undefined && Date.parse(inDocument) !== Date.parse(query)) {
      throw new BadRequestError(
        'receivedAt is given both in the document and in the query, and they differ.',
        [
          issue(
            '/receivedAt',
            'evaluate.receivedAt',
            'receivedAt er angivet to steder med forskellige værdier.',
            'receivedAt is given twice with different values.',
          ),
        ],
      );
    }
    if (raw === undefined) return now;
    const at = new Date(raw);
    const where = inDocument !== undefined ? '/receivedAt' : '/querystring/receivedAt';
    if (Number.isNaN(at.getTime())) {
      throw new BadRequestError('receivedAt is not a valid timestamp.', [
        issue(where, 'evaluate.receivedAt', 'Ikke et gyldigt tidspunkt.', 'Not a valid timestamp.'),
      ]);
    }
    if (at.getTime() > now.getTime() + RECEIVED_AT_SKEW_MS) {
      throw new BadRequestError(
        `receivedAt ${at.toISOString()} is in the future (now is ${now.toISOString()}; at most ${RECEIVED_AT_SKEW_MS / 60_000} minutes of clock skew are accepted).`,
        [
          issue(
            where,
            'evaluate.receivedAtFuture',
            'Modtagelsestidspunktet ligger i fremtiden.',
            'The time of receipt is in the future.',
          ),
        ],
      );
    }
    return at;
  }

  private keyOf(m: string, doc: CanonicalDocument): LedgerKey {
    return {
      municipality: m,
      supplierKey: supplierKey(doc.supplier.id),
      documentType: doc.documentType,
      number: doc.id,
    };
  }

  private cprHashes(doc: CanonicalDocument): string[] {
    return [...new Set(doc.cprNumbers.map((c) => cprHash(c, this.ctx.cprKey)))];
  }

  private run(
    m: string,
    doc: CanonicalDocument,
    receivedAt: Date,
    deciding: DecidingRuleset,
    snapshot: LedgerSnapshot,
    ids: { id: string; documentId: string },
    contentHash: string,
    now: Date,
    stored: boolean,
  ): DecisionRecord {
    const t0 = performance.now();
    const engine = decide(deciding.compiled, doc, snapshot);
    const ms = performance.now() - t0;
    this.metrics.evaluateDuration.observe({ stored: String(stored) }, ms / 1000);
    return newDecisionRecord(engine, {
      id: ids.id,
      municipality: m,
      documentId: ids.documentId,
      document: doc,
      contentHash,
      snapshot,
      ruleset: { version: deciding.ref.version ?? 0, hash: deciding.ref.hash },
      receivedAt,
      createdAt: now,
      timingMs: Math.round(ms * 1000) / 1000,
    });
  }

  private factsQuery(
    m: string,
    doc: CanonicalDocument,
    cprHashes: string[],
    ownId: string | null,
  ): FactsQuery {
    return {
      key: this.keyOf(m, doc),
      billingReference: doc.billingReference?.id ?? null,
      issueYear: Number(doc.issueDate.slice(0, 4)),
      cprHashes,
      ownId,
    };
  }

  private async dryRun(
    m: string,
    doc: CanonicalDocument,
    receivedAt: Date,
    deciding: DecidingRuleset,
    now: Date,
    viewer: { mayReadDocument: boolean },
  ): Promise<EvaluateResult> {
    const hash = documentContentHash(doc);
    const { row, facts } = await this.peeker.peek(this.factsQuery(m, doc, this.cprHashes(doc), null));
    const previous =
      row && row.first_decision_id !== null && row.content_hash !== hash
        ? { contentHash: row.content_hash, decisionId: row.first_decision_id }
        : null;
    const record = this.run(
      m,
      doc,
      receivedAt,
      deciding,
      { ...facts, previous },
      { id: '', documentId: row?.id ?? '' },
      hash,
      now,
      false,
    );
    const decision = decisionView(record, {
      mayReadDocument: viewer.mayReadDocument,
      ruleset: deciding.ref,
      dryRun: true,
      documentId: row?.id ?? null,
    });
    const skeleton = this.traces.skeletonFor(record.trace, `${record.rulesetHash}|${record.engineVersion}`);
    return { decision, toJson: () => responseJson(decision, skeleton), status: 'dryRun' };
  }

  private async store(
    m: string,
    doc: CanonicalDocument,
    receivedAt: Date,
    deciding: DecidingRuleset,
    now: Date,
    viewer: { mayReadDocument: boolean },
  ): Promise<EvaluateResult> {
    const hash = documentContentHash(doc);
    const outcome = await this.writer.write({
      facts: this.factsQuery(m, doc, this.cprHashes(doc), null),
      doc,
      contentHash: hash,
      now,
      decide: (snapshot, ids) => this.run(m, doc, receivedAt, deciding, snapshot, ids, hash, now, true),
    });
    if (outcome.created) this.metrics.decisions.inc({ municipality: m, outcome: outcome.record.outcome });
    const decision = decisionView(outcome.record, { mayReadDocument: viewer.mayReadDocument });
    return {
      decision,
      toJson: () => responseJson(decision, outcome.skeleton ?? null),
      status: outcome.created ? 'created' : 'existing',
    };
  }
}

function responseJson(decision: DecisionView, skeleton: KnownSkeleton | null): string {
  return decisionViewJson(decision, skeleton ? traceJson(decision.trace, skeleton) : undefined);
}

function targetOf(opts: EvaluateOptions, receivedAt: Date): RulesetTarget {
  if (opts.draft) return { kind: 'draft' };
  if (opts.version !== undefined) return { kind: 'version', version: opts.version };
  return { kind: 'at', at: receivedAt };
}

/** The XML document as a canonical one (the intake validates it); an IntakeError is the error handler's to answer. */
function parseXml(body: unknown, deciding: DecidingRuleset): CanonicalDocument {
  if (typeof body !== 'string' || body.trim() === '') {
    throw new BadRequestError('The XML body is empty.', [
      issue('', 'intake.empty', 'Dokumentet er tomt.', 'The document is empty.'),
    ]);
  }
  try {
    return parseDocumentXml(body, deciding.ruleset.intake ? { intake: deciding.ruleset.intake } : {});
  } catch (e) {
    if (e instanceof InvalidIntakeSettingsError) {
      throw new ConflictError(
        "The deciding ruleset's intake settings are not valid, so XML cannot be read with them; fix the ruleset.",
      );
    }
    throw e;
  }
}

/** The canonical JSON document, validated; a 400 naming every bad field otherwise. */
function checkDocument(body: unknown): CanonicalDocument {
  const checked = validateDocument(body);
  if (!checked.ok) throw new BadRequestError('The document is not valid.', checked.errors);
  const nul = JSON.stringify(checked.document).includes('\\u0000') ? nulCharacters(checked.document) : [];
  if (nul.length > 0) throw new BadRequestError('The document contains NUL characters.', nul);
  return checked.document;
}

/** PostgreSQL's jsonb cannot hold U+0000; such text is refused up front, naming the field. */
function nulCharacters(value: unknown, path: (string | number)[] = []): Issue[] {
  if (typeof value === 'string') {
    return value.includes('\u0000')
      ? [
          issue(
            pointer(...path),
            'document.nul',
            'Teksten indeholder et NUL-tegn.',
            'The text contains a NUL character.',
          ),
        ]
      : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => nulCharacters(v, [...path, i]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => nulCharacters(v, [...path, k]));
  }
  return [];
}
