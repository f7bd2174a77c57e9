/** API-nøgler: keys for ERP systems (GET/POST/DELETE /municipalities/:m/api-keys). */
import { lazy } from 'react';
import VpnKeyIcon from '@mui/icons-material/VpnKey';
import type { ResourceDefinition } from '../resources';

const apiKeys: ResourceDefinition = {
  list: lazy(() => import('./ApiKeyList')),
  create: lazy(() => import('./ApiKeyCreate')),
  icon: VpnKeyIcon,
  recordRepresentation: 'name',
};
export default apiKeys;
