/**
 * Re-decisions (issue 8): when a caseworker records the outcome of an invoice, the credit notes
 * and reminders waiting on it — still manual, and decided while the invoice was pending — are
 * decided again under the version in force now, with the ledger as it now is (a rejected
 * invoice's credit note is then rejected automatically, as the seed's table says).
 *
 * Each re-decision is a new stored decision (decisions stay append-only) that names its cause,
 * `{kind: 'outcome', documentId, outcomeId, outcome}`; it stores its own ledger snapshot and
 * ruleset version, so replay as recorded reproduces it exactly. The ledger row's status follows
 * the latest decision. Runs inside the caller's transaction. No HTTP here.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql, type Kysely } from 'kysely';
import type { DB, DecisionCause } from '../../db/schema.js';
import { decide } from '../../engine/index.js';
import type { RulesetResolver } from '../rulesets/ruleset-resolver.js';
import { readLedgerFacts } from '../documents/ledger-repository.js';
import type { LedgerRow } from '../documents/document-repository.js';
import { insertDecision, newDecisionRecord, recordOf, type DecisionRecord } from './decision-repository.js';

/** Re-decides what waits on `invoice`; returns the new decisions. */
export async function redecideWaiting(
  db: Kysely<DB>,
  resolver: RulesetResolver,
  invoice: LedgerRow,
  cause: DecisionCause,
  now: Date,
): Promise<DecisionRecord[]> {
  const waiting = await db
    .selectFrom('documents as d')
    .innerJoin('decisions as x', 'x.id', 'd.latest_decision_id')
    .selectAll('x')
    .select(['d.cpr_hashes as row_cpr_hashes', 'd.supplier_key as row_supplier_key'])
    .where('d.municipality_id', '=', invoice.municipality_id)
    .where('d.supplier_key', '=', invoice.supplier_key)
    .where('d.document_type', 'in', ['creditNote', 'reminder'])
    .where('d.billing_reference', '=', invoice.number)
    .where('d.status', '=', 'manual')
    .where(sql<boolean>`x.ledger_snapshot->'matchingInvoice'->>'status' = 'manual'`)
    .orderBy('d.created_at')
    .orderBy('d.id')
    .forUpdate('d')
    .execute();
  if (waiting.length === 0) return [];
  const version = await resolver.versionAt(invoice.municipality_id, now);
  if (!version) return []; // nothing in force: they stay with a caseworker
  const out: DecisionRecord[] = [];
  for (const row of waiting) {
    const previous = recordOf(row);
    const doc = previous.document;
    const facts = await readLedgerFacts(db, {
      key: {
        municipality: invoice.municipality_id,
        supplierKey: row.row_supplier_key,
        documentType: doc.documentType,
        number: doc.id,
      },
      billingReference: doc.billingReference?.id ?? null,
      issueYear: Number(doc.issueDate.slice(0, 4)),
      cprHashes: row.row_cpr_hashes,
      ownId: previous.documentId,
    });
    const snapshot = { ...facts, previous: null };
    const t0 = performance.now();
    const engine = decide(version.compiled, doc, snapshot);
    const record = newDecisionRecord(engine, {
      id: randomUUID(),
      municipality: invoice.municipality_id,
      documentId: previous.documentId,
      document: doc,
      contentHash: previous.contentHash,
      snapshot,
      ruleset: { version: version.version, hash: version.hash },
      receivedAt: previous.receivedAt,
      createdAt: now,
      timingMs: Math.round((performance.now() - t0) * 1000) / 1000,
      cause,
    });
    await insertDecision(db, record);
    await db
      .updateTable('documents')
      .set({
        status: record.outcome,
        stage: record.outcome === 'manual' ? 'review' : null,
        postings: JSON.stringify(record.postings),
        latest_decision_id: record.id,
        updated_at: now,
      })
      .where('id', '=', record.documentId)
      .execute();
    out.push(record);
  }
  return out;
}
