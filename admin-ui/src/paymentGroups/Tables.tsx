/**
 * The payment groups (the KP guide's *betalingsgrupper*: an invoice's lines by case type and
 * account) and the postings (account → amount) as tables — the one rendering used by Afgørelser,
 * Simulér and a document's page (where PaymentGroupsEditor adds moving lines between groups).
 */
import { Box, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import type { SxProps, Theme } from '@mui/material/styles';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';
import { useDkk } from '../layout/money';

export interface PaymentGroupRow {
  caseType: string | null;
  account: string | null;
  lines: string[];
  amount: string;
}

export interface PostingRow {
  account: string | null;
  amount: string;
}

export function NoneText({ text }: { text: string }) {
  return (
    <Typography variant="body2" color="text.secondary">
      {text}
    </Typography>
  );
}

export function GroupsTable<G extends PaymentGroupRow>({
  groups,
  empty,
  labelledBy,
  caseTypeName,
  rowSx,
  renderCaseType,
  renderLines,
}: {
  groups: readonly G[];
  /** Shown instead of an empty table. */
  empty: string;
  labelledBy?: string;
  /** A case type code → its name (the deciding version's); default: the code. */
  caseTypeName?: (code: string) => string;
  /** A row's highlight (Simulér marks what differs). */
  rowSx?: (group: G, index: number) => SxProps<Theme> | undefined;
  renderCaseType?: (group: G, index: number) => ReactNode;
  renderLines?: (group: G, index: number) => ReactNode;
}) {
  const translate = useTranslate();
  const dkk = useDkk();
  const t = (k: string) => translate(`paymentGroups.${k}`);
  if (groups.length === 0) return <NoneText text={empty} />;
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-labelledby={labelledBy}>
        <TableHead>
          <TableRow>
            <TableCell>{t('caseType')}</TableCell>
            <TableCell>{t('account')}</TableCell>
            <TableCell>{t('lines')}</TableCell>
            <TableCell align="right">{t('amount')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {groups.map((g, i) => (
            <TableRow key={i} sx={rowSx?.(g, i)}>
              <TableCell>
                {renderCaseType
                  ? renderCaseType(g, i)
                  : g.caseType
                    ? (caseTypeName?.(g.caseType) ?? g.caseType)
                    : '—'}
              </TableCell>
              <TableCell sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{g.account || '—'}</TableCell>
              <TableCell>{renderLines ? renderLines(g, i) : g.lines.join(', ')}</TableCell>
              <TableCell align="right" sx={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
                {dkk(g.amount)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

export function PostingsTable<P extends PostingRow>({
  postings,
  empty,
  labelledBy,
  rowSx,
}: {
  postings: readonly P[];
  empty: string;
  labelledBy?: string;
  rowSx?: (posting: P) => SxProps<Theme> | undefined;
}) {
  const translate = useTranslate();
  const dkk = useDkk();
  if (postings.length === 0) return <NoneText text={empty} />;
  return (
    <Table size="small" aria-labelledby={labelledBy}>
      <TableHead>
        <TableRow>
          <TableCell>{translate('paymentGroups.account')}</TableCell>
          <TableCell align="right">{translate('paymentGroups.amount')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {postings.map((p, i) => (
          <TableRow key={p.account ?? i} sx={rowSx?.(p)}>
            <TableCell sx={{ fontFamily: 'monospace' }}>{p.account || '—'}</TableCell>
            <TableCell align="right" sx={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
              {dkk(p.amount)}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
