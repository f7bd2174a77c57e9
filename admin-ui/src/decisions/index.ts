/** Afgørelser: the decision log (GET …/decisions, …/decisions/:id) with the trace and Genafspil. */
import { lazy } from 'react';
import GavelIcon from '@mui/icons-material/Gavel';
import type { RaRecord } from 'react-admin';
import type { ResourceDefinition } from '../resources';

const decisions: ResourceDefinition = {
  list: lazy(() => import('./DecisionList')),
  show: lazy(() => import('./DecisionShow')),
  icon: GavelIcon,
  recordRepresentation: (r: RaRecord) => String((r.documentKey as { id?: string } | undefined)?.id ?? r.id),
};
export default decisions;
