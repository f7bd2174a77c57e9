/** Versioner: the published ruleset versions, read-only, their diff and "Gendan som kladde". */
import { lazy } from 'react';
import HistoryIcon from '@mui/icons-material/History';
import type { RaRecord } from 'react-admin';
import type { ResourceDefinition } from '../resources';

const versions: ResourceDefinition = {
  list: lazy(() => import('./VersionList')),
  show: lazy(() => import('./VersionShow')),
  icon: HistoryIcon,
  recordRepresentation: (r: RaRecord) => `#${String(r.version)}`,
};
export default versions;
