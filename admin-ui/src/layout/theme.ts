import { defaultTheme, type RaThemeOptions } from 'react-admin';

/** react-admin's default theme with a calmer, public-sector palette. */
export const theme: RaThemeOptions = {
  ...defaultTheme,
  palette: {
    primary: { main: '#1f4e79' },
    secondary: { main: '#2d6a4f' },
    background: { default: '#f5f6f8' },
  },
  sidebar: { width: 240, closedWidth: 55 },
  components: {
    ...defaultTheme.components,
    // The page's content is laid out at the window's width: its widest unbreakable piece (a
    // row of tabs, a long line of code in a trace) must not widen the whole layout, so the
    // content column does not size itself by its content.
    RaLayout: {
      styleOverrides: {
        root: { '& .RaLayout-content': { minWidth: 0, contain: 'inline-size' } },
      },
    },
    // A list wider than the window (the manual queue has nine columns) scrolls inside its card;
    // without this its table widened the whole page and the pagination went out of sight.
    RaList: {
      styleOverrides: {
        root: {
          '& .RaList-main': { minWidth: 0, contain: 'inline-size' },
          '& .RaDataTable-tableWrapper, & .RaDatagrid-tableWrapper': { overflowX: 'auto' },
          // 16 px between columns instead of MUI's 32: with it every column of Dokumenter,
          // Manuel behandling and Afgørelser fits a 1280 px window (the browser tests check it)
          '& .MuiTableCell-sizeSmall': { paddingLeft: 8, paddingRight: 8 },
          '& .MuiTableCell-sizeSmall:first-of-type': { paddingLeft: 16 },
          '& .MuiTableCell-sizeSmall:last-of-type': { paddingRight: 16 },
        },
      },
    },
  },
};
