/**
 * What a list shows before it has anything (react-admin's `empty`, shown only when no filter is
 * set): an icon, a sentence saying why it is empty and where its rows come from, and the action
 * that adds one where the user has it.
 */
import type { SvgIconComponent } from '@mui/icons-material';
import { Box, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';

export function ListEmpty({
  icon: Icon,
  message,
  action,
}: {
  icon: SvgIconComponent;
  /** A translation key. */
  message: string;
  action?: ReactNode;
}) {
  const translate = useTranslate();
  return (
    <Box sx={{ textAlign: 'center', m: 4, maxWidth: 560, mx: 'auto' }}>
      <Icon sx={{ fontSize: 64, color: 'text.disabled' }} />
      <Typography variant="body1" sx={{ my: 2 }}>
        {translate(message)}
      </Typography>
      {action}
    </Box>
  );
}
