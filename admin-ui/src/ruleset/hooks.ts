/** Data hooks of the ruleset screens, over dataProvider.api (react-query caches them). */
import { useQuery } from '@tanstack/react-query';
import { useDataProvider, useGetIdentity, useLocaleState, usePermissions } from 'react-admin';
import type { RegelvaerkDataProvider } from '../dataProvider';
import type { Locale } from '../i18n/locale';
import type { Catalogue, Overview, RulesetDocument } from './model';

export function useApi(): RegelvaerkDataProvider {
  return useDataProvider<RegelvaerkDataProvider>();
}

export function useLocale(): Locale {
  const [locale] = useLocaleState();
  return locale === 'en' ? 'en' : 'da';
}

export function useOverview() {
  const api = useApi();
  return useQuery({
    queryKey: ['ruleset', 'overview'],
    queryFn: async () => (await api.api<Overview>('GET', 'ruleset')).json,
  });
}

/**
 * A published version's document (GET …/ruleset/versions/:n) — the one way the console reads one.
 * A version never changes, so it is fetched once per session; `D` is the part the caller reads.
 */
export function useRulesetVersion<D = RulesetDocument>(version: number | null | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: ['ruleset-version', version],
    enabled: typeof version === 'number',
    staleTime: Infinity,
    queryFn: async ({ signal }) =>
      (await api.api<{ document: D }>('GET', `ruleset/versions/${String(version)}`, undefined, { signal }))
        .json.document,
  });
}

/** The document of the version in force (follows the overview, so a publish is seen at once). */
export function useActiveRulesetVersion<D = RulesetDocument>() {
  return useRulesetVersion<D>(useOverview().data?.active?.version);
}

/** GET /facts: the ONLY source of facts and operators in the console. */
export function useCatalogue() {
  const api = useApi();
  return useQuery({
    queryKey: ['facts'],
    queryFn: async () => (await api.api<Catalogue>('GET', '/facts')).json,
    staleTime: Infinity,
  });
}

/** Whether the logged-in principal has `permission`, and who it is. */
export function useCan(permission: string): boolean {
  const { permissions } = usePermissions<{ permissions: string[] }>();
  return permissions?.permissions?.includes(permission) ?? false;
}

export function useUsername(): string | undefined {
  const { identity } = useGetIdentity();
  return identity ? String(identity.id) : undefined;
}
