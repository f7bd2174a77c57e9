/** Kommuner (the platform administrator): municipalities with their EANs and users. */
import { lazy } from 'react';
import AccountBalanceIcon from '@mui/icons-material/AccountBalance';
import type { ResourceDefinition } from '../resources';

const municipalities: ResourceDefinition = {
  list: lazy(() => import('./MunicipalityList')),
  create: lazy(() => import('./MunicipalityCreate')),
  show: lazy(() => import('./MunicipalityShow')),
  icon: AccountBalanceIcon,
  recordRepresentation: (r) => `${String(r.id)} ${String(r.name)}`,
};
export default municipalities;
