/**
 * *Del faktura* (the Swedish guide "Dela faktura", PRODUCT.md §7): the number of invoices, then one
 * row per part — net, VAT (computed from the net, editable) and due date — with what remains of
 * each column in red under it until it is zero; rows removed with their check boxes (removing all
 * starts over); a required message; *Gem*. The server judges the distribution: a 422 is shown at
 * the field its pointer names (`/parts/1/net`), a rule about all parts above the table.
 */
import DeleteIcon from '@mui/icons-material/DeleteOutline';
import {
  Alert,
  Box,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableFooter,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useMemo, useState } from 'react';
import { HttpError, useDataProvider, useLocaleState, useNotify, useRefresh, useTranslate } from 'react-admin';
import type { RegelvaerkDataProvider } from '../dataProvider';
import { formatDkk } from '../layout/money';
import {
  formatAmountInput,
  initialRows,
  MAX_SPLIT_PARTS,
  MIN_SPLIT_PARTS,
  partCount,
  partsOf,
  previewSplit,
  rowsOfStored,
  type SplitRow,
  type SplitTotals,
  type StoredSplit,
} from './model';

interface Props {
  documentId: string;
  number: string;
  totals: SplitTotals;
  /** A pending split to go on editing. */
  stored: StoredSplit | null;
  onClose: () => void;
}

/** The server's refusal, by react-hook-form path ("parts.1.net", "message", "parts"). */
type FieldErrors = Record<string, string>;

