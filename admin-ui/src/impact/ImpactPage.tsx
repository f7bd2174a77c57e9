/**
 * Konsekvensberegning: replays every decision of a period against the draft or a chosen version
 * (POST …/impact → a job, polled at GET …/impact/:job) and shows what would change: decisions per
 * outcome transition (a chart), the DKK amounts per transition, the reasons driving the change
 * and the changed documents.
 */
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  CircularProgress,
  Grid,
  LinearProgress,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { Suspense, lazy, useEffect, useRef, useState } from 'react';
import { HttpError, Link, Title, useDataProvider, useResourceDefinitions, useTranslate } from 'react-admin';
// the job's summary is the server's own type (a type import: nothing of the server is bundled)
import type { ImpactSummary } from '../../../server/src/features/evaluation/impact-summary.js';
import type { RegelvaerkDataProvider } from '../dataProvider';
import { useOverview } from '../ruleset/hooks';
import { NameAndId } from '../layout/fields';
import { useDkk } from '../layout/money';
import type { Outcome } from '../simulate/compare';
import { OutcomeChip } from '../simulate/OutcomeChip';

const TransitionsChart = lazy(() => import('./TransitionsChart'));

interface Job {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  progress: number;
  processed: number;
  total: number | null;
  summary: ImpactSummary | null;
  error?: string;
}

const OUTCOMES: Outcome[] = ['approved', 'manual', 'rejected'];
const POLL_MS = 400;

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

function splitTransition(t: string): [Outcome, Outcome] {
  const [a, b] = t.split('→') as [Outcome, Outcome];
  return [a, b];
}

/** Changed transitions first, then by count. */
function orderedTransitions(summary: ImpactSummary): string[] {
  return Object.keys(summary.transitions).sort((x, y) => {
    const [xa, xb] = splitTransition(x);
    const [ya, yb] = splitTransition(y);
    const cx = xa !== xb ? 0 : 1;
    const cy = ya !== yb ? 0 : 1;
    if (cx !== cy) return cx - cy;
    return OUTCOMES.indexOf(xa) - OUTCOMES.indexOf(ya) || OUTCOMES.indexOf(xb) - OUTCOMES.indexOf(yb);
  });
}

