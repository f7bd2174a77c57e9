/**
 * Oversigt (platform administrator): totals, the national templates with how many municipalities
 * follow them and how many are behind, and every municipality with its version in force, its
 * template, users, manual queue and recent decisions. A row opens the municipality (Kommuner)
 * or the template (Skabeloner). While it loads, skeletons hold the page's shape.
 */
import {
  Alert,
  Button,
  Card,
  CardContent,
  CardHeader,
  Chip,
  Grid,
  Skeleton,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import type { ReactNode } from 'react';
import { Title, useLocaleState, useTranslate } from 'react-admin';
import { Link, useNavigate } from 'react-router-dom';
import { useApiGet } from '../decisions/format';
import type { MunicipalityAtAGlance, PlatformOverviewData } from './types';

const P = 'resources.platform';

function Total({ label, value }: { label: string; value: ReactNode }) {
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

function SkeletonRows({ columns, rows = 3 }: { columns: number; rows?: number }) {
  return (
    <>
      {Array.from({ length: rows }, (_, r) => (
        <TableRow key={r}>
          {Array.from({ length: columns }, (_, c) => (
            <TableCell key={c}>
              <Skeleton variant="text" />
            </TableCell>
          ))}
        </TableRow>
      ))}
    </>
  );
}

function TemplateState({ m }: { m: MunicipalityAtAGlance }) {
  const translate = useTranslate();
  if (!m.basedOn)
    return (
      <Typography variant="body2" color="text.secondary">
        {translate(`${P}.municipalities.ownRules`)}
      </Typography>
    );
  const { template, version, behind } = m.basedOn;
  return (
    <Stack direction="row" spacing={1} alignItems="center">
      <Typography variant="body2" sx={{ whiteSpace: 'nowrap' }}>
        {template} v{version}
      </Typography>
      {behind > 0 ? (
        <Chip
          size="small"
          color="warning"
          variant="outlined"
          label={translate(`${P}.municipalities.behind`, { smart_count: behind })}
        />
      ) : (
        <Chip
          size="small"
          color="success"
          variant="outlined"
          label={translate(`${P}.municipalities.upToDate`)}
        />
      )}
    </Stack>
  );
}

export default function PlatformOverview() {
  const translate = useTranslate();
  const t = (key: string, options?: Record<string, unknown>) => translate(`${P}.${key}`, options);
  const [locale] = useLocaleState();
  const loc = locale === 'da' ? 'da-DK' : 'en-GB';
  const navigate = useNavigate();
  const { data, error, isPending } = useApiGet<PlatformOverviewData>('/platform/overview');
  const number = (n: number) => n.toLocaleString(loc);
  const day = (iso: string | null) =>
    iso ? new Date(iso).toLocaleDateString(loc, { dateStyle: 'medium' }) : '—';
  const ms = data?.municipalities ?? [];
  const total = (n: number | undefined) => (n === undefined ? <Skeleton width="40%" /> : number(n));
  const sum = (f: (m: MunicipalityAtAGlance) => number) =>
    data ? ms.reduce((a, m) => a + f(m), 0) : undefined;

  return (
    <Stack spacing={2} sx={{ pt: 2, pb: 4 }}>
      <Title title={t('title')} />
      {error ? (
        <Alert severity="error">{error instanceof Error ? error.message : String(error)}</Alert>
      ) : null}
      <Grid container spacing={2}>
        <Grid size={{ xs: 6, md: 3 }}>
          <Total label={t('totals.municipalities')} value={total(data ? ms.length : undefined)} />
        </Grid>
        <Grid size={{ xs: 6, md: 3 }}>
          <Total label={t('totals.withoutVersion')} value={total(sum((m) => (m.activeVersion ? 0 : 1)))} />
        </Grid>
        <Grid size={{ xs: 6, md: 3 }}>
          <Total
            label={t('totals.behind')}
            value={total(sum((m) => (m.basedOn && m.basedOn.behind > 0 ? 1 : 0)))}
          />
        </Grid>
        <Grid size={{ xs: 6, md: 3 }}>
          <Total label={t('totals.manual')} value={total(sum((m) => m.manualQueue))} />
        </Grid>
      </Grid>

      <Card variant="outlined">
        <CardHeader title={t('templates.title')} slotProps={{ title: { variant: 'h6', component: 'h2' } }} />
        <TableContainer>
          <Table size="small" aria-label={t('templates.title')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('templates.template')}</TableCell>
                <TableCell align="right">{t('templates.latest')}</TableCell>
                <TableCell>{t('templates.updated')}</TableCell>
                <TableCell align="right">{t('templates.followers')}</TableCell>
                <TableCell align="right">{t('templates.behind')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {isPending ? (
                <SkeletonRows columns={5} rows={1} />
              ) : data && data.nationalTemplates.length === 0 ? (
                <TableRow>
                  <TableCell colSpan={5}>{t('templates.none')}</TableCell>
                </TableRow>
              ) : (
                data?.nationalTemplates.map((tpl) => (
                  <TableRow
                    key={tpl.id}
                    hover
                    sx={{ cursor: 'pointer' }}
                    onClick={() => navigate(`/templates/${encodeURIComponent(tpl.id)}/show`)}
                  >
                    <TableCell>
                      <Typography variant="body2">{tpl.name}</Typography>
                      <Typography variant="caption" color="text.secondary">
                        {tpl.id}
                      </Typography>
                    </TableCell>
                    <TableCell align="right">{tpl.latestVersion ?? '—'}</TableCell>
                    <TableCell>{day(tpl.updatedAt)}</TableCell>
                    <TableCell align="right">{number(tpl.followers)}</TableCell>
                    <TableCell align="right">{number(tpl.behind)}</TableCell>
                  </TableRow>
                ))
              )}
            </TableBody>
          </Table>
        </TableContainer>
      </Card>

      <Card variant="outlined">
        <CardHeader
          title={t('municipalities.title')}
          slotProps={{ title: { variant: 'h6', component: 'h2' } }}
        />
        <TableContainer>
          <Table size="small" aria-label={t('municipalities.title')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('municipalities.municipality')}</TableCell>
                <TableCell>{t('municipalities.version')}</TableCell>
                <TableCell>{t('municipalities.template')}</TableCell>
                <TableCell align="right">{t('municipalities.users')}</TableCell>
                <TableCell align="right">{t('municipalities.manual')}</TableCell>
                <TableCell align="right">
                  {t('municipalities.decisions', { days: data?.recentDays ?? 30 })}
                </TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {isPending ? (
                <SkeletonRows columns={6} />
              ) : data && ms.length === 0 ? (
                <TableRow>
                  <TableCell colSpan={6}>
                    <Stack direction="row" spacing={2} alignItems="center">
                      <span>{t('municipalities.none')}</span>
                      <Button size="small" variant="outlined" component={Link} to="/municipalities/create">
                        {t('municipalities.create')}
                      </Button>
                    </Stack>
                  </TableCell>
                </TableRow>
              ) : (
                ms.map((m) => (
                  <TableRow
                    key={m.id}
                    hover
                    sx={{ cursor: 'pointer' }}
                    onClick={() => navigate(`/municipalities/${encodeURIComponent(m.id)}/show`)}
                  >
                    <TableCell>
                      <Typography variant="body2">{m.name}</Typography>
                      <Typography variant="caption" color="text.secondary">
                        {m.id}
                      </Typography>
                    </TableCell>
                    <TableCell>
                      {m.activeVersion ? (
                        <>
                          <Typography variant="body2">v{m.activeVersion.version}</Typography>
                          <Typography variant="caption" color="text.secondary">
                            {t('municipalities.since', { date: day(m.activeVersion.effectiveFrom) })}
                          </Typography>
                        </>
                      ) : (
                        <Chip size="small" color="warning" label={t('municipalities.noVersion')} />
                      )}
                    </TableCell>
                    <TableCell>
                      <TemplateState m={m} />
                    </TableCell>
                    <TableCell align="right">{number(m.users)}</TableCell>
                    <TableCell align="right">{number(m.manualQueue)}</TableCell>
                    <TableCell align="right">{number(m.decisionsRecent)}</TableCell>
                  </TableRow>
                ))
              )}
            </TableBody>
          </Table>
        </TableContainer>
      </Card>
    </Stack>
  );
}
