/** GET …/ruleset/upstream (the three-way comparison) for a municipality's user who reads its ruleset. */
import { useQuery } from '@tanstack/react-query';
import { HttpError, useDataProvider } from 'react-admin';
import type { RegelvaerkDataProvider } from '../dataProvider';
import { useAccess } from './access';
import type { Upstream } from './types';

export const UPSTREAM_KEY = ['templates', 'upstream'] as const;

/** `data` is null when the ruleset was not created from a template (the server's 404). */
export function useUpstream() {
  const dataProvider = useDataProvider<RegelvaerkDataProvider>();
  const { followsTemplate } = useAccess();
  return useQuery<Upstream | null>({
    queryKey: UPSTREAM_KEY,
    enabled: followsTemplate,
    retry: false,
    queryFn: async ({ signal }) => {
      try {
        return (await dataProvider.api<Upstream>('GET', 'ruleset/upstream', undefined, { signal })).json;
      } catch (err) {
        if (err instanceof HttpError && err.status === 404) return null;
        throw err;
      }
    },
  });
}
