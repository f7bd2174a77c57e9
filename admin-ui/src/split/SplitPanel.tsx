/**
 * The invoice split on a document's page (PRODUCT.md §7): the *Del faktura* button at the top of
 * the page (marked red while a split is pending, as the guide's icon), and a section with the
 * saved distribution — *Fjern deling*, and in *Undersøgelse* *Annullér og del faktura*, which
 * annuls the original and shows the new documents `<number>_1 … _n` — or, on a part, the invoice
 * it was split from.
 */
import CallSplitIcon from '@mui/icons-material/CallSplit';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Link,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Tooltip,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useDataProvider, useGetMany, useGetOne, useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import type { RegelvaerkDataProvider } from '../dataProvider';
import { Money, StatusChip } from '../documents/DocumentFields';
import { actorName } from '../layout/actor';
import { useDateTime, useDay } from '../decisions/format';
import { useDocumentAction } from '../documents/useDocumentAction';
import type { LedgerDocument } from '../documents/hooks';
import type { SplitTotals, StoredSplit } from './model';
import { SplitDialog } from './SplitDialog';

export type SplitDocument = LedgerDocument & { split: StoredSplit | null; parentId: string | null };

/** May this document be split now: a manual invoice, the setting on, the right to process it. */
export function maySplit(doc: SplitDocument, settingOn: boolean, mayProcess: boolean): boolean {
  return (
    settingOn &&
    mayProcess &&
    doc.documentKey.documentType === 'invoice' &&
    doc.status === 'manual' &&
    doc.stage !== null &&
    doc.split?.status !== 'completed'
  );
}

/** *Del faktura* at the top of the page; red (and marked "Deling gemt") while a split is pending. */
export function SplitButton({ doc, totals }: { doc: SplitDocument; totals: SplitTotals | undefined }) {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const pending = doc.split?.status === 'pending';
  return (
    <>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Tooltip title={pending ? translate('split.pendingTip') : ''}>
          <span>
            <Button
              variant="outlined"
              color={pending ? 'error' : 'inherit'}
              startIcon={<CallSplitIcon color={pending ? 'error' : 'inherit'} />}
              onClick={() => setOpen(true)}
              disabled={!totals}
              aria-describedby={pending ? 'split-pending-mark' : undefined}
            >
              {translate('split.action')}
            </Button>
          </span>
        </Tooltip>
        {pending ? (
          <Chip
            id="split-pending-mark"
            size="small"
            color="error"
            icon={<CallSplitIcon />}
            label={translate('split.pendingMark')}
          />
        ) : null}
      </Stack>
      {open && totals ? (
        <SplitDialog
          documentId={doc.id}
          number={doc.documentKey.id}
          totals={totals}
          stored={pending ? doc.split : null}
          onClose={() => setOpen(false)}
        />
      ) : null}
    </>
  );
}

