/**
 * A decision's reasons carry their Danish text only; in English the console looks up the
 * reason catalogue (rejectionReasons/manualReasons, `textEn`) of the ruleset that decided —
 * the version, or the draft — once per version (cached).
 */
import { useQuery } from '@tanstack/react-query';
import { useDataProvider, useLocaleState } from 'react-admin';
import type { RegelvaerkDataProvider } from '../dataProvider';
import type { Decision } from './compare';

interface CatalogueEntry {
  code: string;
  text?: string;
  textEn?: string;
}

interface RulesetDocument {
  rejectionReasons?: CatalogueEntry[];
  manualReasons?: CatalogueEntry[];
}

export function useReasonText(decision: Decision | undefined): (code: string, text: string) => string {
  const [locale] = useLocaleState();
  const dataProvider = useDataProvider<RegelvaerkDataProvider>();
  const ref = decision?.ruleset.draft
    ? `draft:${decision.ruleset.draft.revision}`
    : String(decision?.ruleset.version ?? '');
  const english = locale === 'en' && decision !== undefined && decision.reasons.length > 0;
  const catalogue = useQuery({
    queryKey: ['regelvaerk', 'reason-texts', ref],
    enabled: english,
    staleTime: Infinity,
    queryFn: async () => {
      const path = decision!.ruleset.draft
        ? 'ruleset/draft'
        : `ruleset/versions/${decision!.ruleset.version}`;
      const doc = (await dataProvider.api<{ document: RulesetDocument }>('GET', path)).json.document;
      return new Map(
        [...(doc.rejectionReasons ?? []), ...(doc.manualReasons ?? [])]
          .filter((r) => r.textEn)
          .map((r) => [r.code, r.textEn!] as const),
      );
    },
  });
  return (code, text) => (english ? (catalogue.data?.get(code) ?? text) : text);
}
