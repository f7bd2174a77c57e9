/** Data the document screens read besides the ledger itself, through the data provider (cached). */
import { useQuery } from '@tanstack/react-query';
import { useDataProvider, useLocaleState } from 'react-admin';
import type { Ruleset } from '../../../server/src/engine/ruleset.js';
import type { RegelvaerkDataProvider } from '../dataProvider';
import { useActiveRulesetVersion } from '../ruleset/hooks';

export interface LinkedDocument {
  id: string;
  documentType: 'invoice' | 'creditNote' | 'reminder';
  number: string;
  status: string;
  payable: string;
  issueDate: string;
}

export interface LedgerDocument {
  id: string;
  documentKey: { supplier: string; documentType: 'invoice' | 'creditNote' | 'reminder'; id: string };
  issueDate: string;
  payable: string;
  status: 'approved' | 'rejected' | 'manual' | 'annulled';
  stage: 'review' | 'approval' | 'investigation' | null;
  billingReference: string | null;
  /** A part of a split invoice: the original's id. */
  parentId?: string | null;
  cpr: string[];
  reasons: string[];
  reasonDetails: { code: string; kind: 'reject' | 'manual'; text: string }[];
  actions: string[];
  supplierName: string | null;
  receivedAt: string | null;
  linked: LinkedDocument[];
  rulesetVersion: number | null;
  firstDecisionId: string | null;
  latestDecisionId: string | null;
  outcome?: { outcome: 'approved' | 'rejected'; reason: string | null; comment: string | null; at: string };
  createdAt: string;
  updatedAt: string;
}

export interface Summary {
  total: number;
  reasons: { code: string; kind: 'reject' | 'manual'; text: string; count: number }[];
  suppliers: { id: string; name: string | null; count: number }[];
}

/**
 * The text of a reason code in the console's language: the active ruleset's Danish text or its
 * English `textEn`, else the text the decision recorded, else the code.
 */
export function useReasonText(): (code: string, recorded?: string) => string {
  const [locale] = useLocaleState();
  const { data } = useActiveRulesetVersion<Ruleset>();
  const all = [...(data?.manualReasons ?? []), ...(data?.rejectionReasons ?? [])];
  return (code, recorded) => {
    const def = all.find((r) => r.code === code);
    if (locale === 'en' && def?.textEn) return def.textEn;
    return recorded ?? def?.text ?? code;
  };
}

/** GET …/documents/summary: the count per reason and per supplier over a filter. */
export function useSummary(filter: Record<string, unknown>) {
  const dp = useDataProvider<RegelvaerkDataProvider>();
  const json = JSON.stringify(filter);
  return useQuery({
    queryKey: ['regelvaerk', 'documents-summary', json],
    queryFn: async ({ signal }) =>
      (await dp.api<Summary>('GET', 'documents/summary', undefined, { query: { filter: json }, signal }))
        .json,
  });
}
