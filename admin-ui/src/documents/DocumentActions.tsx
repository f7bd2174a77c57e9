/**
 * What a caseworker does with a manual document: *Godkend* (as it is), *Afvis* with a rejection
 * reason of the deciding version and a comment (both go to the ERP — KP cannot change the
 * invoice), move it between the stages, and download the business response.
 */
import CheckIcon from '@mui/icons-material/Check';
import CloseIcon from '@mui/icons-material/Close';
import DownloadIcon from '@mui/icons-material/Download';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  ListSubheader,
  MenuItem,
  Stack,
  TextField,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useDataProvider, useLocaleState, useNotify, useRefresh, useTranslate } from 'react-admin';
import type { RegelvaerkDataProvider } from '../dataProvider';
import type { Reason } from '../../../server/src/engine/ruleset.js';
import type { LedgerDocument } from './hooks';
import { errorMessage, useDocumentAction } from './useDocumentAction';

const STAGES = ['review', 'approval', 'investigation'] as const;

function useDocTitle(doc: LedgerDocument): { type: string; number: string } {
  const translate = useTranslate();
  return {
    type: translate(`resources.documents.type.${doc.documentKey.documentType}`),
    number: doc.documentKey.id,
  };
}

export function StageSwitch({ doc, canMove }: { doc: LedgerDocument; canMove: boolean }) {
  const translate = useTranslate();
  const dp = useDataProvider<RegelvaerkDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [busy, setBusy] = useState(false);
  if (doc.status !== 'manual') return null;
  const move = async (stage: string | null) => {
    if (!stage || stage === doc.stage) return;
    setBusy(true);
    try {
      await dp.api('POST', `documents/${doc.id}/stage`, { stage });
      notify('resources.document.moved', {
        type: 'success',
        messageArgs: { stage: translate(`resources.documents.stage.${stage}`) },
      });
      refresh();
    } catch (err) {
      notify(errorMessage(err), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box>
      <Typography variant="caption" color="text.secondary" component="div" id="stage-label">
        {translate('resources.document.stageNow')}
      </Typography>
      <ToggleButtonGroup
        size="small"
        orientation="vertical"
        fullWidth
        exclusive
        value={doc.stage}
        disabled={!canMove || busy}
        onChange={(_e, v: string | null) => void move(v)}
        aria-labelledby="stage-label"
      >
        {STAGES.map((s) => (
          <ToggleButton key={s} value={s}>
            {translate(`resources.documents.stage.${s}`)}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
    </Box>
  );
}

export function OutcomeButtons({ doc, reasons }: { doc: LedgerDocument; reasons: Reason[] }) {
  const [open, setOpen] = useState<'approve' | 'reject' | null>(null);
  const translate = useTranslate();
  if (doc.status !== 'manual') return null;
  return (
    <>
      <Stack direction="row" spacing={1}>
        <Button
          variant="contained"
          color="success"
          startIcon={<CheckIcon />}
          onClick={() => setOpen('approve')}
        >
          {translate('resources.document.approve.action')}
        </Button>
        <Button variant="outlined" color="error" startIcon={<CloseIcon />} onClick={() => setOpen('reject')}>
          {translate('resources.document.reject.action')}
        </Button>
      </Stack>
      {open ? <OutcomeDialog doc={doc} kind={open} reasons={reasons} onClose={() => setOpen(null)} /> : null}
    </>
  );
}

function OutcomeDialog({
  doc,
  kind,
  reasons,
  onClose,
}: {
  doc: LedgerDocument;
  kind: 'approve' | 'reject';
  reasons: Reason[];
  onClose: () => void;
}) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const dp = useDataProvider<RegelvaerkDataProvider>();
  const { busy, error, run } = useDocumentAction(onClose);
  const title = useDocTitle(doc);
  const [reason, setReason] = useState('');
  const [comment, setComment] = useState('');
  const [touched, setTouched] = useState(false);
  const k = `resources.document.${kind}`;
  const active = reasons.filter((r) => r.active !== false);
  const manual = active.filter((r) => r.manualOnly);
  const rule = active.filter((r) => !r.manualOnly);
  const text = (r: Reason) => (locale === 'en' && r.textEn ? r.textEn : r.text);
  const submit = async () => {
    setTouched(true);
    if (kind === 'reject' && !reason) return;
    const body =
      kind === 'approve'
        ? { outcome: 'approved', ...(comment.trim() ? { comment: comment.trim() } : {}) }
        : { outcome: 'rejected', reason, ...(comment.trim() ? { comment: comment.trim() } : {}) };
    await run(() => dp.api('POST', `documents/${doc.id}/outcome`, body), `${k}.done`);
  };
  const item = (r: Reason) => (
    <MenuItem key={r.code} value={r.code} sx={{ whiteSpace: 'normal', display: 'block' }}>
      <Typography variant="body2">{text(r)}</Typography>
      <Typography variant="caption" color="text.secondary">
        {r.code}
      </Typography>
    </MenuItem>
  );
  return (
    <Dialog open onClose={busy ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="outcome-title">
      <DialogTitle id="outcome-title">{translate(`${k}.title`, title)}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>{translate(`${k}.content`)}</DialogContentText>
        {kind === 'reject' ? (
          <TextField
            select
            fullWidth
            required
            label={translate('resources.document.reject.reason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={touched && !reason}
            helperText={touched && !reason ? translate('resources.document.reject.required') : ' '}
            slotProps={{ select: { MenuProps: { slotProps: { paper: { sx: { maxHeight: 420 } } } } } }}
          >
            {manual.length ? (
              <ListSubheader>{translate('resources.document.reject.manualGroup')}</ListSubheader>
            ) : null}
            {manual.map(item)}
            {rule.length ? (
              <ListSubheader>{translate('resources.document.reject.ruleGroup')}</ListSubheader>
            ) : null}
            {rule.map(item)}
          </TextField>
        ) : null}
        <TextField
          fullWidth
          multiline
          minRows={3}
          label={translate(
            kind === 'reject' ? 'resources.document.reject.comment' : 'resources.document.approve.comment',
          )}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          slotProps={{ htmlInput: { maxLength: 2000 } }}
        />
        {error ? (
          <Alert severity="error" sx={{ mt: 2 }}>
            {error}
          </Alert>
        ) : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          {translate('resources.document.cancel')}
        </Button>
        <Button
          variant="contained"
          color={kind === 'approve' ? 'success' : 'error'}
          onClick={() => void submit()}
          disabled={busy}
        >
          {translate(`${k}.action`)}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** GET …/documents/:id/response?format=… saved as a file (the data provider fetches it; a blob link saves it). */
export function ResponseDownloads({ doc }: { doc: LedgerDocument }) {
  const translate = useTranslate();
  const dp = useDataProvider<RegelvaerkDataProvider>();
  const notify = useNotify();
  const download = async (format: 'oioubl' | 'peppol') => {
    try {
      const res = await dp.api<string>('GET', `documents/${doc.id}/response`, undefined, {
        query: { format },
      });
      const blob = new Blob([res.json], { type: 'application/xml' });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      const kind = format === 'oioubl' ? 'ApplicationResponse' : 'InvoiceResponse';
      a.download = `${doc.documentKey.id}-${kind}.xml`.replace(/[^\w.-]+/g, '_');
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      notify(errorMessage(err), { type: 'error' });
    }
  };
  return (
    <Box>
      <Typography variant="caption" color="text.secondary" component="div">
        {translate('resources.document.download')}
      </Typography>
      <Stack spacing={0.5} sx={{ alignItems: 'flex-start' }}>
        <Button size="small" startIcon={<DownloadIcon />} onClick={() => void download('oioubl')}>
          {translate('resources.document.downloadOioubl')}
        </Button>
        <Button size="small" startIcon={<DownloadIcon />} onClick={() => void download('peppol')}>
          {translate('resources.document.downloadPeppol')}
        </Button>
      </Stack>
    </Box>
  );
}
