/** Regelsæt: the version in force and since when, scheduled versions, the draft, a pending request; create a draft. */
import EditNoteIcon from '@mui/icons-material/EditNote';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Loading, Title, useGetList, useNotify, useTranslate } from 'react-admin';
import { Link, useNavigate } from 'react-router-dom';
import { actorName } from '../layout/actor';
import { formatDateTime, type Overview as OverviewData } from './model';
import { useApi, useCan, useLocale, useOverview } from './hooks';

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Card variant="outlined" component="section" aria-label={title}>
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          {title}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
}

function Templates({ onCreate, busy }: { onCreate: (id: string) => void; busy: boolean }) {
  const translate = useTranslate();
  const { data = [] } = useGetList('templates', { pagination: { page: 1, perPage: 100 } });
  const [template, setTemplate] = useState('');
  if (!data.length) return null;
  return (
    <Stack direction="row" spacing={1} alignItems="center">
      <TextField
        select
        size="small"
        sx={{ width: 320 }}
        label={translate('ruleset.overview.template')}
        value={template}
        onChange={(e) => setTemplate(e.target.value)}
      >
        {data.map((t) => (
          <MenuItem key={t.id} value={String(t.id)}>
            {String(t.name ?? t.id)}
          </MenuItem>
        ))}
      </TextField>
      <Button
        variant="outlined"
        sx={{ whiteSpace: 'nowrap' }}
        disabled={!template || busy}
        onClick={() => onCreate(template)}
      >
        {translate('ruleset.overview.createFromTemplate')}
      </Button>
    </Stack>
  );
}

function CreateDraft({ data }: { data: OverviewData }) {
  const translate = useTranslate();
  const api = useApi();
  const notify = useNotify();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const canRead = useCan('templates:read');
  const [version, setVersion] = useState<number | ''>(
    data.active?.version ?? data.versions[0]?.version ?? '',
  );
  const [busy, setBusy] = useState(false);
  const create = async (from: { version: number } | { template: string }) => {
    setBusy(true);
    try {
      await api.api('POST', 'ruleset/draft', { from });
      await queryClient.invalidateQueries({ queryKey: ['ruleset'] });
      notify('ruleset.overview.created', { type: 'success' });
      navigate('/ruleset/draft');
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack spacing={2}>
      {data.versions.length > 0 && (
        <Stack direction="row" spacing={1} alignItems="center">
          <TextField
            select
            size="small"
            sx={{ width: 320 }}
            label={translate('ruleset.overview.fromVersion')}
            value={version}
            onChange={(e) => setVersion(Number(e.target.value))}
          >
            {data.versions.map((v) => (
              <MenuItem key={v.version} value={v.version}>
                {translate('ruleset.overview.versionN', { n: v.version })}
                {v.version === data.active?.version ? ` — ${translate('ruleset.overview.inForce')}` : ''}
              </MenuItem>
            ))}
          </TextField>
          <Button
            variant="contained"
            sx={{ whiteSpace: 'nowrap' }}
            startIcon={<EditNoteIcon />}
            disabled={version === '' || busy}
            onClick={() => version !== '' && void create({ version })}
          >
            {translate('ruleset.overview.createFromVersion')}
          </Button>
        </Stack>
      )}
      {canRead && <Templates busy={busy} onCreate={(template) => void create({ template })} />}
    </Stack>
  );
}

export default function Overview() {
  const translate = useTranslate();
  const locale = useLocale();
  const canWrite = useCan('ruleset:write');
  const canApprove = useCan('ruleset:approve');
  const { data, isPending, error } = useOverview();
  if (isPending) return <Loading />;
  if (error || !data) return <Alert severity="error">{(error as Error | null)?.message}</Alert>;
  const active = data.active ? data.versions.find((v) => v.version === data.active!.version) : undefined;
  const scheduled = data.versions.filter((v) => v.scheduled);
  return (
    <Box sx={{ mt: 2 }}>
      <Title title={translate('menu.ruleset')} />
      <Stack spacing={2} sx={{ maxWidth: 960 }}>
        <Section title={translate('ruleset.overview.active')}>
          {data.active ? (
            <>
              <Typography>
                {translate('ruleset.overview.activeLine', {
                  n: data.active.version,
                  since: formatDateTime(data.active.effectiveFrom, locale),
                })}
              </Typography>
              {active && (
                <Typography variant="body2" color="text.secondary">
                  {translate('ruleset.overview.publishedBy', {
                    by: actorName(active.publishedBy),
                    comment: active.comment,
                  })}
                  {active.approvedBy
                    ? ` ${translate('ruleset.overview.approvedBy', { by: actorName(active.approvedBy) })}`
                    : ''}
                </Typography>
              )}
            </>
          ) : (
            <Typography>{translate('ruleset.overview.noActive')}</Typography>
          )}
          <Box sx={{ mt: 1 }}>
            <Chip
              size="small"
              label={translate(
                data.requireApproval ? 'ruleset.overview.fourEyes' : 'ruleset.overview.noFourEyes',
              )}
            />
          </Box>
        </Section>

        <Section title={translate('ruleset.overview.scheduled')}>
          {scheduled.length ? (
            scheduled.map((v) => (
              <Typography key={v.version}>
                {translate('ruleset.overview.scheduledLine', {
                  n: v.version,
                  from: formatDateTime(v.effectiveFrom, locale),
                  comment: v.comment,
                })}
              </Typography>
            ))
          ) : (
            <Typography color="text.secondary">{translate('ruleset.overview.noScheduled')}</Typography>
          )}
        </Section>

        <Section title={translate('ruleset.overview.draft')}>
          {data.draft ? (
            <Stack direction="row" spacing={2} alignItems="center" justifyContent="space-between">
              <Typography>
                {translate('ruleset.overview.draftLine', {
                  revision: data.draft.revision,
                  by: actorName(data.draft.updatedBy),
                  at: formatDateTime(data.draft.updatedAt, locale),
                })}
              </Typography>
              <Button variant="contained" component={Link} to="/ruleset/draft" startIcon={<EditNoteIcon />}>
                {translate(canWrite ? 'ruleset.overview.openDraft' : 'ruleset.overview.viewDraft')}
              </Button>
            </Stack>
          ) : (
            <Stack spacing={2}>
              <Typography color="text.secondary">{translate('ruleset.overview.noDraft')}</Typography>
              {canWrite && <CreateDraft data={data} />}
            </Stack>
          )}
        </Section>

        <Section title={translate('ruleset.overview.pending')}>
          {data.pendingRequest ? (
            <Stack direction="row" spacing={2} alignItems="center" justifyContent="space-between">
              <Typography>
                {translate('ruleset.overview.pendingLine', {
                  by: actorName(data.pendingRequest.requestedBy),
                  at: formatDateTime(data.pendingRequest.createdAt, locale),
                  comment: data.pendingRequest.comment,
                })}
              </Typography>
              {canApprove && (
                <Button component={Link} to="/approvals">
                  {translate('menu.approvals')}
                </Button>
              )}
            </Stack>
          ) : (
            <Typography color="text.secondary">{translate('ruleset.overview.noPending')}</Typography>
          )}
        </Section>
      </Stack>
    </Box>
  );
}
