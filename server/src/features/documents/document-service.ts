/**
 * The ledger as users see it (PRODUCT.md §4): documents with their current status and stage,
 * their history (decisions and recorded outcomes), and the caseworker's (or the ERP's) actions
 * on a manual document — record the outcome, move it between processing stages. No HTTP here.
 *
 * A recorded outcome changes the ledger row's status, so later credit notes and reminders match
 * against it (e.g. a credit note for an invoice a caseworker approved is an annulment).
 */
import { isUuid } from '../../domain/uuid.js';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, DecisionCause, LedgerStatusColumn, Stage } from '../../db/schema.js';
import type { DocumentKey, DocumentType } from '../../domain/document.js';
import { maskCpr } from '../../domain/cpr.js';
import { issue } from '../../domain/issues.js';
import { supplierKey } from '../../engine/ledger.js';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.js';
import type { Page, PageOf } from '../../db/list-query.js';
import { recordAudit } from '../audit/audit-repository.js';
import type { RulesetResolver } from '../rulesets/ruleset-resolver.js';
import { findDecision } from '../evaluation/decision-repository.js';
import {
  renderBusinessResponse,
  type RecordedOutcome,
  type ResponseFormat,
} from '../evaluation/decision-service.js';
import { redecideWaiting } from '../evaluation/redecision.js';
import {
  decisionsOf,
  findLedgerRow,
  insertOutcome,
  listLedger,
  NO_FILTER,
  outcomesOf,
  reasonCounts,
  supplierCounts,
  updateLedgerStatus,
  type DocumentListFilter,
  type DocumentSortField,
  type LedgerRow,
  type LinkedDocumentRow,
  type ReasonCountRow,
  type SupplierCountRow,
} from './document-repository.js';

export interface DocumentListItem {
  id: string;
  municipality: string;
  documentKey: DocumentKey;
  issueDate: string;
  payable: string;
  status: LedgerStatusColumn;
  stage: Stage | null;
  billingReference: string | null;
  parentId: string | null;
  /** The document's CPR numbers, masked (010150-****). */
  cpr: string[];
  /** The reason codes of the decision that set the status. */
  reasons: string[];
  /** The same reasons with their kind and the text the deciding version gives them. */
  reasonDetails: { code: string; kind: 'reject' | 'manual'; text: string }[];
  /** The actions the current decision suggests (PRODUCT.md §2), e.g. TILFOEJ_YDELSE_TIL_BEVILLING. */
  actions: string[];
  /** The supplier's name as the document gives it. */
  supplierName: string | null;
  /** When the ERP received the document (the current decision's receivedAt). */
  receivedAt: string | null;
  /**
   * Linked documents: for a credit note or reminder, the invoice it refers to (billing
   * reference, same supplier); for an invoice, its credit notes and reminders.
   */
  linked: LinkedDocumentRow[];
  /** The ruleset version that decided it. */
  rulesetVersion: number | null;
  firstDecisionId: string | null;
  latestDecisionId: string | null;
  /** The caseworker's (or the ERP's) last recorded approval or rejection, if any. */
  outcome?: { outcome: 'approved' | 'rejected'; reason: string | null; comment: string | null; at: string };
  createdAt: string;
  updatedAt: string;
}

export type HistoryEntry =
  | {
      kind: 'decision';
      at: string;
      decisionId: string;
      outcome: string;
      reasons: string[];
      duplicate: boolean;
      ruleset: { version: number; hash: string };
      engineVersion: string;
      receivedAt: string;
      /** A re-decision: the caseworker's outcome on the invoice it waited on. */
      cause?: DecisionCause;
    }
  | {
      kind: 'outcome';
      at: string;
      id: string;
      outcome: string;
      reason: string | null;
      comment: string | null;
      stage: string | null;
      actor: string;
    };

export interface DocumentDetail extends DocumentListItem {
  history: HistoryEntry[];
  split: object | null;
}

export interface OutcomeRequest {
  outcome: 'approved' | 'rejected';
  reason?: string;
  comment?: string;
}

type ListedRow = Awaited<ReturnType<typeof listLedger>>['rows'][number];

