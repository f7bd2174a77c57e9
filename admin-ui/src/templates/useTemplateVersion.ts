/** GET /templates/:id/versions/:n — one version with its document. */
import { useQuery } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import type { RegelvaerkDataProvider } from '../dataProvider';
import type { TemplateVersion } from './types';

export function useTemplateVersion(id: string | undefined, version: number | null | undefined) {
  const dataProvider = useDataProvider<RegelvaerkDataProvider>();
  return useQuery<TemplateVersion>({
    queryKey: ['templates', id, 'versions', version],
    enabled: id !== undefined && typeof version === 'number',
    staleTime: Infinity, // versions never change
    queryFn: async ({ signal }) =>
      (
        await dataProvider.api<TemplateVersion>(
          'GET',
          `/templates/${encodeURIComponent(id!)}/versions/${version}`,
          undefined,
          { signal },
        )
      ).json,
  });
}
