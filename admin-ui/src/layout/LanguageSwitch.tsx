/** DA | EN in the app bar (and on the login page); the choice is remembered (i18n/locale.ts). */
import { ToggleButton, ToggleButtonGroup } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';

export function LanguageSwitch({ color = 'inherit' }: { color?: 'inherit' | 'primary' }) {
  const [locale, setLocale] = useLocaleState();
  const translate = useTranslate();
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      value={locale}
      aria-label={translate('app.language')}
      onChange={(_e, value: string | null) => {
        if (value) setLocale(value);
      }}
      sx={{
        mx: 1,
        '& .MuiToggleButton-root': {
          color,
          borderColor: color === 'inherit' ? 'rgba(255,255,255,0.5)' : undefined,
          py: 0.25,
          px: 1,
        },
        '& .MuiToggleButton-root.Mui-selected': {
          color,
          backgroundColor: color === 'inherit' ? 'rgba(255,255,255,0.2)' : undefined,
        },
      }}
    >
      <ToggleButton value="da" lang="da" aria-label="Dansk">
        DA
      </ToggleButton>
      <ToggleButton value="en" lang="en" aria-label="English">
        EN
      </ToggleButton>
    </ToggleButtonGroup>
  );
}
