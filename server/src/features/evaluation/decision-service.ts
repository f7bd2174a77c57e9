/**
 * The decision log: list (no trace, facts or document; CPR masked), one decision in full, and
 * the business response to the ERP rendered as XML (OIOUBL ApplicationResponse or Peppol
 * InvoiceResponse). No HTTP here.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { supplierKey } from '../../engine/ledger.js';
import { NotFoundError } from '../../http/errors.js';
import type { Page, PageOf } from '../../db/list-query.js';
import { renderApplicationResponse, renderInvoiceResponse, type ResponseInput } from '../../intake/index.js';
import { listDecisions, type DecisionRecord, type DecisionSortField } from './decision-repository.js';
import { decisionListItem, decisionView, type DecisionListItem, type DecisionView } from './decision-view.js';
import { findDecisionOr404 } from './replay-service.js';

export type ResponseFormat = 'oioubl' | 'peppol';

/** The decision log's filter as a list asks for it (evaluation-routes.ts reads it from `filter=`). */
export interface DecisionQueryFilter {
  id?: string[];
  outcome?: string[];
  documentType?: string[];
  /** Supplier keys or names (`supplierKey` normalises). */
  supplier?: string[];
  reason?: string[];
  documentId?: string[];
  duplicate?: boolean;
  /** The ruleset versions that made the decisions. */
  version?: number[];
  from?: Date;
  to?: Date;
}

export class DecisionService {
  constructor(private readonly db: Kysely<DB>) {}

  async list(
    m: string,
    f: DecisionQueryFilter,
    page: Page<DecisionSortField>,
  ): Promise<PageOf<DecisionListItem>> {
    const { rows, total } = await listDecisions(
      this.db,
      m,
      {
        ids: f.id ?? null,
        outcomes: f.outcome ?? null,
        documentTypes: f.documentType ?? null,
        supplierKeys: f.supplier?.map(supplierKey) ?? null,
        reasons: f.reason ?? null,
        documentIds: f.documentId ?? null,
        duplicate: f.duplicate ?? null,
        versions: f.version ?? null,
        from: f.from ?? null,
        to: f.to ?? null,
      },
      page,
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
