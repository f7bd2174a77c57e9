/** The title, who is logged in (and for which municipality), the language switch, Log ud. */
import { Box, Typography } from '@mui/material';
import { AppBar as RaAppBar, TitlePortal, useGetIdentity, useTranslate } from 'react-admin';
import { LanguageSwitch } from './LanguageSwitch';

function Who() {
  const { identity } = useGetIdentity();
  const translate = useTranslate();
  if (!identity) return null;
  const m = identity.municipality as string | null;
  return (
    <Typography variant="body2" sx={{ opacity: 0.85, mx: 1, display: { xs: 'none', sm: 'block' } }}>
      {identity.fullName} · {translate(`roles.${String(identity.role)}`)} ·{' '}
      {m ? translate('app.municipality', { id: m }) : translate('app.no_municipality')}
    </Typography>
  );
}

export function AppBar() {
  return (
    <RaAppBar color="primary" toolbar={<LanguageSwitch />}>
      <TitlePortal />
      <Box flex={1} />
      <Who />
    </RaAppBar>
  );
}
