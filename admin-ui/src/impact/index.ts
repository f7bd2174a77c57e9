/** Konsekvensberegning: the impact preview of the draft or a version over a period (a page). */
import { lazy } from 'react';
import QueryStatsIcon from '@mui/icons-material/QueryStats';

export const ImpactPage = lazy(() => import('./ImpactPage'));
export const ImpactIcon = QueryStatsIcon;