function itemOf(r: ListedRow): DocumentListItem {
  const item: DocumentListItem = {
    id: r.id,
    municipality: r.municipality_id,
    documentKey: { supplier: r.supplier_id, documentType: r.document_type as DocumentType, id: r.number },
    issueDate: r.issue_date,
    payable: r.payable,
    status: r.status,
    stage: r.stage,
    billingReference: r.billing_reference,
    parentId: r.parent_id,
    cpr: (r.cpr_numbers ?? []).map(maskCpr),
    reasons: (r.reasons ?? []).map((x) => x.code),
    reasonDetails: (r.reasons ?? []).map((x) => ({ code: x.code, kind: x.kind, text: x.text })),
    actions: r.actions ?? [],
    supplierName: r.supplier_name,
    receivedAt: r.received_at ? r.received_at.toISOString() : null,
    linked: r.linked,
    rulesetVersion: r.ruleset_version,
    firstDecisionId: r.first_decision_id,
    latestDecisionId: r.latest_decision_id,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
  const o = r.recorded_outcome;
  if (o) {
    item.outcome = {
      outcome: o.outcome,
      reason: o.reason,
      comment: o.comment,
      at: new Date(o.at).toISOString(),
    };
  }
  return item;
}

/** What the reason and supplier aggregates of the ledger answer (GET …/documents/summary). */
export interface DocumentSummary {
  /** Documents the filter selects. */
  total: number;
  /** Per reason of the current decision: over the filter WITHOUT its `reason`, so every choice stays visible. */
  reasons: ReasonCountRow[];
  /** Per supplier: over the filter WITHOUT its `supplier` (the supplier filter's choices). */
  suppliers: SupplierCountRow[];
}

/** The ledger's filter as a list asks for it (document-routes.ts reads it from `filter=`). */
export interface DocumentQueryFilter {
  id?: string[];
  status?: string[];
  stage?: string[];
  documentType?: string[];
  /** Supplier keys or names, as the console shows them (`supplierKey` normalises). */
  supplier?: string[];
  number?: string[];
  updatedSince?: Date;
  reason?: string[];
  from?: Date;
  to?: Date;
}

/** The ledger's filter for the repository (list and summary alike). */
function documentFilter(f: DocumentQueryFilter): DocumentListFilter {
  return {
    ids: f.id ?? null,
    statuses: f.status ?? null,
    stages: f.stage ?? null,
    documentTypes: f.documentType ?? null,
    supplierKeys: f.supplier?.map(supplierKey) ?? null,
    numbers: f.number ?? null,
    updatedSince: f.updatedSince ?? null,
    reasons: f.reason ?? null,
    from: f.from ?? null,
    to: f.to ?? null,
  };
}

const ONE = { sortField: 'createdAt' as const, sortOrder: 'asc' as const, offset: 0, limit: 1 };

export class DocumentService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly resolver: RulesetResolver,
    private readonly now: () => Date,
  ) {}

  async list(
    m: string,
    filter: DocumentQueryFilter,
    page: Page<DocumentSortField>,
  ): Promise<PageOf<DocumentListItem>> {
    const { rows, total } = await listLedger(this.db, m, documentFilter(filter), page);
    return { rows: rows.map(itemOf), total };
  }

  async summary(m: string, filter: DocumentQueryFilter): Promise<DocumentSummary> {
    const f = documentFilter(filter);
    const [count, reasons, suppliers] = await Promise.all([
      listLedger(this.db, m, f, ONE),
      reasonCounts(this.db, m, { ...f, reasons: null }),
      supplierCounts(this.db, m, { ...f, supplierKeys: null }),
    ]);
    return { total: count.total, reasons, suppliers };
  }

  async get(m: string, id: string): Promise<DocumentDetail> {
    const row = await this.rowOr404(m, id);
    return this.detail(this.db, row);
  }

  private async rowOr404(m: string, id: string, db: Kysely<DB> = this.db, lock = false): Promise<LedgerRow> {
    const row = isUuid(id) ? await findLedgerRow(db, m, id, lock) : undefined;
    if (!row) throw new NotFoundError(`Document ${id}`);
    return row;
  }

  private async detail(db: Kysely<DB>, row: LedgerRow): Promise<DocumentDetail> {
    const [listed, decisions, outcomes] = await Promise.all([
      listLedger(db, row.municipality_id, { ...NO_FILTER, ids: [row.id] }, ONE),
      decisionsOf(db, row.id),
      outcomesOf(db, row.id),
    ]);
    const item = listed.rows[0];
    if (!item) throw new NotFoundError(`Document ${row.id}`);
    const history: (HistoryEntry & { sortAt: number })[] = [
      ...decisions.map((d) => ({
        kind: 'decision' as const,
        at: d.created_at.toISOString(),
        sortAt: d.created_at.getTime(),
        decisionId: d.id,
        outcome: d.outcome,
        reasons: d.reasons.map((r) => r.code),
        duplicate: d.duplicate,
        ruleset: { version: d.ruleset_version, hash: d.ruleset_hash },
        engineVersion: d.engine_version,
        receivedAt: d.received_at.toISOString(),
        ...(d.cause ? { cause: d.cause } : {}),
      })),
      ...outcomes.map((o) => ({
        kind: 'outcome' as const,
        at: o.created_at.toISOString(),
        sortAt: o.created_at.getTime(),
        id: o.id,
        outcome: o.outcome,
        reason: o.reason,
        comment: o.comment,
        stage: o.stage,
        actor: o.actor,
      })),
    ];
    // Stable: decisions before outcomes at the same instant (an outcome always follows its decision).
    history.sort((a, b) => a.sortAt - b.sortAt);
    return {
      ...itemOf(item),
      history: history.map(({ sortAt: _sortAt, ...entry }) => entry as HistoryEntry),
      // an invoice split (PRODUCT.md §7): the distribution, and once completed its parts' ids
      split: row.split ?? null,
    };
  }

  /**
   * Records a caseworker's (or the ERP's) outcome for a manual document. A rejection needs a
   * reason code that is an active rejection reason of the version that decided the document.
   * @throws 404, 409 (not manual), 422 (reason missing, unknown or not allowed)
   */
  async recordOutcome(m: string, id: string, req: OutcomeRequest, actor: string): Promise<DocumentDetail> {
    const before = await this.rowOr404(m, id);
    if (req.outcome === 'approved' && req.reason !== undefined) {
      throw new ValidationError('An approval takes no reason code; only a rejection does.', [
        issue(
          '/reason',
          'outcome.reasonNotAllowed',
          'En godkendelse har ingen årsagskode.',
          'An approval takes no reason code.',
        ),
      ]);
    }
    if (req.outcome === 'rejected') await this.checkRejectionReason(m, before, req.reason);
    // The re-decision of what waits on an invoice asks the resolver for the version in force; a
    // cold resolver reads it outside the transaction, which on the embedded database (one
    // connection) would wait for the transaction forever — so it is read before.
    if (before.document_type === 'invoice') await this.resolver.versionAt(m, this.now());
    return this.db.transaction().execute(async (trx) => {
      const row = await this.rowOr404(m, id, trx, true);
      if (row.status !== 'manual') {
        throw new ConflictError(
          `Document ${id} is ${row.status}, not awaiting manual processing; an outcome is recorded only for a manual document.`,
          { status: row.status },
        );
      }
      const now = this.now();
      const outcomeId = randomUUID();
      await insertOutcome(trx, {
        id: outcomeId,
        municipality: m,
        documentId: row.id,
        outcome: req.outcome,
        reason: req.reason ?? null,
        comment: req.comment ?? null,
        stage: row.stage,
        actor,
        now,
      });
      await updateLedgerStatus(trx, row.id, { status: req.outcome, stage: null, now });
      // the credit notes and reminders waiting on this invoice are decided again
      if (row.document_type === 'invoice') {
        await redecideWaiting(
          trx,
          this.resolver,
          row,
          { kind: 'outcome', documentId: row.id, outcomeId, outcome: req.outcome },
          now,
        );
      }
      await recordAudit(trx, {
        municipality: m,
        actor,
        action: 'outcome',
        entity: 'document',
        entityId: row.id,
        before: { status: row.status, stage: row.stage },
        after: { status: req.outcome, reason: req.reason ?? null },
        comment: req.comment ?? null,
      });
      return this.detail(trx, row);
    });
  }

  private async checkRejectionReason(m: string, row: LedgerRow, reason: string | undefined): Promise<void> {
    if (reason === undefined) {
      throw new ValidationError('A rejection needs a reason code from the rejection reasons.', [
        issue(
          '/reason',
          'outcome.reasonRequired',
          'En afvisning kræver en årsagskode.',
          'A rejection needs a reason code.',
        ),
      ]);
    }
    // the deciding version: the one that made the document's current (latest) decision
    const decidingId = row.latest_decision_id ?? row.first_decision_id;
    const first = decidingId
      ? (await decisionsOf(this.db, row.id)).find((d) => d.id === decidingId)
      : undefined;
    const version = first ? await this.resolver.version(m, first.ruleset_version) : null;
    // every active rejection reason — the rules' own and those for manual use (manualOnly)
    const allowed = (version?.ruleset.rejectionReasons ?? [])
      .filter((r) => r.active !== false)
      .map((r) => r.code);
    if (!allowed.includes(reason)) {
      throw new ValidationError(
        `"${reason}" is not an active rejection reason of ruleset version ${first?.ruleset_version ?? '?'}, which decided this document.`,
        [
          issue(
            '/reason',
            'outcome.unknownReason',
            `"${reason}" er ikke en aktiv afvisningsårsag i regelsættets version ${first?.ruleset_version ?? '?'}.`,
            `"${reason}" is not an active rejection reason of ruleset version ${first?.ruleset_version ?? '?'}.`,
          ),
        ],
        { allowed },
      );
    }
  }

  /**
   * The business response for the document's CURRENT status (PRODUCT.md §4, issue 8): the
   * caseworker's approval or rejection (its reason's text from the deciding version, and the
   * comment) when one was recorded, else the latest decision's.
   * @throws 404
   */
  async response(m: string, id: string, format: ResponseFormat | undefined): Promise<string> {
    const row = await this.rowOr404(m, id);
    const decisionId = row.latest_decision_id ?? row.first_decision_id;
    const decision = decisionId ? await findDecision(this.db, m, decisionId) : undefined;
    if (!decision) throw new NotFoundError(`A decision for document ${id}`);
    let recorded: RecordedOutcome | undefined;
    if (row.status === 'annulled') {
      // split (PRODUCT.md §7): the original is not paid; the ERP is told which parts replace it
      const completed = (await outcomesOf(this.db, row.id))
        .filter((o) => o.outcome === 'split-completed')
        .at(-1);
      if (completed)
        recorded = {
          id: completed.id,
          outcome: 'rejected',
          reasons: [{ code: 'FAKTURA_DELT', text: completed.comment ?? 'Fakturaen er annulleret og delt.' }],
          comment: null,
          at: completed.created_at,
        };
    } else if (row.status === 'approved' || row.status === 'rejected') {
      const last = (await outcomesOf(this.db, row.id))
        .filter((o) => o.outcome === 'approved' || o.outcome === 'rejected')
        .at(-1);
      if (last && last.created_at.getTime() >= decision.createdAt.getTime()) {
        const version = await this.resolver.version(m, decision.rulesetVersion);
        const reason = version?.ruleset.rejectionReasons.find((r) => r.code === last.reason);
        recorded = {
          id: last.id,
          outcome: last.outcome as RecordedOutcome['outcome'],
          reasons: last.reason === null ? [] : [{ code: last.reason, text: reason?.text ?? last.reason }],
          comment: last.comment,
          at: last.created_at,
        };
      }
    }
    return renderBusinessResponse(this.db, m, decision, format, recorded);
  }

  /** Moves a manual document to another processing stage. @throws 404, 409 (not manual) */
  async setStage(m: string, id: string, stage: Stage, actor: string): Promise<DocumentDetail> {
    return this.db.transaction().execute(async (trx) => {
      const row = await this.rowOr404(m, id, trx, true);
      if (row.status !== 'manual') {
        throw new ConflictError(
          `Document ${id} is ${row.status}; only a manual document moves between processing stages.`,
          { status: row.status },
        );
      }
      if (row.stage === stage) return this.detail(trx, row);
      const now = this.now();
      await insertOutcome(trx, {
        id: randomUUID(),
        municipality: m,
        documentId: row.id,
        outcome: 'stage',
        reason: null,
        comment: null,
        stage,
        actor,
        now,
      });
      await updateLedgerStatus(trx, row.id, { stage, now });
      return this.detail(trx, row);
    });
  }
}
