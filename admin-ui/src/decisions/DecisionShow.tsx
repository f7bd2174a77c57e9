/**
 * One decision: the explanation first, the document, reasons, actions, payment groups and
 * postings, the ruleset version/hash and engine version, the trace (readable), Genafspil, and
 * the raw JSON one click away.
 */
import {
  Accordion,
  AccordionDetails,
  AccordionSummary,
  Alert,
  Box,
  Card,
  CardContent,
  Chip,
  Grid,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { Suspense, lazy, type ReactNode } from 'react';
import { Loading, Show, useLocaleState, usePermissions, useRecordContext, useTranslate } from 'react-admin';
import { GroupsTable, PostingsTable } from '../paymentGroups/Tables';
import { OutcomeChip, useDateTime } from './format';
import { useDkk } from '../layout/money';
import type { Decision } from './types';

const Trace = lazy(() => import('./Trace'));
const Replay = lazy(() => import('./Replay'));

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card variant="outlined">
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          {title}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
}

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

function None() {
  const translate = useTranslate();
  return (
    <Typography variant="body2" color="text.secondary">
      {translate('resources.decisions.label.none')}
    </Typography>
  );
}

function DecisionView() {
  const d = useRecordContext<Decision>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const money = useDkk();
  const dateTime = useDateTime();
  const { permissions } = usePermissions<{ permissions: string[] }>();
  if (!d) return null;
  // react-admin shows the list's row first (no document, no trace) until the full decision arrives.
  if (!d.document || !d.trace) return <Loading />;
  const lang = locale === 'da' ? 'da' : 'en';
  const l = (key: string, options?: object) => translate(`resources.decisions.label.${key}`, options);
  const s = (key: string) => translate(`resources.decisions.section.${key}`);
  const f = (key: string) => translate(`resources.decisions.fields.${key}`);
  const mayReplay = permissions?.permissions?.includes('replay') ?? false;
  return (
    <Stack spacing={2} sx={{ p: 2 }}>
      <Section title={s('explanation')}>
        <Stack direction="row" spacing={1} alignItems="center" sx={{ mb: 1 }}>
          <OutcomeChip outcome={d.outcome} />
          <Typography variant="body1">{d.explanation[lang]}</Typography>
        </Stack>
        {d.cause && (
          <Alert severity="info" sx={{ mt: 1 }}>
            {d.cause.kind === 'split'
              ? translate('split.cause', {
                  part: d.cause.part,
                  parts: d.cause.parts,
                  number: d.cause.originalNumber,
                })
              : l('cause', { outcome: translate(`resources.decisions.outcomes.${d.cause.outcome}`) })}
          </Alert>
        )}
        {d.duplicate && (
          <Alert severity="warning" sx={{ mt: 1 }}>
            {l('duplicate')}
          </Alert>
        )}
        {d.comment && (
          <Box sx={{ mt: 1 }}>
            <Pair label={l('comment')}>{d.comment}</Pair>
          </Box>
        )}
      </Section>

      <Section title={s('document')}>
        <Grid container spacing={2}>
          <Grid size={{ xs: 6, md: 3 }}>
            <Pair label={f('document')}>
              {translate(`resources.decisions.types.${d.documentKey.documentType}`)} {d.documentKey.id}
            </Pair>
          </Grid>
          <Grid size={{ xs: 6, md: 3 }}>
            <Pair label={l('supplier')}>
              {d.document.supplier.name
                ? `${d.document.supplier.name} (${d.documentKey.supplier})`
                : d.documentKey.supplier}
            </Pair>
          </Grid>
          <Grid size={{ xs: 6, md: 2 }}>
            <Pair label={f('payable')}>{money(d.payable)}</Pair>
          </Grid>
          <Grid size={{ xs: 6, md: 2 }}>
            <Pair label={l('cpr')}>{d.document.cprNumbers.join(', ') || '—'}</Pair>
          </Grid>
          <Grid size={{ xs: 6, md: 2 }}>
            <Pair label={l('issueDate')}>{d.document.issueDate ?? '—'}</Pair>
          </Grid>
          <Grid size={{ xs: 6, md: 3 }}>
            <Pair label={f('receivedAt')}>{dateTime(d.receivedAt)}</Pair>
          </Grid>
          <Grid size={{ xs: 6, md: 3 }}>
            <Pair label={f('createdAt')}>{dateTime(d.createdAt)}</Pair>
          </Grid>
        </Grid>
      </Section>

      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 7 }}>
          <Section title={s('reasons')}>
            {d.reasons.length === 0 ? (
              <None />
            ) : (
              <Table size="small">
                <TableHead>
                  <TableRow>
                    <TableCell>{l('code')}</TableCell>
                    <TableCell>{l('kind')}</TableCell>
                    <TableCell>{l('text')}</TableCell>
                    <TableCell>{l('rule')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {d.reasons.map((r) => (
                    <TableRow key={r.code}>
                      <TableCell sx={{ fontFamily: 'monospace' }}>{r.code}</TableCell>
                      <TableCell>{translate(`resources.decisions.kinds.${r.kind}`)}</TableCell>
                      <TableCell>{r.text}</TableCell>
                      <TableCell sx={{ fontFamily: 'monospace' }}>{r.rule ?? '—'}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </Section>
        </Grid>
        <Grid size={{ xs: 12, md: 5 }}>
          <Section title={s('actions')}>
            {d.actions.length === 0 ? (
              <None />
            ) : (
              <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap">
                {d.actions.map((a) => (
                  <Chip key={a} label={translate(`resources.decisions.actions.${a}`, { _: a })} title={a} />
                ))}
              </Stack>
            )}
          </Section>
        </Grid>
        <Grid size={{ xs: 12, md: 7 }}>
          <Section title={s('paymentGroups')}>
            <GroupsTable groups={d.paymentGroups} empty={l('none')} />
          </Section>
        </Grid>
        <Grid size={{ xs: 12, md: 5 }}>
          <Section title={s('postings')}>
            <PostingsTable postings={d.postings} empty={l('none')} />
          </Section>
        </Grid>
      </Grid>

      <Section title={s('ruleset')}>
        <Grid container spacing={2}>
          <Grid size={{ xs: 6, md: 2 }}>
            <Pair label={l('version')}>{d.ruleset.version ?? '—'}</Pair>
          </Grid>
          <Grid size={{ xs: 12, md: 5 }}>
            <Pair label={l('hash')}>
              <Box component="span" sx={{ fontFamily: 'monospace', fontSize: 12 }}>
                {d.ruleset.hash}
              </Box>
            </Pair>
          </Grid>
          <Grid size={{ xs: 6, md: 2 }}>
            <Pair label={l('engineVersion')}>{d.engineVersion}</Pair>
          </Grid>
          <Grid size={{ xs: 6, md: 3 }}>
            <Pair label={l('timing')}>{`${d.timingMs.toFixed(2)} ms`}</Pair>
          </Grid>
        </Grid>
      </Section>

      {mayReplay && (
        <Section title={translate('resources.decisions.replay.title')}>
          <Suspense fallback={<Loading />}>
            <Replay decision={d} />
          </Suspense>
        </Section>
      )}

      <Section title={s('trace')}>
        <Suspense fallback={<Loading />}>
          <Trace trace={d.trace} version={d.ruleset.version} />
        </Suspense>
      </Section>

      <Accordion variant="outlined" disableGutters>
        <AccordionSummary expandIcon={<ExpandMoreIcon />}>
          <Typography>{s('raw')}</Typography>
        </AccordionSummary>
        <AccordionDetails>
          <Box component="pre" sx={{ m: 0, fontSize: 12, maxHeight: 480, overflow: 'auto' }}>
            {JSON.stringify(d, null, 2)}
          </Box>
        </AccordionDetails>
      </Accordion>
    </Stack>
  );
}

export default function DecisionShow() {
  return (
    <Show actions={false} sx={{ '& .RaShow-card': { bgcolor: 'transparent', boxShadow: 'none' } }}>
      <DecisionView />
    </Show>
  );
}
