import { createTheme, ThemeProvider, useTheme } from '@mui/material/styles';
import { daDK, enUS } from '@mui/material/locale';
import { useMemo, type ReactNode } from 'react';
import { Layout as RaLayout, useLocaleState } from 'react-admin';
import { AppBar } from './AppBar';
import { Menu } from './Menu';

/**
 * MUI's own texts (pagination, an autocomplete's "Ryd"/"Åbn", an alert's "Luk") in the console's
 * language: its locale's component defaults merged into the theme, switched with DA/EN.
 */
function MuiLocale({ children }: { children: ReactNode }) {
  const [locale] = useLocaleState();
  const outer = useTheme();
  const theme = useMemo(() => createTheme(outer, locale === 'en' ? enUS : daDK), [outer, locale]);
  return <ThemeProvider theme={theme}>{children}</ThemeProvider>;
}

export function Layout({ children }: { children: ReactNode }) {
  return (
    <MuiLocale>
      <RaLayout appBar={AppBar} menu={Menu}>
        {children}
      </RaLayout>
    </MuiLocale>
  );
}
