/**
 * What Afgørelser, Revisionslog, Oversigt and Kommuner show the same way: times, outcomes, and
 * the server's read-only catalogues (facts, the ruleset's versions and reasons) through react-query.
 */
import { Chip } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useDataProvider, useLocaleState, useTranslate } from 'react-admin';
import type { Ruleset } from '../../../server/src/engine/ruleset.js';
import type { RegelvaerkDataProvider } from '../dataProvider';
import { useActiveRulesetVersion } from '../ruleset/hooks';

/** A time in the console's language: "2. dec. 2026 09.15". */
export function useDateTime(): (iso: string | null | undefined) => string {
  const [locale] = useLocaleState();
  return (iso) =>
    iso
      ? new Date(iso).toLocaleString(locale === 'da' ? 'da-DK' : 'en-GB', {
          dateStyle: 'medium',
          timeStyle: 'short',
        })
      : '';
}

/** 2026-11-26 → 26. nov. 2026 / 26 Nov 2026 (a calendar day, no time zone shift). */
export function useDay(): (ymd: string) => string {
  const [locale] = useLocaleState();
  return (ymd) => {
    const d = new Date(`${ymd}T12:00:00Z`);
    return Number.isNaN(d.getTime())
      ? ymd
      : d.toLocaleDateString(locale === 'da' ? 'da-DK' : 'en-GB', { dateStyle: 'medium', timeZone: 'UTC' });
  };
}

export type Outcome = 'approved' | 'manual' | 'rejected';

const OUTCOME_COLOR = { approved: 'success', manual: 'warning', rejected: 'error' } as const;

/** Godkendt / Manuel behandling / Afvist. */
export function OutcomeChip({ outcome }: { outcome: string }) {
  const translate = useTranslate();
  const color = OUTCOME_COLOR[outcome as Outcome] ?? 'default';
  return (
    <Chip
      size="small"
      color={color}
      variant="outlined"
      label={translate(`resources.decisions.outcomes.${outcome}`, { _: outcome })}
    />
  );
}

/** A GET through the data provider, cached by react-query (the catalogues change rarely). */
export function useApiGet<T>(path: string | null, query?: Record<string, string>) {
  const dataProvider = useDataProvider<RegelvaerkDataProvider>();
  return useQuery({
    queryKey: ['regelvaerk-api', path, query],
    enabled: path !== null,
    staleTime: 60_000,
    queryFn: async ({ signal }) =>
      (await dataProvider.api<T>('GET', path!, undefined, { query, signal })).json,
  });
}

interface Label {
  da: string;
  en: string;
}

export interface FactCatalogue {
  facts: { name: string; type: string; description: Label; values?: string[] }[];
  operators: { name: string; label: Label }[];
  decorators: { name: string; label: Label }[];
}

export function useFacts() {
  return useApiGet<FactCatalogue>('/facts');
}

export interface VersionSummary {
  version: number;
  effectiveFrom: string;
  comment?: string;
}

/** The reason codes of the version in force (for the filters), with their texts. */
export function useReasonChoices(): { id: string; name: string }[] {
  const doc = useActiveRulesetVersion<Ruleset>().data;
  if (!doc) return [];
  return [...(doc.rejectionReasons ?? []), ...(doc.manualReasons ?? [])].map((r) => ({
    id: r.code,
    name: r.code,
  }));
}
