/** One audit event: who, what, when, why — and its before/after as a diff. */
import { Alert, Box, Card, CardContent, Grid, Typography } from '@mui/material';
import { Suspense, lazy, type ReactNode } from 'react';
import { Loading, Show, useRecordContext, useTranslate } from 'react-admin';
import { useDateTime } from '../decisions/format';
import { actorName, type AuditEvent } from './types';

const JsonDiff = lazy(() => import('./JsonDiff'));

function Pair({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box>
      <Typography variant="caption" color="text.secondary" component="div">
        {label}
      </Typography>
      <Typography variant="body2" component="div" sx={{ wordBreak: 'break-word' }}>
        {children}
      </Typography>
    </Box>
  );
}

function EventView() {
  const e = useRecordContext<AuditEvent>();
  const translate = useTranslate();
  const dateTime = useDateTime();
  if (!e) return null;
  const t = (key: string, options?: object) => translate(`resources.audit-events.${key}`, options);
  const hasBefore = e.before !== null && e.before !== undefined;
  const hasAfter = e.after !== null && e.after !== undefined;
  return (
    <Box sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Card variant="outlined">
        <CardContent>
          <Grid container spacing={2}>
            <Grid size={{ xs: 6, md: 3 }}>
              <Pair label={t('fields.createdAt')}>{dateTime(e.createdAt)}</Pair>
            </Grid>
            <Grid size={{ xs: 6, md: 3 }}>
              <Pair label={t('fields.actor')}>{actorName(e.actor)}</Pair>
            </Grid>
            <Grid size={{ xs: 6, md: 3 }}>
              <Pair label={t('fields.entity')}>
                {t(`entities.${e.entity}`, { _: e.entity })} · {t(`actions.${e.action}`, { _: e.action })}
              </Pair>
            </Grid>
            <Grid size={{ xs: 6, md: 3 }}>
              <Pair label={t('fields.entityId')}>{e.entityId ?? '—'}</Pair>
            </Grid>
            {e.comment && (
              <Grid size={12}>
                <Pair label={t('fields.comment')}>{e.comment}</Pair>
              </Grid>
            )}
          </Grid>
        </CardContent>
      </Card>
      <Card variant="outlined">
        <CardContent>
          <Typography variant="h6" component="h2" gutterBottom>
            {t('diff.title')}
          </Typography>
          {!hasBefore && !hasAfter ? (
            <Typography variant="body2">{t('diff.nothing')}</Typography>
          ) : (
            <>
              {!hasBefore && (
                <Alert severity="info" sx={{ mb: 1 }}>
                  {t('diff.created')}
                </Alert>
              )}
              {!hasAfter && (
                <Alert severity="info" sx={{ mb: 1 }}>
                  {t('diff.deleted')}
                </Alert>
              )}
              <Suspense fallback={<Loading />}>
                <JsonDiff before={e.before} after={e.after} />
              </Suspense>
            </>
          )}
        </CardContent>
      </Card>
    </Box>
  );
}

export default function AuditShow() {
  return (
    <Show actions={false} sx={{ '& .RaShow-card': { bgcolor: 'transparent', boxShadow: 'none' } }}>
      <EventView />
    </Show>
  );
}
