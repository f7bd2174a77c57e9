/** Udgiv: a required comment and Gælder fra (default now) → 201 {version}, or 202 {request} (four eyes). */
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  TextField,
} from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import type { PublishRequest } from './model';
import { useApi } from './hooks';

/** `Date` → the value of an <input type="datetime-local"> in local time. */
function localInput(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export type PublishResult =
  { kind: 'version'; version: number } | { kind: 'request'; request: PublishRequest };

export function PublishDialog({
  revision,
  requireApproval,
  onClose,
  onDone,
}: {
  revision: number;
  requireApproval: boolean;
  onClose: () => void;
  onDone: (result: PublishResult) => void;
}) {
  const translate = useTranslate();
  const api = useApi();
  const [comment, setComment] = useState('');
  const [now] = useState(() => localInput(new Date()));
  const [from, setFrom] = useState(now);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const publish = async () => {
    setBusy(true);
    setError(null);
    try {
      const effective = from && from !== now ? { effectiveFrom: new Date(from).toISOString() } : {};
      const res = await api.api<{ version: number } | { request: PublishRequest }>(
        'POST',
        'ruleset/draft/publish',
        {
          comment: comment.trim(),
          revision,
          ...effective,
        },
      );
      onDone(
        res.status === 202 && 'request' in res.json
          ? { kind: 'request', request: res.json.request }
          : { kind: 'version', version: (res.json as { version: number }).version },
      );
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="publish-title">
      <DialogTitle id="publish-title">{translate('ruleset.publish.title')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1 }}>
          {requireApproval && <Alert severity="info">{translate('ruleset.publish.fourEyes')}</Alert>}
          <TextField
            label={translate('ruleset.publish.comment')}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            required
            multiline
            minRows={2}
            autoFocus
            helperText={translate('ruleset.publish.commentHint')}
          />
          <TextField
            label={translate('ruleset.publish.effectiveFrom')}
            type="datetime-local"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
            slotProps={{ inputLabel: { shrink: true } }}
            helperText={translate('ruleset.publish.effectiveFromHint')}
          />
          {error && <Alert severity="error">{error}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
        <Button variant="contained" disabled={!comment.trim() || busy} onClick={() => void publish()}>
          {translate('ruleset.publish.action')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
