/**
 * Godkendelser: the pending publish requests (GET …/ruleset/publish-requests, react-admin list
 * conventions) — Godkend (POST …/approve {comment?}) or Afvis with a comment (…/reject). The
 * author cannot approve their own request (the server refuses: the button is disabled, with why).
 */
import {
  Alert,
  Box,
  Button,
  Card,
  CardActions,
  CardContent,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  TextField,
  Tooltip,
  Typography,
} from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  Loading,
  Title,
  useDataProvider,
  useGetIdentity,
  useGetList,
  useNotify,
  useTranslate,
} from 'react-admin';
import type { RegelvaerkDataProvider } from '../dataProvider';
import { useLocaleState } from 'react-admin';

interface PublishRequest {
  id: string;
  status: string;
  draftRevision: number;
  comment: string;
  effectiveFrom: string | null;
  requestedBy: string;
  createdAt: string;
}

const RESOURCE = 'ruleset/publish-requests';

function when(iso: string | null, locale: string): string {
  return iso
    ? new Date(iso).toLocaleString(locale === 'da' ? 'da-DK' : 'en-GB', {
        dateStyle: 'medium',
        timeStyle: 'short',
      })
    : '';
}

function Decide({
  request,
  kind,
  onClose,
}: {
  request: PublishRequest;
  kind: 'approve' | 'reject';
  onClose: (done: boolean) => void;
}) {
  const translate = useTranslate();
  const api = useDataProvider<RegelvaerkDataProvider>();
  const notify = useNotify();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const go = async () => {
    setBusy(true);
    try {
      const body = comment.trim() ? { comment: comment.trim() } : kind === 'approve' ? {} : undefined;
      const res = await api.api<{ version?: number }>('POST', `${RESOURCE}/${request.id}/${kind}`, body);
      notify(kind === 'approve' ? 'approvals.approved' : 'approvals.rejected', {
        type: 'success',
        messageArgs: { version: res.json.version ?? '' },
      });
      onClose(true);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={() => onClose(false)} maxWidth="sm" fullWidth aria-labelledby="decide-title">
      <DialogTitle id="decide-title">{translate(`approvals.${kind}Title`)}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1 }}>
          <TextField
            label={translate('approvals.comment')}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            required={kind === 'reject'}
            multiline
            minRows={2}
            autoFocus
          />
          {error && <Alert severity="error">{error}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={() => onClose(false)}>{translate('ra.action.cancel')}</Button>
        <Button
          variant="contained"
          color={kind === 'reject' ? 'error' : 'primary'}
          disabled={busy || (kind === 'reject' && !comment.trim())}
          onClick={() => void go()}
        >
          {translate(`approvals.${kind}`)}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

export default function ApprovalsPage() {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const queryClient = useQueryClient();
  const { identity } = useGetIdentity();
  const { data, isPending, error, refetch } = useGetList<PublishRequest>(RESOURCE, {
    filter: { status: 'pending' },
    sort: { field: 'createdAt', order: 'DESC' },
    pagination: { page: 1, perPage: 50 },
  });
  const [deciding, setDeciding] = useState<{ request: PublishRequest; kind: 'approve' | 'reject' } | null>(
    null,
  );
  return (
    <Box sx={{ mt: 2, maxWidth: 960 }}>
      <Title title={translate('menu.approvals')} />
      {isPending && <Loading />}
      {error && <Alert severity="error">{(error as Error).message}</Alert>}
      {data && data.length === 0 && <Alert severity="info">{translate('approvals.none')}</Alert>}
      <Stack spacing={2}>
        {data?.map((r) => {
          const by = r.requestedBy.replace(/^(user|apikey|apiKey):/, '');
          const own = identity?.id === by;
          return (
            <Card
              key={r.id}
              variant="outlined"
              component="article"
              aria-label={translate('approvals.requestBy', { by })}
            >
              <CardContent>
                <Typography variant="h6" component="h2">
                  {translate('approvals.requestBy', { by })}
                </Typography>
                <Typography color="text.secondary" gutterBottom>
                  {translate('approvals.line', {
                    at: when(r.createdAt, locale),
                    revision: r.draftRevision,
                    from: r.effectiveFrom
                      ? when(r.effectiveFrom, locale)
                      : translate('approvals.immediately'),
                  })}
                </Typography>
                <Typography sx={{ whiteSpace: 'pre-wrap' }}>{r.comment}</Typography>
              </CardContent>
              <CardActions>
                <Tooltip title={own ? translate('approvals.ownRequest') : ''}>
                  <span>
                    <Button
                      variant="contained"
                      disabled={own}
                      onClick={() => setDeciding({ request: r, kind: 'approve' })}
                    >
                      {translate('approvals.approve')}
                    </Button>
                  </span>
                </Tooltip>
                <Button color="error" onClick={() => setDeciding({ request: r, kind: 'reject' })}>
                  {translate('approvals.reject')}
                </Button>
                {own && (
                  <Typography variant="body2" color="text.secondary">
                    {translate('approvals.ownRequest')}
                  </Typography>
                )}
              </CardActions>
            </Card>
          );
        })}
      </Stack>
      {deciding && (
        <Decide
          request={deciding.request}
          kind={deciding.kind}
          onClose={(done) => {
            setDeciding(null);
            if (done) {
              void refetch();
              void queryClient.invalidateQueries({ queryKey: ['ruleset'] });
            }
          }}
        />
      )}
    </Box>
  );
}
