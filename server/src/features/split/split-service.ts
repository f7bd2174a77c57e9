/**
 * Splitting a manual invoice into parts (PRODUCT.md §7, the Swedish guide "Dela faktura") and a
 * caseworker's payment groups (the KP guide's betalingsgrupper). No HTTP here.
 *
 * - The feature follows `settings.invoiceSplit.enabled` (the guide's UseInvoiceSplit) of the
 *   ruleset version that made the document's current decision; off → 409.
 * - Distributing (save, replace) is allowed for a manual invoice in review, approval or
 *   investigation (Sakgranskning, Attest, Utredning); the rules of a distribution are in
 *   domain/split.ts. Removing is allowed until the split is completed. Each change is audited and
 *   recorded as an outcome row, so it appears in the document's history.
 * - KP only borrows an invoice and cannot change it: a split changes nothing in the original; on
 *   completion the original is annulled and the parts become new documents.
 * - Payment groups may be changed while the document is manual; once approved or rejected they
 *   are what was posted and are refused.
 */
import { isUuid } from '../../domain/uuid.js';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { cprHash } from '../../domain/cpr.js';
import type { CanonicalDocument } from '../../domain/document.js';
import { issue } from '../../domain/issues.js';
import { formatMoney, parseMoney } from '../../domain/money.js';
import { regroup, type PaymentGroupInput, type PaymentGroupResult } from '../../domain/payment-groups.js';
import {
  apportionLines,
  distributeSplit,
  type SplitPart,
  type SplitPartInput,
  type SplitTotals,
} from '../../domain/split.js';
import { decide, documentContentHash } from '../../engine/index.js';
import { supplierKey } from '../../engine/ledger.js';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.js';
import { recordAudit } from '../audit/audit-repository.js';
import {
  findDecision,
  insertDecision,
  newDecisionRecord,
  type DecisionRecord,
} from '../evaluation/decision-repository.js';
import type { RulesetResolver } from '../rulesets/ruleset-resolver.js';
import { findLedgerRow, insertOutcome, type LedgerRow } from '../documents/document-repository.js';
import { readLedgerFacts } from '../documents/ledger-repository.js';

/** The split as stored on the original's ledger row (documents.split). */
export interface StoredSplit {
  status: 'pending' | 'completed';
  message: string;
  parts: SplitPart[];
  /** The document's net and VAT that the parts distribute. */
  totals: SplitTotals;
  savedAt: string;
  savedBy: string;
  completedAt?: string;
  completedBy?: string;
  /** Completed: the parts' ledger ids, in order (_1, _2, …). */
  partDocuments?: string[];
}

export interface SplitRequest {
  parts: SplitPartInput[];
  message: string;
}

export interface PaymentGroupsView {
  /** True when a caseworker changed them; false: as the decision proposed. */
  changed: boolean;
  groups: PaymentGroupResult[];
  postings: { account: string; amount: string }[];
}

interface Current {
  row: LedgerRow;
  document: CanonicalDocument;
  rulesetVersion: number;
  proposedGroups: PaymentGroupResult[];
  postings: { account: string; amount: string }[];
}

export interface CompletedSplit {
  split: StoredSplit;
  /** The parts' decisions, in order (_1, _2, …). */
  decisions: DecisionRecord[];
}

