/** Godkendt / Manuel behandling / Afvist as a coloured chip. */
import { Chip } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { Outcome } from './compare';

const COLOR = { approved: 'success', manual: 'warning', rejected: 'error' } as const;

export function OutcomeChip({ outcome, size = 'small' }: { outcome: Outcome; size?: 'small' | 'medium' }) {
  const translate = useTranslate();
  return <Chip size={size} color={COLOR[outcome]} label={translate(`simulate.outcomes.${outcome}`)} />;
}
