/**
 * Oversigt: the dashboard over GET …/dashboard. A resource (not a page) so that, first in the
 * menu, it is the landing page of every role that may read decisions; its "list" is the page.
 */
import { lazy } from 'react';
import DashboardIcon from '@mui/icons-material/Dashboard';
import type { ResourceDefinition } from '../resources';

const dashboard: ResourceDefinition = {
  list: lazy(() => import('./Dashboard')),
  icon: DashboardIcon,
};
export default dashboard;