export function SplitDialog({ documentId, number, totals, stored, onClose }: Props) {
  const translate = useTranslate();
  const [locale = 'da'] = useLocaleState();
  const dp = useDataProvider<RegelvaerkDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const t = (k: string, o?: object) => translate(`split.${k}`, o);
  const money = (a: string) => formatDkk(a, locale);
  const [rows, setRows] = useState<SplitRow[]>(() => (stored ? rowsOfStored(stored.parts, locale) : []));
  const [nextKey, setNextKey] = useState(() => (stored ? stored.parts.length : 0));
  const [count, setCount] = useState('2');
  const [countTouched, setCountTouched] = useState(false);
  const [checked, setChecked] = useState<Set<number>>(new Set());
  const [message, setMessage] = useState(stored?.message ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const preview = useMemo(() => (rows.length ? previewSplit(totals, rows) : null), [totals, rows]);
  const n = partCount(count);

  const start = () => {
    setCountTouched(true);
    if (n === null) return;
    setRows(initialRows(totals, n, locale, nextKey));
    setNextKey(nextKey + n);
    setChecked(new Set());
    setErrors({});
  };

  const edit = (key: number, change: Partial<SplitRow>) => {
    // a new net computes the row's VAT again; a typed VAT is kept until then
    const patch: Partial<SplitRow> = 'net' in change ? { ...change, vat: null } : change;
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
    // a field the caseworker changes no longer carries the server's complaint, nor does the
    // refusal about the whole distribution (the remaining row below says what is left now)
    setFailure(null);
    const i = rows.findIndex((r) => r.key === key);
    setErrors((e) => {
      const next = { ...e };
      for (const f of Object.keys(change)) delete next[`parts.${i}.${f}`];
      delete next[`parts.${i}`];
      return next;
    });
  };

  const removeChecked = () => {
    setRows((rs) => rs.filter((r) => !checked.has(r.key)));
    setChecked(new Set());
    setErrors({});
    setFailure(null);
  };

  const save = async () => {
    setSubmitted(true);
    setFailure(null);
    if (rows.length === 0 && !stored) return;
    if (rows.length > 0 && !message.trim()) return;
    setBusy(true);
    try {
      if (rows.length === 0) {
        // the guide: remove every row and save — the split is gone, the icon black again
        await dp.api('DELETE', `documents/${documentId}/split`);
        notify('split.removed', { type: 'success' });
      } else {
        await dp.api('PUT', `documents/${documentId}/split`, {
          parts: partsOf(rows),
          message: message.trim(),
        });
        notify('split.saved', { type: 'success' });
      }
      onClose();
      refresh();
    } catch (err) {
      if (err instanceof HttpError && err.body?.errors) {
        setErrors(err.body.errors as FieldErrors);
        const general = Object.entries(err.body.errors as FieldErrors).filter(
          ([path]) => !/^parts\.\d+(\.|$)/.test(path) && path !== 'message',
        );
        setFailure(general.length ? general.map(([, m]) => m).join(' ') : null);
      } else setFailure(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const allChecked = rows.length > 0 && checked.size === rows.length;
  const messageMissing = submitted && rows.length > 0 && !message.trim();
  const remainingCell = (amount: string, label: string) => (
    <TableCell align="right" aria-label={label}>
      <Typography
        variant="body2"
        component="span"
        sx={{
          fontWeight: 600,
          whiteSpace: 'nowrap',
          color: amount === '0.00' ? 'text.secondary' : 'error.main',
        }}
      >
        {money(amount)}
      </Typography>
    </TableCell>
  );

  return (
    <Dialog open onClose={busy ? undefined : onClose} maxWidth="md" fullWidth aria-labelledby="split-title">
      <DialogTitle id="split-title">{t('title', { number })}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 1 }}>{t('intro')}</DialogContentText>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {t('totals', { net: money(totals.net), vat: money(totals.vat) })}
        </Typography>
        {rows.length === 0 ? (
          <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
            <TextField
              label={t('count')}
              value={count}
              onChange={(e) => setCount(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') start();
              }}
              error={countTouched && n === null}
              helperText={
                countTouched && n === null
                  ? t('countInvalid', { min: MIN_SPLIT_PARTS, max: MAX_SPLIT_PARTS })
                  : t('countHelp', { min: MIN_SPLIT_PARTS, max: MAX_SPLIT_PARTS })
              }
              slotProps={{ htmlInput: { inputMode: 'numeric' } }}
              sx={{ width: 200 }}
            />
            <Button variant="contained" onClick={start} sx={{ mt: 1 }}>
              {t('distribute')}
            </Button>
          </Stack>
        ) : (
          <>
            {failure ? (
              <Alert severity="error" sx={{ mb: 2 }}>
                {failure}
              </Alert>
            ) : null}
            <Box sx={{ overflowX: 'auto' }}>
              <Table size="small" aria-label={t('title', { number })}>
                <TableHead>
                  <TableRow>
                    <TableCell padding="checkbox">
                      <Checkbox
                        checked={allChecked}
                        indeterminate={checked.size > 0 && !allChecked}
                        onChange={() => setChecked(allChecked ? new Set() : new Set(rows.map((r) => r.key)))}
                        slotProps={{ input: { 'aria-label': t('selectAll') } }}
                      />
                    </TableCell>
                    <TableCell>{t('part')}</TableCell>
                    <TableCell align="right">{t('net')}</TableCell>
                    <TableCell align="right">{t('vat')}</TableCell>
                    <TableCell>{t('dueDate')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {rows.map((r, i) => {
                    const e = (f: string) =>
                      errors[`parts.${i}.${f}`] ?? (f === 'net' ? errors[`parts.${i}`] : undefined);
                    const vatShown = r.vat ?? formatAmountInput(preview?.vats[i] ?? '0.00', locale);
                    return (
                      <TableRow key={r.key}>
                        <TableCell padding="checkbox">
                          <Checkbox
                            checked={checked.has(r.key)}
                            onChange={() =>
                              setChecked((c) => {
                                const next = new Set(c);
                                if (next.has(r.key)) next.delete(r.key);
                                else next.add(r.key);
                                return next;
                              })
                            }
                            slotProps={{ input: { 'aria-label': t('selectRow', { n: i + 1 }) } }}
                          />
                        </TableCell>
                        <TableCell sx={{ whiteSpace: 'nowrap' }}>
                          {number}_{i + 1}
                        </TableCell>
                        <TableCell align="right" sx={{ minWidth: 150 }}>
                          <TextField
                            size="small"
                            value={r.net}
                            onChange={(ev) => edit(r.key, { net: ev.target.value })}
                            error={!!e('net')}
                            helperText={e('net') ?? ' '}
                            slotProps={{
                              htmlInput: {
                                inputMode: 'decimal',
                                'aria-label': `${t('net')} ${i + 1}`,
                                style: { textAlign: 'right' },
                              },
                            }}
                          />
                        </TableCell>
                        <TableCell align="right" sx={{ minWidth: 150 }}>
                          <TextField
                            size="small"
                            value={vatShown}
                            onChange={(ev) => edit(r.key, { vat: ev.target.value })}
                            error={!!e('vat')}
                            helperText={e('vat') ?? (r.vat === null ? t('vatComputed') : ' ')}
                            slotProps={{
                              htmlInput: {
                                inputMode: 'decimal',
                                'aria-label': `${t('vat')} ${i + 1}`,
                                style: { textAlign: 'right' },
                              },
                            }}
                          />
                        </TableCell>
                        <TableCell sx={{ minWidth: 170 }}>
                          <TextField
                            size="small"
                            type="date"
                            value={r.dueDate}
                            onChange={(ev) => edit(r.key, { dueDate: ev.target.value })}
                            error={!!e('dueDate')}
                            helperText={e('dueDate') ?? ' '}
                            slotProps={{
                              htmlInput: { 'aria-label': `${t('dueDate')} ${i + 1}` },
                              inputLabel: { shrink: true },
                            }}
                          />
                        </TableCell>
                      </TableRow>
                    );
                  })}
                </TableBody>
                {preview ? (
                  <TableFooter>
                    <TableRow>
                      <TableCell />
                      <TableCell sx={{ color: 'text.primary' }}>{t('remaining')}</TableCell>
                      {remainingCell(preview.remaining.net, t('remainingNet'))}
                      {remainingCell(preview.remaining.vat, t('remainingVat'))}
                      <TableCell />
                    </TableRow>
                  </TableFooter>
                ) : null}
              </Table>
            </Box>
            <Stack
              direction={{ xs: 'column', sm: 'row' }}
              spacing={2}
              sx={{ mt: 1, alignItems: { sm: 'center' }, justifyContent: 'space-between' }}
            >
              <Button
                size="small"
                color="error"
                startIcon={<DeleteIcon />}
                disabled={checked.size === 0}
                onClick={removeChecked}
              >
                {t('remove')}
              </Button>
              <Typography variant="caption" color="text.secondary">
                {preview?.distributed ? t('allDistributed') : t('vatHint')}
              </Typography>
            </Stack>
          </>
        )}
        {rows.length > 0 ? (
          <TextField
            fullWidth
            required
            multiline
            minRows={2}
            label={t('message')}
            value={message}
            onChange={(e) => {
              setMessage(e.target.value);
              setErrors(({ message: _m, ...rest }) => rest);
            }}
            error={messageMissing || !!errors.message}
            helperText={messageMissing ? t('messageRequired') : (errors.message ?? ' ')}
            slotProps={{ htmlInput: { maxLength: 2000 } }}
            sx={{ mt: 3 }}
          />
        ) : stored ? (
          <Alert severity="info" sx={{ mt: 2 }}>
            {t('saveRemoves')}
          </Alert>
        ) : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          {t('cancel')}
        </Button>
        <Button
          variant="contained"
          onClick={() => void save()}
          disabled={busy || (rows.length === 0 && !stored)}
        >
          {t('save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
