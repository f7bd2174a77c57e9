/**
 * *Opdateringer fra skabelonen*: the three-way comparison of the template version the ruleset
 * forked (base), the template's newest version (theirs) and the municipality's own ruleset (the
 * draft, or the version in force). Each upstream change in words, with its three values; changes
 * the municipality also made are conflicts and cannot be taken. An administrator takes all the
 * non-conflicting changes or the chosen ones into the draft (POST …/ruleset/upstream/apply).
 */
import {
  Alert,
  AlertTitle,
  Box,
  Button,
  Card,
  CardContent,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { HttpError, Loading, useDataProvider, useLocaleState, useNotify, useTranslate } from 'react-admin';
import type { RegelvaerkDataProvider } from '../dataProvider';
import { localMessage, type ProblemError } from '../dataProvider';
import { useAccess } from './access';
import { DRAFT_ROUTE } from './links';
import { PageHeading } from './PageHeading';
import { OwnChanges, UpstreamTable } from './UpstreamTable';
import type { ApplyResult, Upstream } from './types';
import { UPSTREAM_KEY, useUpstream } from './useUpstream';

function Header({ data }: { data: Upstream }) {
  const translate = useTranslate();
  const t = (key: string, o?: Record<string, unknown>) => translate(`resources.templates.upstream.${key}`, o);
  return (
    <Alert severity={data.upToDate ? 'success' : 'warning'} sx={{ mb: 2 }}>
      <AlertTitle>
        {data.upToDate
          ? t('upToDate', { template: data.template, version: data.baseVersion })
          : t('behind', { template: data.template, latest: data.latestVersion, base: data.baseVersion })}
      </AlertTitle>
      {'draft' in data.ours
        ? t('comparedWithDraft', { revision: data.ours.draft })
        : t('comparedWithVersion', { version: data.ours.version })}
    </Alert>
  );
}

function Outcome({ result }: { result: ApplyResult }) {
  const translate = useTranslate();
  const t = (key: string, o?: Record<string, unknown>) => translate(`resources.templates.upstream.${key}`, o);
  return (
    <Alert
      severity="success"
      sx={{ mb: 2 }}
      action={
        <Button component={Link} to={DRAFT_ROUTE} variant="contained" size="small">
          {translate('resources.templates.actions.openDraft')}
        </Button>
      }
    >
      <AlertTitle>
        {t('applied', {
          applied: result.applied.length,
          revision: result.revision,
          template: result.basedOn.template,
          version: result.basedOn.version,
        })}
      </AlertTitle>
      {result.createdDraft && <div>{t('createdDraft')}</div>}
      {result.skipped.length > 0 && (
        <div>{t('skipped', { paths: result.skipped.map((s) => s.path).join(', ') })}</div>
      )}
      {!result.validation.valid && <div>{t('invalid', { count: result.validation.errors.length })}</div>}
      {result.voidedRequests.length > 0 && <div>{t('voided')}</div>}
    </Alert>
  );
}

export default function TemplateUpdates() {
  const translate = useTranslate();
  const t = (key: string, o?: Record<string, unknown>) => translate(`resources.templates.upstream.${key}`, o);
  const [locale] = useLocaleState();
  const notify = useNotify();
  const dataProvider = useDataProvider<RegelvaerkDataProvider>();
  const queryClient = useQueryClient();
  const { may, followsTemplate } = useAccess();
  const { data, error, isPending, refetch } = useUpstream();
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ApplyResult | null>(null);
  const [stale, setStale] = useState(false);
  const [rowErrors, setRowErrors] = useState<Record<string, string>>({});
  const canApply = may('ruleset:write');

  const takeable = useMemo(() => (data?.upstreamChanges ?? []).filter((c) => !c.conflict), [data]);

  const apply = async (paths?: string[]) => {
    if (!data) return;
    setBusy(true);
    setRowErrors({});
    setStale(false);
    try {
      const res = await dataProvider.api<ApplyResult>('POST', 'ruleset/upstream/apply', {
        latestVersion: data.latestVersion,
        ...(paths ? { paths } : {}),
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      });
      setResult(res.json);
      setChosen(new Set());
      setComment('');
      await queryClient.invalidateQueries({ queryKey: UPSTREAM_KEY });
    } catch (err) {
      if (err instanceof HttpError && err.status === 409) setStale(true);
      else if (err instanceof HttpError && err.status === 422 && paths) {
        const problems = (err.body?.problems ?? []) as ProblemError[];
        const errors: Record<string, string> = {};
        for (const p of problems) {
          const i = /^\/paths\/(\d+)$/.exec(p.pointer)?.[1];
          const path = i === undefined ? undefined : paths[Number(i)];
          if (path) errors[path] = localMessage(p);
        }
        setRowErrors(errors);
        notify((err as Error).message, { type: 'error', messageArgs: { _: (err as Error).message } });
      } else notify((err as Error).message, { type: 'error', messageArgs: { _: (err as Error).message } });
    } finally {
      setBusy(false);
    }
  };

  let body;
  if (!followsTemplate) body = <Alert severity="info">{t('notFollowing')}</Alert>;
  else if (isPending) body = <Loading />;
  else if (error) body = <Alert severity="error">{error.message}</Alert>;
  else if (!data) body = <Alert severity="info">{t('notFollowing')}</Alert>;
  else
    body = (
      <>
        {result && <Outcome result={result} />}
        <Header data={data} />
        {stale && (
          <Alert
            severity="warning"
            sx={{ mb: 2 }}
            action={
              <Button
                size="small"
                onClick={() => {
                  setStale(false);
                  void refetch();
                }}
              >
                {t('compareAgain')}
              </Button>
            }
          >
            {t('stale')}
          </Alert>
        )}
        {!data.upToDate && (
          <Card sx={{ mb: 2 }}>
            <CardContent>
              <Typography variant="h6" component="h2" gutterBottom>
                {t('changesTitle', {
                  base: data.baseVersion,
                  latest: data.latestVersion,
                  count: data.upstreamChanges.length,
                })}
              </Typography>
              {data.upstreamChanges.length === 0 ? (
                <Typography color="text.secondary">{t('noChanges')}</Typography>
              ) : (
                <UpstreamTable
                  data={data}
                  locale={locale}
                  selectable={canApply}
                  chosen={chosen}
                  onChosen={setChosen}
                  errors={rowErrors}
                />
              )}
              {canApply ? (
                <Stack spacing={2} sx={{ mt: 2 }}>
                  <Typography variant="body2" color="text.secondary">
                    {t('skippedNote')}
                  </Typography>
                  <TextField
                    label={t('comment')}
                    value={comment}
                    onChange={(e) => setComment(e.target.value)}
                    multiline
                    sx={{ maxWidth: 720 }}
                  />
                  <Stack direction="row" spacing={2}>
                    <Button variant="contained" disabled={busy} onClick={() => void apply()}>
                      {t('applyAll', { count: takeable.length })}
                    </Button>
                    <Button
                      variant="outlined"
                      disabled={busy || chosen.size === 0}
                      onClick={() => void apply([...chosen])}
                    >
                      {t('applyChosen', { count: chosen.size })}
                    </Button>
                  </Stack>
                </Stack>
              ) : (
                <Alert severity="info" sx={{ mt: 2 }}>
                  {t('readOnly')}
                </Alert>
              )}
            </CardContent>
          </Card>
        )}
        <OwnChanges changes={data.ownChanges} locale={locale} defaultExpanded={data.upToDate} />
      </>
    );

  return (
    <Box sx={{ mt: 1 }}>
      <PageHeading title={t('title')} />
      {body}
    </Box>
  );
}
