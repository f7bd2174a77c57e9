/** Regelsæt: the ruleset overview and the draft editor (/ruleset, /ruleset/draft). */
import { lazy } from 'react';
import RuleIcon from '@mui/icons-material/Rule';

export const RulesetIcon = RuleIcon;
export const RulesetPage = lazy(() => import('./RulesetPage'));