export class SplitService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly resolver: RulesetResolver,
    private readonly now: () => Date,
    private readonly cprKey: string,
  ) {}

  /** The document row (locked) and its current decision's canonical document and version. */
  private async current(db: Kysely<DB>, m: string, id: string): Promise<Current> {
    const row = isUuid(id) ? await findLedgerRow(db, m, id, true) : undefined;
    if (!row) throw new NotFoundError(`Document ${id}`);
    const decisionId = row.latest_decision_id ?? row.first_decision_id;
    const decision = decisionId ? await findDecision(db, m, decisionId) : undefined;
    if (!decision) throw new ConflictError(`Document ${id} has no decision yet.`);
    return {
      row,
      document: decision.document,
      rulesetVersion: decision.rulesetVersion,
      proposedGroups: decision.paymentGroups.map((g) => ({ ...g, account: g.account ?? '' })),
      postings: decision.postings,
    };
  }

  /**
   * Reads the versions a change will need before its transaction: a cold resolver reads them
   * outside the transaction, which on the embedded database (one connection) would wait for the
   * transaction forever (as DocumentService.recordOutcome does).
   */
  private async primeResolver(m: string, id: string, inForce: boolean): Promise<void> {
    if (!isUuid(id)) return;
    const c = await this.current(this.db, m, id).catch(() => null);
    if (c) await this.resolver.version(m, c.rulesetVersion);
    if (inForce) await this.resolver.versionAt(m, this.now());
  }

  private async requireSplitEnabled(m: string, c: Current): Promise<void> {
    const version = await this.resolver.version(m, c.rulesetVersion);
    if (version?.ruleset.settings.invoiceSplit?.enabled !== true)
      throw new ConflictError(
        `Invoice split is not switched on in ruleset version ${c.rulesetVersion}, which decided this document (settings.invoiceSplit.enabled).`,
        { setting: '/settings/invoiceSplit/enabled' },
      );
  }

  private static requireManualInvoice(c: Current, what: string): void {
    if (c.row.document_type !== 'invoice')
      throw new ConflictError(`Only an invoice can be split; this is a ${c.row.document_type}.`);
    if (c.row.status !== 'manual' || c.row.stage === null)
      throw new ConflictError(
        `Document ${c.row.id} is ${c.row.status}; ${what} only while it awaits manual processing (review, approval or investigation).`,
        { status: c.row.status },
      );
  }

  private static stored(row: LedgerRow): StoredSplit | null {
    return (row.split as StoredSplit | null) ?? null;
  }

  /** PUT …/split: saves (or replaces) the distribution. */
  async distribute(m: string, id: string, req: SplitRequest, actor: string): Promise<StoredSplit> {
    await this.primeResolver(m, id, false);
    return this.db.transaction().execute(async (trx) => {
      const c = await this.current(trx, m, id);
      await this.requireSplitEnabled(m, c);
      SplitService.requireManualInvoice(c, 'a split can be distributed');
      const before = SplitService.stored(c.row);
      if (before?.status === 'completed')
        throw new ConflictError(`The split of document ${id} is completed.`);
      const totals = { net: c.document.totals.net, vat: c.document.totals.vat };
      const result = distributeSplit(totals, req);
      if (result.issues.length > 0)
        throw new ValidationError(
          `The split cannot be saved: ${result.issues.map((i) => i.message).join(' ')}`,
          result.issues,
          { remaining: result.remaining },
        );
      const now = this.now();
      const split: StoredSplit = {
        status: 'pending',
        message: req.message.trim(),
        parts: result.parts,
        totals,
        savedAt: now.toISOString(),
        savedBy: actor,
      };
      await trx
        .updateTable('documents')
        .set({ split: JSON.stringify(split), updated_at: now })
        .where('id', '=', c.row.id)
        .execute();
      await this.record(trx, m, c.row, 'split', split.message, actor, now, { before, after: split });
      return split;
    });
  }

  /** DELETE …/split: removes a pending split. */
  async remove(m: string, id: string, actor: string): Promise<void> {
    await this.primeResolver(m, id, false);
    await this.db.transaction().execute(async (trx) => {
      const c = await this.current(trx, m, id);
      await this.requireSplitEnabled(m, c);
      const before = SplitService.stored(c.row);
      if (!before) throw new NotFoundError(`A split of document ${id}`);
      if (before.status === 'completed')
        throw new ConflictError(`The split of document ${id} is completed and cannot be removed.`);
      const now = this.now();
      await trx
        .updateTable('documents')
        .set({ split: null, updated_at: now })
        .where('id', '=', c.row.id)
        .execute();
      await this.record(trx, m, c.row, 'split-removed', null, actor, now, { before, after: null });
    });
  }

  /**
   * POST …/split/complete (Annullér og del faktura), only in investigation (Utredning): in one
   * transaction the original is annulled with a system message naming the new documents, and
   * the parts become new documents `<original>_1 … _n` — the original's supplier, buyer and CPR,
   * its lines apportioned to the part, the part's net, VAT and due date, and a status message
   * giving the number of parts and the original's id — each decided like any other document
   * under the version in force, its decision stored (cause: the split) and replayable. A part
   * whose number is taken, or any other failure, leaves nothing behind.
   */
  async complete(m: string, id: string, message: string, actor: string): Promise<CompletedSplit> {
    if (message.trim() === '')
      throw new ValidationError('A message is required to complete the split.', [
        issue('/message', 'split.message', 'Skriv en meddelelse.', 'A message is required.'),
      ]);
    await this.primeResolver(m, id, true);
    return this.db.transaction().execute(async (trx) => {
      const c = await this.current(trx, m, id);
      await this.requireSplitEnabled(m, c);
      const split = SplitService.stored(c.row);
      if (!split) throw new ConflictError(`Document ${id} has no split to complete: distribute it first.`);
      if (split.status === 'completed')
        throw new ConflictError(`The split of document ${id} is completed already.`);
      SplitService.requireManualInvoice(c, 'a split can be completed');
      if (c.row.stage !== 'investigation')
        throw new ConflictError(
          `A split is completed in investigation (Undersøgelse); document ${id} is in ${c.row.stage}.`,
          { stage: c.row.stage },
        );
      const now = this.now();
      const version = await this.resolver.versionAt(m, now);
      if (!version) throw new ConflictError(`Municipality ${m} has no ruleset version in force.`);
      const original = c.document;
      const n = split.parts.length;
      const numbers = split.parts.map((_, k) => `${original.id}_${k + 1}`);
      const cprHashes = [...new Set(original.cprNumbers.map((x) => cprHash(x, this.cprKey)))];
      const decisions: DecisionRecord[] = [];
      const partIds: string[] = [];
      for (let k = 0; k < n; k++) {
        const part = split.parts[k]!;
        const payable = formatMoney((parseMoney(part.net) ?? 0) + (parseMoney(part.vat) ?? 0));
        const { allowanceCharges: _charges, ...base } = original;
        const doc: CanonicalDocument = {
          ...base,
          id: numbers[k]!,
          receivedAt: now.toISOString(),
          lines: apportionLines(original.lines, part),
          totals: { net: part.net, vat: part.vat, payable },
          note: `Delfaktura ${k + 1} af ${n} af faktura ${original.id} (id ${c.row.id}).`,
        };
        if (part.dueDate !== null) doc.dueDate = part.dueDate;
        const partId = randomUUID();
        const contentHash = documentContentHash(doc);
        const key = {
          municipality: m,
          supplierKey: supplierKey(doc.supplier.id),
          documentType: doc.documentType,
          number: doc.id,
        };
        // the part's ledger row: a number the supplier has used already fails the whole completion
        const inserted = await trx
          .insertInto('documents')
          .values({
            id: partId,
            municipality_id: m,
            supplier_key: key.supplierKey,
            supplier_id: doc.supplier.id,
            document_type: doc.documentType,
            number: doc.id,
            issue_date: doc.issueDate,
            payable,
            status: 'manual',
            cpr_hashes: JSON.stringify(cprHashes),
            case_kinds: '[]',
            postings: '[]',
            content_hash: contentHash,
            billing_reference: null,
            parent_id: c.row.id,
            created_at: now,
            updated_at: now,
          })
          .onConflict((oc) =>
            oc.columns(['municipality_id', 'supplier_key', 'document_type', 'number']).doNothing(),
          )
          .returning('id')
          .executeTakeFirst();
        if (!inserted)
          throw new ConflictError(
            `The split cannot be completed: the supplier already has an invoice numbered ${doc.id}. Nothing was changed.`,
            { number: doc.id },
          );
        const facts = await readLedgerFacts(trx, {
          key,
          billingReference: null,
          issueYear: Number(doc.issueDate.slice(0, 4)),
          cprHashes,
          ownId: partId,
        });
        const snapshot = { ...facts, previous: null };
        const t0 = performance.now();
        const engine = decide(version.compiled, doc, snapshot);
        const record = newDecisionRecord(engine, {
          id: randomUUID(),
          municipality: m,
          documentId: partId,
          document: doc,
          contentHash,
          snapshot,
          ruleset: { version: version.version, hash: version.hash },
          receivedAt: now,
          createdAt: now,
          timingMs: Math.round((performance.now() - t0) * 1000) / 1000,
          cause: { kind: 'split', documentId: c.row.id, originalNumber: original.id, part: k + 1, parts: n },
        });
        await insertDecision(trx, record);
        await trx
          .updateTable('documents')
          .set({
            status: record.outcome,
            stage: record.outcome === 'manual' ? 'review' : null,
            case_kinds: JSON.stringify(record.facts.caseTypeKinds),
            case_types: JSON.stringify(record.facts.caseTypes),
            postings: JSON.stringify(record.postings),
            first_decision_id: record.id,
            latest_decision_id: record.id,
            updated_at: now,
          })
          .where('id', '=', partId)
          .execute();
        decisions.push(record);
        partIds.push(partId);
      }
      const completed: StoredSplit = {
        ...split,
        status: 'completed',
        completedAt: now.toISOString(),
        completedBy: actor,
        partDocuments: partIds,
      };
      await trx
        .updateTable('documents')
        .set({ status: 'annulled', stage: null, split: JSON.stringify(completed), updated_at: now })
        .where('id', '=', c.row.id)
        .execute();
      const systemMessage = `Fakturaen er annulleret og delt i ${n} delfakturaer: ${numbers.join(', ')}. ${message.trim()}`;
      await this.record(trx, m, c.row, 'split-completed', systemMessage, actor, now, {
        before: split,
        after: completed,
      });
      return { split: completed, decisions };
    });
  }

  /** GET …/payment-groups: the caseworker's groups, or the decision's proposal. */
  async paymentGroups(m: string, id: string): Promise<PaymentGroupsView> {
    const c = await this.current(this.db, m, id);
    return SplitService.groupsView(c);
  }

  private static groupsView(c: Current): PaymentGroupsView {
    const own = c.row.payment_groups as PaymentGroupResult[] | null;
    if (own) {
      const r = regroup(c.document, own);
      return { changed: true, groups: r.groups, postings: r.postings };
    }
    return { changed: false, groups: c.proposedGroups, postings: c.postings };
  }

  /** PUT …/payment-groups: a caseworker moves lines between groups (or into a new one). */
  async setPaymentGroups(
    m: string,
    id: string,
    groups: PaymentGroupInput[],
    actor: string,
    comment: string | null,
  ): Promise<PaymentGroupsView> {
    return this.db.transaction().execute(async (trx) => {
      const c = await this.current(trx, m, id);
      if (c.row.status !== 'manual')
        throw new ConflictError(
          `Document ${id} is ${c.row.status}: its payment groups are what was posted and cannot be changed.`,
          { status: c.row.status },
        );
      if (c.document.documentType !== 'invoice')
        throw new ConflictError(
          `Payment groups are changed on an invoice; this is a ${c.document.documentType}.`,
        );
      const before = SplitService.groupsView(c);
      const r = regroup(c.document, groups);
      if (r.issues.length > 0)
        throw new ValidationError(
          `The payment groups cannot be saved: ${r.issues.map((i) => i.message).join(' ')}`,
          r.issues,
        );
      const now = this.now();
      await trx
        .updateTable('documents')
        .set({
          payment_groups: JSON.stringify(r.groups),
          postings: JSON.stringify(r.postings),
          updated_at: now,
        })
        .where('id', '=', c.row.id)
        .execute();
      const after: PaymentGroupsView = { changed: true, groups: r.groups, postings: r.postings };
      await this.record(trx, m, c.row, 'payment-groups', comment, actor, now, { before, after });
      return after;
    });
  }

  private async record(
    trx: Kysely<DB>,
    m: string,
    row: LedgerRow,
    outcome: 'split' | 'split-removed' | 'split-completed' | 'payment-groups',
    comment: string | null,
    actor: string,
    now: Date,
    change: { before: unknown; after: unknown },
  ): Promise<void> {
    await insertOutcome(trx, {
      id: randomUUID(),
      municipality: m,
      documentId: row.id,
      outcome,
      reason: null,
      comment,
      stage: row.stage,
      actor,
      now,
    });
    await recordAudit(trx, {
      municipality: m,
      actor,
      action: outcome,
      entity: 'document',
      entityId: row.id,
      before: change.before ?? null,
      after: change.after ?? null,
      comment,
    });
  }
}
