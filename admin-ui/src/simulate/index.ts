/** Simulér: a document decided by the draft and the active version, side by side (a page). */
import { lazy } from 'react';
import ScienceIcon from '@mui/icons-material/Science';

export const SimulatePage = lazy(() => import('./SimulatePage'));
export const SimulateIcon = ScienceIcon;
