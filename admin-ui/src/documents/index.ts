/**
 * Dokumenter (the ledger, GET …/documents) and each document's page; Manuel behandling (the
 * caseworker's queue): a resource of its own (so it is the caseworker's landing page, the first
 * in the menu) whose list reads the `documents` resource and opens its rows there.
 */
import { lazy } from 'react';
import AssignmentIndIcon from '@mui/icons-material/AssignmentInd';
import DescriptionIcon from '@mui/icons-material/Description';
import type { ResourceDefinition } from '../resources';

const documents: ResourceDefinition = {
  list: lazy(() => import('./DocumentList')),
  show: lazy(() => import('./DocumentShow')),
  icon: DescriptionIcon,
  recordRepresentation: (r) => String((r as { documentKey?: { id?: string } }).documentKey?.id ?? r.id),
};
export default documents;

export const manual: ResourceDefinition = {
  list: lazy(() => import('./ManualQueue')),
  icon: AssignmentIndIcon,
};
