/** Godkendelser: pending publish requests, approved or rejected by another administrator (four eyes). */
import { lazy } from 'react';
import FactCheckIcon from '@mui/icons-material/FactCheck';

export const ApprovalsIcon = FactCheckIcon;
export const ApprovalsPage = lazy(() => import('./ApprovalsPage'));
