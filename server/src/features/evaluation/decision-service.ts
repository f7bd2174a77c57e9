/**
 * The decision log: list (no trace, facts or document; CPR masked), one decision in full, and
 * the business response to the ERP rendered as XML (OIOUBL ApplicationResponse or Peppol
 * InvoiceResponse). No HTTP here.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { supplierKey } from '../../engine/ledger.js';
import { NotFoundError } from '../../http/errors.js';
import type { ListParams } from '../../http/list.js';
import { renderApplicationResponse, renderInvoiceResponse, type ResponseInput } from '../../intake/index.js';
import {
  booleanFilter,
  idsFilter,
  integersFilter,
  stringsFilter,
  timeFilter,
} from '../documents/list-filters.js';
import { listDecisions, type DecisionRecord, type DecisionSortField } from './decision-repository.js';
import { decisionListItem, decisionView, type DecisionListItem, type DecisionView } from './decision-view.js';
import { findDecisionOr404 } from './replay-service.js';

export type ResponseFormat = 'oioubl' | 'peppol';

export class DecisionService {
  constructor(private readonly db: Kysely<DB>) {}

  async list(
    m: string,
    params: ListParams<DecisionSortField>,
  ): Promise<{ rows: DecisionListItem[]; total: number }> {
    const f = params.filter;
    const suppliers = stringsFilter('supplier', f.supplier);
    const { rows, total } = await listDecisions(
      this.db,
      m,
      {
        ids: idsFilter('id', f.id),
        outcomes: stringsFilter('outcome', f.outcome),
        documentTypes: stringsFilter('documentType', f.documentType),
        supplierKeys: suppliers === null ? null : suppliers.map(supplierKey),
        reasons: stringsFilter('reason', f.reason),
        documentIds: idsFilter('documentId', f.documentId),
        duplicate: booleanFilter('duplicate', f.duplicate),
        versions: integersFilter('version', f.version),
        from: timeFilter('from', f.from),
        to: timeFilter('to', f.to, true),
      },
      params,
    );
    return { rows: rows.map(decisionListItem), total };
  }

  async get(m: string, id: string, viewer: { mayReadDocument: boolean }): Promise<DecisionView> {
    return decisionView(await findDecisionOr404(this.db, m, id), viewer);
  }

  /**
   * The business response for a decision. Without a format, the document's own family decides:
   * Peppol BIS 3 and OIOUBL 3 documents get an InvoiceResponse, everything else (OIOUBL 2.1,
   * JSON) an OIOUBL ApplicationResponse.
   */
  async response(m: string, id: string, format: ResponseFormat | undefined): Promise<string> {
    return renderBusinessResponse(this.db, m, await findDecisionOr404(this.db, m, id), format);
  }
}

/** What a caseworker recorded, when it (not the rules) set the document's status. */
export interface RecordedOutcome {
  id: string;
  outcome: 'approved' | 'rejected';
  reasons: { code: string; text: string }[];
  comment: string | null;
  at: Date;
}

/**
 * The business response for a decision — or, with `recorded`, for the caseworker's outcome that
 * followed it. Without a format, the document's own family decides: Peppol BIS 3 and OIOUBL 3
 * documents get an InvoiceResponse, everything else (OIOUBL 2.1, JSON) an OIOUBL
 * ApplicationResponse.
 */
export async function renderBusinessResponse(
  db: Kysely<DB>,
  m: string,
  d: DecisionRecord,
  format: ResponseFormat | undefined,
  recorded?: RecordedOutcome,
): Promise<string> {
  const municipality = await db
    .selectFrom('municipalities')
    .select(['id', 'name', 'eans'])
    .where('id', '=', m)
    .executeTakeFirst();
  if (!municipality) throw new NotFoundError(`Municipality ${m}`);
  const buyerEan = d.document.buyer.ean ?? undefined;
  const ean =
    buyerEan !== undefined && municipality.eans.includes(buyerEan) ? buyerEan : municipality.eans[0];
  const input: ResponseInput = {
    decisionId: recorded?.id ?? d.id,
    outcome: recorded?.outcome ?? d.outcome,
    reasons: recorded?.reasons ?? d.reasons.map((r) => ({ code: r.code, text: r.text })),
    document: d.document,
    createdAt: (recorded?.at ?? d.createdAt).toISOString(),
    municipality: { id: municipality.id, name: municipality.name, ...(ean !== undefined ? { ean } : {}) },
  };
  const comment = recorded ? recorded.comment : d.comment;
  if (comment !== null) input.comment = comment;
  const chosen =
    format ?? (d.document.format === 'peppol-bis3' || d.document.format === 'oioubl3' ? 'peppol' : 'oioubl');
  return chosen === 'peppol' ? renderInvoiceResponse(input) : renderApplicationResponse(input);
}
