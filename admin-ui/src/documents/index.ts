/**
 * Dokumenter (the ledger, GET …/documents) and each document's page; Manuel behandling (the
 * caseworker's queue) is a page over the same resource (ManualQueue, registered in resources.ts).
 */
import { lazy } from 'react';
import DescriptionIcon from '@mui/icons-material/Description';
import type { ResourceDefinition } from '../resources';

const documents: ResourceDefinition = {
  list: lazy(() => import('./DocumentList')),
  show: lazy(() => import('./DocumentShow')),
  icon: DescriptionIcon,
  recordRepresentation: (r) => String((r as { documentKey?: { id?: string } }).documentKey?.id ?? r.id),
};
export default documents;

export const ManualQueue = lazy(() => import('./ManualQueue'));
