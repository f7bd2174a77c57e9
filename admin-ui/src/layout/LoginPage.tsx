/** Log ind: Brugernavn, Adgangskode — the server sets an httpOnly session cookie. */
import { Box, Typography } from '@mui/material';
import { Login, LoginForm, useTranslate } from 'react-admin';
import { LanguageSwitch } from './LanguageSwitch';

export function LoginPage() {
  const translate = useTranslate();
  return (
    <Login
      avatarIcon={null}
      sx={{ backgroundImage: 'none', backgroundColor: '#1f4e79', '& .RaLogin-avatar': { display: 'none' } }}
    >
      <Box sx={{ px: 2, pt: 3, textAlign: 'center' }}>
        <Typography variant="h5" component="h1" sx={{ fontWeight: 600 }}>
          {translate('app.title')}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {translate('auth.subtitle')}
        </Typography>
        <Box sx={{ mt: 1 }}>
          <LanguageSwitch color="primary" />
        </Box>
      </Box>
      <LoginForm />
    </Login>
  );
}
