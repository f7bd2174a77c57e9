/** Data hooks of the ruleset screens, over dataProvider.api (react-query caches them). */
import { useQuery } from '@tanstack/react-query';
import { useDataProvider, useGetIdentity, useLocaleState, usePermissions } from 'react-admin';
import type { RegelvaerkDataProvider } from '../dataProvider';
import type { Locale } from '../i18n/locale';
import type { Catalogue, Overview } from './model';

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