function PartsTable({ split, number }: { split: StoredSplit; number: string }) {
  const translate = useTranslate();
  const day = useDay();
  const t = (k: string) => translate(`split.${k}`);
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-label={translate('split.section')}>
        <TableHead>
          <TableRow>
            <TableCell>{t('part')}</TableCell>
            <TableCell align="right">{t('net')}</TableCell>
            <TableCell align="right">{t('vat')}</TableCell>
            <TableCell>{t('dueDate')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {split.parts.map((p, i) => (
            <TableRow key={i}>
              <TableCell>
                {number}_{i + 1}
              </TableCell>
              <TableCell align="right">
                <Money amount={p.net} />
              </TableCell>
              <TableCell align="right">
                <Money amount={p.vat} />
              </TableCell>
              <TableCell>{p.dueDate ? day(p.dueDate) : '—'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

/** The new documents of a completed split, as links with their status. */
function PartLinks({ ids }: { ids: string[] }) {
  const { data } = useGetMany<LedgerDocument>('documents', { ids });
  const byId = new Map((data ?? []).map((d) => [d.id, d]));
  return (
    <Stack component="ul" spacing={0.75} sx={{ listStyle: 'none', p: 0, m: 0 }}>
      {ids.map((id) => {
        const d = byId.get(id);
        return (
          <Box
            component="li"
            key={id}
            sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}
          >
            <Link component={RouterLink} to={`/documents/${id}/show`}>
              {d ? d.documentKey.id : id}
            </Link>
            {d ? (
              <>
                <StatusChip status={d.status} />
                <Typography variant="body2" component="span">
                  <Money amount={d.payable} />
                </Typography>
              </>
            ) : null}
          </Box>
        );
      })}
    </Stack>
  );
}

function CompleteDialog({ doc, onClose }: { doc: SplitDocument; onClose: () => void }) {
  const translate = useTranslate();
  const dp = useDataProvider<RegelvaerkDataProvider>();
  const { busy, error, run } = useDocumentAction(onClose);
  const [message, setMessage] = useState('');
  const [touched, setTouched] = useState(false);
  const number = doc.documentKey.id;
  const n = doc.split?.parts.length ?? 0;
  const numbers = Array.from({ length: n }, (_, i) => `${number}_${i + 1}`).join(', ');
  const submit = async () => {
    setTouched(true);
    if (!message.trim()) return;
    await run(
      () => dp.api('POST', `documents/${doc.id}/split/complete`, { message: message.trim() }),
      'split.completedDone',
    );
  };
  return (
    <Dialog
      open
      onClose={busy ? undefined : onClose}
      maxWidth="sm"
      fullWidth
      aria-labelledby="complete-title"
    >
      <DialogTitle id="complete-title">{translate('split.completeTitle', { number })}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>
          {translate('split.completeContent', { smart_count: n, numbers })}
        </DialogContentText>
        <TextField
          fullWidth
          required
          multiline
          minRows={2}
          label={translate('split.message')}
          value={message}
          onChange={(e) => setMessage(e.target.value)}
          error={touched && !message.trim()}
          helperText={touched && !message.trim() ? translate('split.messageRequired') : ' '}
          slotProps={{ htmlInput: { maxLength: 2000 } }}
        />
        {error ? (
          <Alert severity="error" sx={{ mt: 1 }}>
            {error}
          </Alert>
        ) : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          {translate('split.cancel')}
        </Button>
        <Button variant="contained" color="error" onClick={() => void submit()} disabled={busy}>
          {translate('split.complete')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function RemoveDialog({ doc, onClose }: { doc: SplitDocument; onClose: () => void }) {
  const translate = useTranslate();
  const dp = useDataProvider<RegelvaerkDataProvider>();
  const { busy, error, run } = useDocumentAction(onClose);
  const remove = () => run(() => dp.api('DELETE', `documents/${doc.id}/split`), 'split.removed');
  return (
    <Dialog open onClose={busy ? undefined : onClose} maxWidth="xs" fullWidth aria-labelledby="remove-title">
      <DialogTitle id="remove-title">
        {translate('split.removeTitle', { number: doc.documentKey.id })}
      </DialogTitle>
      <DialogContent>
        <DialogContentText>{translate('split.removeContent')}</DialogContentText>
        {error ? (
          <Alert severity="error" sx={{ mt: 2 }}>
            {error}
          </Alert>
        ) : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          {translate('split.cancel')}
        </Button>
        <Button variant="contained" color="error" onClick={() => void remove()} disabled={busy}>
          {translate('split.removeSplit')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** The section: a pending split with its actions, a completed one with its parts, or a part's original. */
export function SplitSection({ doc, mayProcess }: { doc: SplitDocument; mayProcess: boolean }) {
  const translate = useTranslate();
  const when = useDateTime();
  const [dialog, setDialog] = useState<'complete' | 'remove' | null>(null);
  const { data: parent } = useGetOne<LedgerDocument>(
    'documents',
    { id: doc.parentId ?? '' },
    { enabled: !!doc.parentId },
  );
  const split = doc.split;
  if (!split && !doc.parentId) return null;
  const t = (k: string, o?: object) => translate(`split.${k}`, o);
  const number = doc.documentKey.id;
  const pending = split?.status === 'pending';
  const active = pending && doc.status === 'manual' && mayProcess;
  return (
    <Card variant="outlined" component="section" aria-labelledby="split">
      <CardContent>
        <Typography variant="h6" component="h2" id="split" gutterBottom>
          {t('section')}
        </Typography>
        {doc.parentId ? (
          <Alert severity="info" sx={{ mb: split ? 2 : 0 }}>
            {t('partOf', { number: parent?.documentKey.id ?? '…' })}{' '}
            <Link component={RouterLink} to={`/documents/${doc.parentId}/show`}>
              {t('openOriginal', { number: parent?.documentKey.id ?? '' })}
            </Link>
          </Alert>
        ) : null}
        {split && pending ? (
          <Stack spacing={2}>
            <Alert severity="warning" icon={<CallSplitIcon />}>
              {doc.stage === 'investigation'
                ? t('pendingHere', { smart_count: split.parts.length })
                : t('pending', { smart_count: split.parts.length })}
            </Alert>
            <PartsTable split={split} number={number} />
            <Box>
              <Typography variant="caption" color="text.secondary" component="div">
                {t('historyMessage')}
              </Typography>
              <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {split.message}
              </Typography>
              <Typography variant="caption" color="text.secondary">
                {t('savedBy', { actor: actorName(split.savedBy), at: when(split.savedAt) })}
              </Typography>
            </Box>
            {active ? (
              <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
                {doc.stage === 'investigation' ? (
                  <Button variant="contained" color="error" onClick={() => setDialog('complete')}>
                    {t('complete')}
                  </Button>
                ) : null}
                <Button variant="outlined" onClick={() => setDialog('remove')}>
                  {t('removeSplit')}
                </Button>
              </Stack>
            ) : null}
          </Stack>
        ) : null}
        {split && split.status === 'completed' ? (
          <Stack spacing={1.5}>
            <Typography variant="body2">
              {t('completed', { smart_count: split.partDocuments?.length ?? split.parts.length })}
            </Typography>
            <PartLinks ids={split.partDocuments ?? []} />
            <Typography variant="caption" color="text.secondary">
              {t('completedBy', {
                actor: actorName(split.completedBy ?? split.savedBy),
                at: when(split.completedAt ?? split.savedAt),
              })}
            </Typography>
          </Stack>
        ) : null}
      </CardContent>
      {dialog === 'complete' ? <CompleteDialog doc={doc} onClose={() => setDialog(null)} /> : null}
      {dialog === 'remove' ? <RemoveDialog doc={doc} onClose={() => setDialog(null)} /> : null}
    </Card>
  );
}
