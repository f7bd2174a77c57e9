/** A page's heading (and the app bar's title), with its actions on the right. */
import { Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { ListButton, Title } from 'react-admin';

export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <>
      <Title title={title} />
      <Stack direction="row" justifyContent="space-between" alignItems="center" sx={{ mb: 1 }}>
        <Typography variant="h5" component="h1">
          {title}
        </Typography>
        <Stack direction="row" spacing={1}>
          {children}
          <ListButton resource="templates" />
        </Stack>
      </Stack>
    </>
  );
}
