/** Revisionslog: the configuration audit log (GET …/audit-events, …/audit-events/:id) with before/after diffs. */
import { lazy } from 'react';
import HistoryIcon from '@mui/icons-material/History';
import type { ResourceDefinition } from '../resources';

const auditEvents: ResourceDefinition = {
  list: lazy(() => import('./AuditList')),
  show: lazy(() => import('./AuditShow')),
  icon: HistoryIcon,
  recordRepresentation: 'id',
};
export default auditEvents;
