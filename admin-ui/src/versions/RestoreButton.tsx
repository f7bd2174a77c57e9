/**
 * Gendan som kladde: POST …/ruleset/draft {from: {version: n}} makes the version the new draft.
 * When a draft exists the server refuses (409); the dialog says so first and offers to open the
 * draft or to discard it (DELETE …/ruleset/draft?revision=r, so only the draft the user saw) and
 * restore.
 */
import RestoreIcon from '@mui/icons-material/Restore';
import {
  Alert,
  Button as MuiButton,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
} from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  Button,
  HttpError,
  useCanAccess,
  useDataProvider,
  useLocaleState,
  useNotify,
  useRecordContext,
  useRedirect,
  useTranslate,
} from 'react-admin';
import type { RegelvaerkDataProvider } from '../dataProvider';
import { actorName } from '../layout/actor';

interface Draft {
  revision: number;
  updatedAt: string;
  updatedBy: string;
}

export function RestoreButton() {
  const record = useRecordContext();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const notify = useNotify();
  const redirect = useRedirect();
  const queryClient = useQueryClient();
  const dataProvider = useDataProvider<RegelvaerkDataProvider>();
  const { canAccess: draftScreen } = useCanAccess({ resource: 'ruleset', action: 'list' });
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!record) return null;
  const version = Number(record.version);

  const done = async () => {
    await queryClient.invalidateQueries({ queryKey: ['ruleset'] });
    await queryClient.invalidateQueries({ queryKey: ['regelvaerk'] });
    setOpen(false);
    notify('resources.versions.restore.done', { type: 'success', messageArgs: { version } });
    if (draftScreen) redirect('/ruleset');
  };

  const restore = async (replacing: Draft | null) => {
    setBusy(true);
    setError(null);
    try {
      if (replacing) {
        await dataProvider.api('DELETE', 'ruleset/draft', undefined, {
          query: { revision: replacing.revision },
        });
      }
      await dataProvider.api('POST', 'ruleset/draft', {
        from: { version },
        comment: translate('resources.versions.restore.comment', { version }),
      });
      await done();
    } catch (err) {
      if (err instanceof HttpError && err.status === 409) {
        // Someone made (or changed) a draft meanwhile: show it and let the user decide again.
        const overview = await dataProvider.api<{ draft: Draft | null }>('GET', 'ruleset');
        setDraft(overview.json.draft);
        setError(translate('resources.versions.restore.conflict'));
      } else {
        setError(err instanceof Error ? err.message : String(err));
      }
    } finally {
      setBusy(false);
    }
  };

  const start = async () => {
    setError(null);
    const overview = await dataProvider.api<{ draft: Draft | null }>('GET', 'ruleset');
    setDraft(overview.json.draft);
    setOpen(true);
  };

  return (
    <>
      <Button label="resources.versions.restore.action" onClick={() => void start()}>
        <RestoreIcon />
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        aria-labelledby="restore-title"
        maxWidth="sm"
        fullWidth
      >
        <DialogTitle id="restore-title">
          {translate('resources.versions.restore.title', { version })}
        </DialogTitle>
        <DialogContent>
          {draft ? (
            <Alert severity="warning">
              {translate('resources.versions.restore.draft_exists', {
                revision: draft.revision,
                by: actorName(draft.updatedBy),
                at: new Date(draft.updatedAt).toLocaleString(locale === 'da' ? 'da-DK' : 'en-GB', {
                  dateStyle: 'medium',
                  timeStyle: 'short',
                }),
              })}
            </Alert>
          ) : (
            <DialogContentText>
              {translate('resources.versions.restore.content', { version })}
            </DialogContentText>
          )}
          {error && (
            <Alert severity="error" sx={{ mt: 2 }}>
              {error}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <MuiButton onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</MuiButton>
          {draft && draftScreen && (
            <MuiButton onClick={() => redirect('/ruleset')}>
              {translate('resources.versions.restore.open_draft')}
            </MuiButton>
          )}
          {draft ? (
            <MuiButton
              color="warning"
              variant="contained"
              disabled={busy}
              onClick={() => void restore(draft)}
            >
              {translate('resources.versions.restore.discard_and_restore')}
            </MuiButton>
          ) : (
            <MuiButton variant="contained" disabled={busy} onClick={() => void restore(null)}>
              {translate('resources.versions.restore.action')}
            </MuiButton>
          )}
        </DialogActions>
      </Dialog>
    </>
  );
}