export default function ImpactPage() {
  const translate = useTranslate();
  const dkk = useDkk();
  const dataProvider = useDataProvider<RegelvaerkDataProvider>();
  const resources = useResourceDefinitions();
  const today = new Date();
  const [from, setFrom] = useState(isoDay(new Date(today.getTime() - 30 * 86_400_000)));
  const [to, setTo] = useState(isoDay(today));
  const [against, setAgainst] = useState<string>('');
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const stopped = useRef(false);

  const overview = useOverview();
  const hasDraft = Boolean(overview.data?.draft);
  const versions = [...(overview.data?.versions ?? [])].sort((a, b) => b.version - a.version);
  const target = against || (hasDraft ? 'draft' : versions[0] ? String(versions[0].version) : '');

  useEffect(() => {
    stopped.current = false;
    return () => {
      stopped.current = true;
    };
  }, []);

  useEffect(() => {
    if (!job || job.status === 'done' || job.status === 'failed') return;
    const timer = setTimeout(() => {
      dataProvider
        .api<Job>('GET', `impact/${encodeURIComponent(job.id)}`)
        .then((r) => {
          if (!stopped.current) setJob(r.json);
        })
        .catch((e: unknown) => {
          if (!stopped.current) setError((e as Error).message);
        });
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [job, dataProvider]);

  async function start() {
    setError(null);
    setJob(null);
    setStarting(true);
    try {
      const body = {
        from,
        to,
        against: target === 'draft' ? { draft: true as const } : { version: Number(target) },
      };
      const r = await dataProvider.api<{ job: string; status: 'queued' }>('POST', 'impact', body);
      setJob({ id: r.json.job, status: 'queued', progress: 0, processed: 0, total: null, summary: null });
    } catch (e) {
      setError(e instanceof HttpError ? e.message : String(e));
    } finally {
      setStarting(false);
    }
  }

  const running = starting || (job !== null && (job.status === 'queued' || job.status === 'running'));
  const summary = job?.status === 'done' ? job.summary : null;
  const decisionsShow = Boolean(resources.decisions?.hasShow);
  const transitionLabel = (t: string) => {
    const [a, b] = splitTransition(t);
    return `${translate(`simulate.outcomes.${a}`)} → ${translate(`simulate.outcomes.${b}`)}`;
  };

  return (
    <Box sx={{ mt: 2, mb: 4 }}>
      <Title title={translate('impact.title')} />
      <Card>
        <CardContent>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2, maxWidth: 900 }}>
            {translate('impact.intro')}
          </Typography>
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} alignItems={{ sm: 'center' }}>
            <TextField
              select
              label={translate('impact.against')}
              value={target}
              onChange={(e) => setAgainst(e.target.value)}
              sx={{ width: 280, flexShrink: 0 }}
              size="small"
              disabled={overview.isPending}
            >
              {hasDraft && <MenuItem value="draft">{translate('impact.draft')}</MenuItem>}
              {versions.map((v) => (
                <MenuItem key={v.version} value={String(v.version)}>
                  {translate('impact.version', { version: v.version })}
                  {overview.data?.active?.version === v.version ? ` (${translate('impact.active')})` : ''}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              type="date"
              label={translate('impact.from')}
              value={from}
              onChange={(e) => setFrom(e.target.value)}
              size="small"
              sx={{ width: 190, flexShrink: 0 }}
              slotProps={{ inputLabel: { shrink: true } }}
            />
            <TextField
              type="date"
              label={translate('impact.to')}
              value={to}
              onChange={(e) => setTo(e.target.value)}
              size="small"
              sx={{ width: 190, flexShrink: 0 }}
              slotProps={{ inputLabel: { shrink: true } }}
            />
            <Button
              variant="contained"
              startIcon={running ? <CircularProgress size={16} color="inherit" /> : <PlayArrowIcon />}
              disabled={running || !target || !from || !to}
              sx={{ whiteSpace: 'nowrap', flexShrink: 0 }}
              onClick={() => void start()}
            >
              {translate('impact.run')}
            </Button>
          </Stack>
          {overview.isSuccess && !hasDraft && (
            <Alert severity={versions.length === 0 ? 'warning' : 'info'} sx={{ mt: 2 }}>
              {translate(versions.length === 0 ? 'impact.nothing' : 'impact.no_draft')}
            </Alert>
          )}
          {error && (
            <Alert severity="error" sx={{ mt: 2 }}>
              {error}
            </Alert>
          )}
          {job && job.status !== 'done' && job.status !== 'failed' && (
            <Box sx={{ mt: 3 }}>
              <LinearProgress
                variant={job.total ? 'determinate' : 'indeterminate'}
                value={Math.round(job.progress * 100)}
                aria-label={translate('impact.progress')}
              />
              <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
                {job.total === null
                  ? translate('impact.queued')
                  : translate('impact.processed', { processed: job.processed, total: job.total })}
              </Typography>
            </Box>
          )}
          {job?.status === 'failed' && (
            <Alert severity="error" sx={{ mt: 2 }}>
              {translate('impact.failed', { error: job.error ?? '' })}
            </Alert>
          )}
        </CardContent>
      </Card>

      {summary && (
        <>
          <Alert severity={summary.changed > 0 ? 'warning' : 'success'} sx={{ mt: 2 }}>
            {translate('impact.done', {
              decisions: summary.decisions,
              changed: summary.changed,
            })}
          </Alert>
          <Grid container spacing={2} sx={{ mt: 0.5 }}>
            <Grid size={{ xs: 12, md: 7 }}>
              <Card component="section" aria-labelledby="impact-transitions" sx={{ height: '100%' }}>
                <CardContent>
                  <Typography id="impact-transitions" variant="h6" component="h2">
                    {translate('impact.transitions')}
                  </Typography>
                  {summary.decisions === 0 ? (
                    <Typography color="text.secondary">{translate('impact.no_decisions')}</Typography>
                  ) : (
                    <Suspense fallback={<CircularProgress size={24} sx={{ m: 2 }} />}>
                      <TransitionsChart
                        seriesLabel={translate('impact.decisions')}
                        bars={orderedTransitions(summary).map((t) => {
                          const [a, b] = splitTransition(t);
                          return {
                            label: transitionLabel(t),
                            count: summary.transitions[t] ?? 0,
                            changed: a !== b,
                          };
                        })}
                      />
                    </Suspense>
                  )}
                </CardContent>
              </Card>
            </Grid>
            <Grid size={{ xs: 12, md: 5 }}>
              <Card component="section" aria-labelledby="impact-amounts" sx={{ height: '100%' }}>
                <CardContent>
                  <Typography id="impact-amounts" variant="h6" component="h2">
                    {translate('impact.amounts')}
                  </Typography>
                  <Table size="small">
                    <TableHead>
                      <TableRow>
                        <TableCell>{translate('impact.transition')}</TableCell>
                        <TableCell align="right">{translate('impact.decisions')}</TableCell>
                        <TableCell align="right">{translate('impact.amount')}</TableCell>
                      </TableRow>
                    </TableHead>
                    <TableBody>
                      {orderedTransitions(summary).map((t) => {
                        const [a, b] = splitTransition(t);
                        return (
                          <TableRow key={t} sx={a !== b ? { bgcolor: 'rgba(255, 179, 0, 0.16)' } : undefined}>
                            <TableCell>{transitionLabel(t)}</TableCell>
                            <TableCell align="right">{summary.transitions[t]}</TableCell>
                            <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                              {dkk(summary.amounts[t] ?? '0.00')}
                            </TableCell>
                          </TableRow>
                        );
                      })}
                    </TableBody>
                  </Table>
                </CardContent>
              </Card>
            </Grid>
            <Grid size={12}>
              <Card component="section" aria-labelledby="impact-reasons">
                <CardContent>
                  <Typography id="impact-reasons" variant="h6" component="h2">
                    {translate('impact.reasons')}
                  </Typography>
                  {Object.keys(summary.reasons).length === 0 ? (
                    <Typography color="text.secondary">{translate('impact.no_reasons')}</Typography>
                  ) : (
                    <Table size="small">
                      <TableHead>
                        <TableRow>
                          <TableCell>{translate('impact.reason')}</TableCell>
                          <TableCell align="right">{translate('impact.added')}</TableCell>
                          <TableCell align="right">{translate('impact.removed')}</TableCell>
                        </TableRow>
                      </TableHead>
                      <TableBody>
                        {Object.entries(summary.reasons)
                          .sort((x, y) => y[1] - x[1])
                          .map(([code]) => (
                            <TableRow key={code}>
                              <TableCell sx={{ fontFamily: 'monospace' }}>{code}</TableCell>
                              <TableCell align="right">{summary.reasonsAdded[code] ?? 0}</TableCell>
                              <TableCell align="right">{summary.reasonsRemoved[code] ?? 0}</TableCell>
                            </TableRow>
                          ))}
                      </TableBody>
                    </Table>
                  )}
                </CardContent>
              </Card>
            </Grid>
            <Grid size={12}>
              <Card component="section" aria-labelledby="impact-documents">
                <CardContent>
                  <Typography id="impact-documents" variant="h6" component="h2">
                    {translate('impact.changed_documents')}
                  </Typography>
                  {summary.changedDocuments.length === 0 ? (
                    <Typography color="text.secondary">{translate('impact.no_changed_documents')}</Typography>
                  ) : (
                    <>
                      <Table size="small">
                        <TableHead>
                          <TableRow>
                            <TableCell>{translate('impact.supplier')}</TableCell>
                            <TableCell>{translate('impact.document_type')}</TableCell>
                            <TableCell>{translate('impact.document_id')}</TableCell>
                            <TableCell align="right">{translate('simulate.payable')}</TableCell>
                            <TableCell>{translate('impact.before')}</TableCell>
                            <TableCell>{translate('impact.after')}</TableCell>
                          </TableRow>
                        </TableHead>
                        <TableBody>
                          {summary.changedDocuments.map((d) => (
                            <TableRow key={d.decisionId}>
                              <TableCell>
                                {/* summaries stored before supplierName existed have none */}
                                <NameAndId name={d.supplierName} id={d.documentKey.supplier} />
                              </TableCell>
                              <TableCell>
                                {translate(`impact.types.${d.documentKey.documentType}`, {
                                  _: d.documentKey.documentType,
                                })}
                              </TableCell>
                              <TableCell>
                                {decisionsShow ? (
                                  <Link to={`/decisions/${encodeURIComponent(d.decisionId)}/show`}>
                                    {d.documentKey.id}
                                  </Link>
                                ) : (
                                  d.documentKey.id
                                )}
                              </TableCell>
                              <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                                {dkk(d.payable)}
                              </TableCell>
                              <TableCell>
                                <OutcomeCell outcome={d.before.outcome} reasons={d.before.reasons} />
                              </TableCell>
                              <TableCell>
                                <OutcomeCell outcome={d.after.outcome} reasons={d.after.reasons} />
                              </TableCell>
                            </TableRow>
                          ))}
                        </TableBody>
                      </Table>
                      {summary.changedDocumentsTotal > summary.changedDocuments.length && (
                        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
                          {translate('impact.more_documents', {
                            shown: summary.changedDocuments.length,
                            total: summary.changedDocumentsTotal,
                          })}
                        </Typography>
                      )}
                    </>
                  )}
                </CardContent>
              </Card>
            </Grid>
          </Grid>
        </>
      )}
    </Box>
  );
}

function OutcomeCell({ outcome, reasons }: { outcome: Outcome; reasons: string[] }) {
  return (
    <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap" useFlexGap>
      <OutcomeChip outcome={outcome} />
      {reasons.map((r) => (
        <Typography key={r} variant="caption" sx={{ fontFamily: 'monospace' }}>
          {r}
        </Typography>
      ))}
    </Stack>
  );
}
