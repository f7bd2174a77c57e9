/**
 * *Opret kladde herfra*: POST …/ruleset/draft {from: {template, version}} — the municipality's
 * draft as a copy of the template version (basedOn set, the municipality's own EANs). There is at
 * most one draft: when one exists the server refuses (409) and the dialog says so, offering to
 * open it or to replace it.
 */
import CallSplitIcon from '@mui/icons-material/CallSplit';
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  TextField,
} from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { HttpError, useDataProvider, useNotify, useTranslate } from 'react-admin';
import type { RegelvaerkDataProvider } from '../dataProvider';
import { DRAFT_ROUTE } from './links';
import type { Template } from './types';
import { UPSTREAM_KEY } from './useUpstream';

type State = 'asking' | 'draftExists' | 'done';

export function ForkButton({ template, version }: { template: Template; version: number }) {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider<RegelvaerkDataProvider>();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [state, setState] = useState<State>('asking');
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const words = { name: template.name, version };

  const close = () => {
    setOpen(false);
    setState('asking');
    setError(null);
  };

  const fork = async (replace: boolean) => {
    setBusy(true);
    setError(null);
    try {
      await dataProvider.api('POST', 'ruleset/draft', {
        from: { template: template.id, version },
        ...(replace ? { replace: true } : {}),
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      });
      await queryClient.invalidateQueries({ queryKey: UPSTREAM_KEY });
      notify('resources.templates.fork.done', { type: 'success', messageArgs: words });
      setState('done');
    } catch (err) {
      if (err instanceof HttpError && err.status === 409 && !replace) setState('draftExists');
      else setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button size="small" startIcon={<CallSplitIcon />} onClick={() => setOpen(true)}>
        {translate('resources.templates.actions.fork')}
      </Button>
      <Dialog open={open} onClose={close} maxWidth="sm" fullWidth aria-labelledby="fork-dialog-title">
        <DialogTitle id="fork-dialog-title">{translate('resources.templates.fork.title', words)}</DialogTitle>
        <DialogContent>
          {state === 'asking' && (
            <>
              <DialogContentText sx={{ mb: 2 }}>
                {translate('resources.templates.fork.body')}
              </DialogContentText>
              <TextField
                label={translate('resources.templates.fork.comment')}
                value={comment}
                onChange={(e) => setComment(e.target.value)}
                fullWidth
                multiline
              />
            </>
          )}
          {state === 'draftExists' && (
            <Alert severity="warning">{translate('resources.templates.fork.draftExists')}</Alert>
          )}
          {state === 'done' && (
            <Alert severity="success">{translate('resources.templates.fork.done', words)}</Alert>
          )}
          {error && (
            <Alert severity="error" sx={{ mt: 2 }}>
              {error}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>
            {translate(
              state === 'done' ? 'resources.templates.actions.close' : 'resources.templates.actions.cancel',
            )}
          </Button>
          {state !== 'asking' && (
            <Button component={Link} to={DRAFT_ROUTE} variant={state === 'done' ? 'contained' : 'text'}>
              {translate('resources.templates.actions.openDraft')}
            </Button>
          )}
          {state === 'asking' && (
            <Button variant="contained" disabled={busy} onClick={() => void fork(false)}>
              {translate('resources.templates.actions.fork')}
            </Button>
          )}
          {state === 'draftExists' && (
            <Button color="warning" variant="contained" disabled={busy} onClick={() => void fork(true)}>
              {translate('resources.templates.fork.replace')}
            </Button>
          )}
        </DialogActions>
      </Dialog>
    </>
  );
}
