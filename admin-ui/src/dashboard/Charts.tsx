/**
 * Oversigt's charts (MUI X Charts, lazy: loaded with the dashboard only): the share approved
 * automatically per week, documents per week by outcome, manual and rejected documents by
 * reason, documents per supplier, the open manual queue by age.
 */
import { Box, Card, CardContent, Grid, Typography } from '@mui/material';
import { BarChart } from '@mui/x-charts/BarChart';
import { LineChart } from '@mui/x-charts/LineChart';
import type { ReactNode } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import { formatDkk } from '../layout/money';
import { isoWeek, type DashboardData } from './types';

const COLORS = { approved: '#2e7d32', manual: '#ed6c02', rejected: '#d32f2f', neutral: '#1976d2' };

function ChartCard({ title, help, children }: { title: string; help?: string; children: ReactNode }) {
  return (
    <Card variant="outlined" sx={{ height: '100%' }} role="figure" aria-label={title}>
      <CardContent>
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
          {title}
        </Typography>
        {help && (
          <Typography variant="body2" color="text.secondary">
            {help}
          </Typography>
        )}
        {children}
      </CardContent>
    </Card>
  );
}

function Empty({ text }: { text: string }) {
  return (
    <Box sx={{ height: 200, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
      <Typography variant="body2" color="text.secondary">
        {text}
      </Typography>
    </Box>
  );
}

export default function Charts({ data }: { data: DashboardData }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const t = (key: string, options?: object) => translate(`resources.dashboard.${key}`, options);
  const o = (key: string) => translate(`resources.decisions.outcomes.${key}`);
  const percent = (v: number | null) =>
    v === null
      ? '—'
      : `${(v * 100).toLocaleString(locale === 'da' ? 'da-DK' : 'en-GB', { maximumFractionDigits: 1 })} %`;
  const weeks = data.weeks.map((w) => ({ ...w, label: t('charts.week', { week: isoWeek(w.week) }) }));
  const reasons = [...data.reasons].reverse();
  const suppliers = [...data.suppliers].reverse().map((s) => ({ ...s, label: s.name ?? s.supplier }));
  const queue = data.manualQueue.map((q) => ({ ...q, label: t(`buckets.${q.bucket}`) }));
  const queueTotal = queue.reduce((n, q) => n + q.documents, 0);
  return (
    <Grid container spacing={2}>
      <Grid size={{ xs: 12, lg: 6 }}>
        <ChartCard title={t('charts.automation')} help={t('charts.automationHelp')}>
          <LineChart
            height={280}
            dataset={weeks.map((w) => ({
              label: w.label,
              share: w.automationShare === null ? null : w.automationShare,
            }))}
            xAxis={[{ scaleType: 'point', dataKey: 'label' }]}
            yAxis={[{ min: 0, max: 1, valueFormatter: (v: number) => `${Math.round(v * 100)} %` }]}
            series={[
              {
                dataKey: 'share',
                label: t('charts.share'),
                color: COLORS.approved,
                area: true,
                curve: 'linear',
                connectNulls: true,
                valueFormatter: (v) => percent(v),
              },
            ]}
            grid={{ horizontal: true }}
          />
        </ChartCard>
      </Grid>
      <Grid size={{ xs: 12, lg: 6 }}>
        <ChartCard title={t('charts.outcomes')}>
          <BarChart
            height={300}
            dataset={weeks}
            xAxis={[{ scaleType: 'band', dataKey: 'label' }]}
            series={[
              { dataKey: 'approved', label: o('approved'), stack: 'outcome', color: COLORS.approved },
              { dataKey: 'manual', label: o('manual'), stack: 'outcome', color: COLORS.manual },
              { dataKey: 'rejected', label: o('rejected'), stack: 'outcome', color: COLORS.rejected },
            ]}
            grid={{ horizontal: true }}
          />
        </ChartCard>
      </Grid>
      <Grid size={{ xs: 12, lg: 6 }}>
        <ChartCard title={t('charts.reasons')}>
          {reasons.length === 0 ? (
            <Empty text={t('charts.noReasons')} />
          ) : (
            <BarChart
              height={Math.max(180, 34 * reasons.length + 80)}
              layout="horizontal"
              dataset={reasons.map((r) => ({
                code: r.code,
                manual: r.kind === 'manual' ? r.documents : 0,
                rejected: r.kind === 'reject' ? r.documents : 0,
              }))}
              yAxis={[{ scaleType: 'band', dataKey: 'code', width: 240 }]}
              xAxis={[{ tickMinStep: 1 }]}
              series={[
                { dataKey: 'manual', label: o('manual'), stack: 'kind', color: COLORS.manual },
                { dataKey: 'rejected', label: o('rejected'), stack: 'kind', color: COLORS.rejected },
              ]}
              grid={{ vertical: true }}
            />
          )}
        </ChartCard>
      </Grid>
      <Grid size={{ xs: 12, lg: 6 }}>
        <ChartCard title={t('charts.suppliers')}>
          <BarChart
            height={Math.max(180, 34 * suppliers.length + 80)}
            layout="horizontal"
            dataset={suppliers}
            yAxis={[{ scaleType: 'band', dataKey: 'label', width: 210 }]}
            xAxis={[{ tickMinStep: 1 }]}
            series={[
              {
                dataKey: 'documents',
                label: t('charts.documents'),
                color: COLORS.neutral,
                valueFormatter: (v, { dataIndex }) =>
                  `${v ?? 0} (${formatDkk(suppliers[dataIndex]?.amount, locale)})`,
              },
            ]}
            hideLegend
            grid={{ vertical: true }}
          />
        </ChartCard>
      </Grid>
      <Grid size={{ xs: 12, lg: 6 }}>
        <ChartCard title={t('charts.queue')}>
          {queueTotal === 0 ? (
            <Empty text={t('charts.noQueue')} />
          ) : (
            <BarChart
              height={260}
              dataset={queue}
              xAxis={[{ scaleType: 'band', dataKey: 'label' }]}
              yAxis={[{ tickMinStep: 1 }]}
              series={[
                {
                  dataKey: 'documents',
                  label: t('charts.documents'),
                  color: COLORS.manual,
                  valueFormatter: (v, { dataIndex }) =>
                    `${v ?? 0} (${formatDkk(queue[dataIndex]?.amount, locale)})`,
                },
              ]}
              hideLegend
              grid={{ horizontal: true }}
            />
          )}
        </ChartCard>
      </Grid>
    </Grid>
  );
}
