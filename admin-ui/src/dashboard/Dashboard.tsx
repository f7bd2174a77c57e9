/** Oversigt: the period picker, the totals and the charts over GET …/dashboard?from&to. */
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Grid,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { Suspense, lazy, useState } from 'react';
import { Loading, Title, useLocaleState, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { useApiGet } from '../decisions/format';
import { useOverview } from '../ruleset/hooks';
import { useAccess } from '../templates/access';
import type { DashboardData } from './types';

const Charts = lazy(() => import('./Charts'));

const PRESETS = { w4: 28, w12: 84, w26: 182, w52: 364 } as const;
type Preset = keyof typeof PRESETS | 'custom';
/** The longest period the server answers for (three years). */
const MAX_DAYS = 3 * 366;

const ymd = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** [from, to) as instants: local midnights, `to` the day after the last day shown. */
function periodOf(preset: Preset, from: string, to: string): { from: string; to: string } {
  if (preset === 'custom' && from && to) {
    const end = new Date(`${to}T00:00:00`);
    end.setDate(end.getDate() + 1);
    return { from: new Date(`${from}T00:00:00`).toISOString(), to: end.toISOString() };
  }
  const days = PRESETS[preset === 'custom' ? 'w12' : preset];
  const end = new Date();
  end.setHours(0, 0, 0, 0);
  end.setDate(end.getDate() + 1);
  const start = new Date(end);
  start.setDate(start.getDate() - days);
  return { from: start.toISOString(), to: end.toISOString() };
}

function Total({ label, value }: { label: string; value: string }) {
  return (
    <Card variant="outlined" sx={{ height: '100%' }}>
      <CardContent>
        <Typography variant="body2" color="text.secondary">
          {label}
        </Typography>
        <Typography variant="h4" component="p">
          {value}
        </Typography>
      </CardContent>
    </Card>
  );
}

/** A municipality without a version in force cannot decide anything yet: say so, and where to start. */
function NoVersionInForce() {
  const translate = useTranslate();
  const t = (key: string) => translate(`resources.dashboard.${key}`);
  const overview = useOverview();
  const { may } = useAccess();
  if (!overview.data || overview.data.active !== null) return null;
  const admin = may('ruleset:write');
  return (
    <Alert
      severity="warning"
      sx={{ mb: 2 }}
      action={
        <Button color="inherit" size="small" component={Link} to="/ruleset" sx={{ whiteSpace: 'nowrap' }}>
          {t('toRuleset')}
        </Button>
      }
    >
      <Typography variant="body2" sx={{ fontWeight: 600 }}>
        {t('noVersion')}
      </Typography>
      <Typography variant="body2">{t(admin ? 'noVersionAdmin' : 'noVersionOthers')}</Typography>
    </Alert>
  );
}

export default function Dashboard() {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const t = (key: string) => translate(`resources.dashboard.${key}`);
  const [preset, setPreset] = useState<Preset>('w12');
  const [from, setFrom] = useState(() => {
    const d = new Date();
    d.setDate(d.getDate() - 83);
    return ymd(d);
  });
  const [to, setTo] = useState(() => ymd(new Date()));
  const period = periodOf(preset, from, to);
  const span = Date.parse(period.to) - Date.parse(period.from);
  const invalid = !(span > 0) ? 'order' : span > MAX_DAYS * 86_400_000 ? 'long' : null;
  const { data, error, isPending } = useApiGet<DashboardData>(invalid ? null : 'dashboard', period);
  const number = (n: number) => n.toLocaleString(locale === 'da' ? 'da-DK' : 'en-GB');
  const share = data?.totals.automationShare;
  return (
    <Box sx={{ pt: 2, pb: 4 }}>
      <Title title={t('title')} />
      <NoVersionInForce />
      <Stack direction="row" spacing={2} alignItems="center" useFlexGap flexWrap="wrap" sx={{ mb: 2 }}>
        <TextField
          select
          fullWidth={false}
          size="small"
          label={t('period.label')}
          value={preset}
          onChange={(e) => setPreset(e.target.value as Preset)}
          sx={{ width: 240 }}
        >
          {(['w4', 'w12', 'w26', 'w52', 'custom'] as const).map((p) => (
            <MenuItem key={p} value={p}>
              {t(`period.${p}`)}
            </MenuItem>
          ))}
        </TextField>
        {preset === 'custom' && (
          <>
            <TextField
              fullWidth={false}
              size="small"
              type="date"
              label={t('period.from')}
              value={from}
              onChange={(e) => setFrom(e.target.value)}
              slotProps={{ inputLabel: { shrink: true }, htmlInput: { max: to } }}
            />
            <TextField
              fullWidth={false}
              size="small"
              type="date"
              label={t('period.to')}
              value={to}
              onChange={(e) => setTo(e.target.value)}
              slotProps={{ inputLabel: { shrink: true }, htmlInput: { min: from } }}
            />
          </>
        )}
      </Stack>
      {invalid ? (
        <Alert severity="warning">{t(`period.${invalid}`)}</Alert>
      ) : isPending ? (
        <Loading />
      ) : error || !data ? (
        <Alert severity="error">{error instanceof Error ? error.message : String(error)}</Alert>
      ) : (
        <Stack spacing={2}>
          <Grid container spacing={2}>
            <Grid size={{ xs: 6, md: 3 }}>
              <Total label={t('totals.documents')} value={number(data.totals.documents)} />
            </Grid>
            <Grid size={{ xs: 6, md: 3 }}>
              <Total
                label={t('totals.automationShare')}
                value={
                  share === null || share === undefined
                    ? '—'
                    : `${(share * 100).toLocaleString(locale === 'da' ? 'da-DK' : 'en-GB', { maximumFractionDigits: 1 })} %`
                }
              />
            </Grid>
            <Grid size={{ xs: 6, md: 3 }}>
              <Total label={t('totals.manual')} value={number(data.totals.manual)} />
            </Grid>
            <Grid size={{ xs: 6, md: 3 }}>
              <Total label={t('totals.rejected')} value={number(data.totals.rejected)} />
            </Grid>
          </Grid>
          {data.totals.documents === 0 && (
            <Alert severity="info">
              <Typography variant="body2" sx={{ fontWeight: 600 }}>
                {t('empty')}
              </Typography>
              <Typography variant="body2">{t('emptyHelp')}</Typography>
            </Alert>
          )}
          {(data.totals.documents > 0 || data.manualQueue.some((q) => q.documents > 0)) && (
            <Suspense fallback={<Loading />}>
              <Charts data={data} />
            </Suspense>
          )}
        </Stack>
      )}
    </Box>
  );
}
