/**
 * Genafspil: POST …/decisions/:id/replay as recorded, under another version, as of a time or
 * under the draft → identical, or the differences side by side with their cause.
 */
import {
  Alert,
  Box,
  Button,
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
import ReplayIcon from '@mui/icons-material/Replay';
import { useState } from 'react';
import { useDataProvider, useLocaleState, useNotify, useTranslate } from 'react-admin';
import type { RegelvaerkDataProvider } from '../dataProvider';
import { useOverview } from '../ruleset/hooks';
import type { Decision, ReplayResult } from './types';

type Mode = ReplayResult['mode'];

const compact = (v: unknown): string => (v === undefined ? '—' : JSON.stringify(v));

/** Why the replay differs (or what it ran under), in the console's language. */
function useCause() {
  const translate = useTranslate();
  return (r: ReplayResult): string => {
    const o = r.original.ruleset;
    const p = r.replayed.ruleset;
    const causes: string[] = [];
    const t = (key: string, options?: object) => translate(`resources.decisions.replay.${key}`, options);
    if (p.version === null || p.version !== o.version) {
      const target =
        p.version === null
          ? t('underDraft', { revision: p.draft?.revision ?? '?' })
          : t('underVersion', { version: p.version });
      causes.push(t('causeVersion', { target, version: o.version }));
    } else if (p.hash !== o.hash) {
      causes.push(t('causeHash', { version: o.version }));
    }
    if (r.original.engineVersion !== r.replayed.engineVersion) {
      causes.push(t('causeEngine', { stored: r.original.engineVersion, now: r.replayed.engineVersion }));
    }
    if (r.identical) return causes.length ? `${causes.join(' ')} ${t('identicalNonetheless')}` : '';
    if (!causes.length) causes.push(t('causeDefect'));
    return causes.join(' ');
  };
}

function SideBySide({ result }: { result: ReplayResult }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const lang = locale === 'da' ? 'da' : 'en';
  const { original: o, replayed: p } = result;
  const version = (d: { ruleset: { version: number | null; draft?: { revision: number } } }) =>
    d.ruleset.version === null
      ? translate('resources.decisions.replay.underDraft', { revision: d.ruleset.draft?.revision ?? '?' })
      : String(d.ruleset.version);
  const rows: [string, string, string][] = [
    [
      translate('resources.decisions.fields.outcome'),
      translate(`resources.decisions.outcomes.${o.outcome}`),
      translate(`resources.decisions.outcomes.${p.outcome}`),
    ],
    [
      translate('resources.decisions.fields.reasons'),
      o.reasons.map((x) => x.code).join(', ') || '—',
      p.reasons.map((x) => x.code).join(', ') || '—',
    ],
    [
      translate('resources.decisions.section.actions'),
      o.actions.join(', ') || '—',
      p.actions.join(', ') || '—',
    ],
    [
      translate('resources.decisions.section.paymentGroups'),
      o.paymentGroups.map((g) => `${g.account ?? '—'}: ${g.amount}`).join('; ') || '—',
      p.paymentGroups.map((g) => `${g.account ?? '—'}: ${g.amount}`).join('; ') || '—',
    ],
    [translate('resources.decisions.section.explanation'), o.explanation[lang], p.explanation[lang]],
    [translate('resources.decisions.label.version'), version(o), version(p)],
    [translate('resources.decisions.label.hash'), o.ruleset.hash, p.ruleset.hash],
    [translate('resources.decisions.label.engineVersion'), o.engineVersion, p.engineVersion],
  ];
  return (
    <Table size="small" aria-label={translate('resources.decisions.replay.title')}>
      <TableHead>
        <TableRow>
          <TableCell>{translate('resources.decisions.replay.field')}</TableCell>
          <TableCell>{translate('resources.decisions.replay.original')}</TableCell>
          <TableCell>{translate('resources.decisions.replay.replayed')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map(([field, before, after]) => {
          const changed = before !== after;
          return (
            <TableRow key={field} sx={changed ? { bgcolor: 'rgba(237, 108, 2, 0.10)' } : undefined}>
              <TableCell sx={{ fontWeight: changed ? 600 : undefined, whiteSpace: 'nowrap' }}>
                {field}
              </TableCell>
              <TableCell sx={{ wordBreak: 'break-word' }}>{before}</TableCell>
              <TableCell sx={{ wordBreak: 'break-word', fontWeight: changed ? 600 : undefined }}>
                {after}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

function Differences({ result }: { result: ReplayResult }) {
  const translate = useTranslate();
  return (
    <Box sx={{ maxHeight: 360, overflow: 'auto', border: 1, borderColor: 'divider', borderRadius: 1 }}>
      <Table size="small" stickyHeader aria-label={translate('resources.decisions.replay.differences')}>
        <TableHead>
          <TableRow>
            <TableCell>{translate('resources.decisions.replay.path')}</TableCell>
            <TableCell>{translate('resources.decisions.replay.before')}</TableCell>
            <TableCell>{translate('resources.decisions.replay.after')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {result.differences.map((d, i) => (
            <TableRow key={i}>
              <TableCell sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{d.path}</TableCell>
              <TableCell
                sx={{ fontFamily: 'monospace', bgcolor: 'rgba(211, 47, 47, 0.08)', wordBreak: 'break-all' }}
              >
                {compact(d.before)}
              </TableCell>
              <TableCell
                sx={{ fontFamily: 'monospace', bgcolor: 'rgba(46, 125, 50, 0.10)', wordBreak: 'break-all' }}
              >
                {compact(d.after)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

export default function Replay({ decision }: { decision: Decision }) {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider<RegelvaerkDataProvider>();
  const overview = useOverview().data;
  const cause = useCause();
  const [mode, setMode] = useState<Mode>('recorded');
  const [version, setVersion] = useState<number | ''>('');
  const [asOf, setAsOf] = useState('');
  const [result, setResult] = useState<ReplayResult | null>(null);
  const [busy, setBusy] = useState(false);
  const t = (key: string, options?: object) => translate(`resources.decisions.replay.${key}`, options);
  const modes: Mode[] = ['recorded', 'version', 'asOf', ...(overview?.draft ? (['draft'] as const) : [])];
  const ready = mode === 'version' ? version !== '' : mode === 'asOf' ? asOf !== '' : true;

  const run = async () => {
    setBusy(true);
    try {
      const body =
        mode === 'version'
          ? { mode, version }
          : mode === 'asOf'
            ? { mode, asOf: new Date(asOf).toISOString() }
            : { mode };
      const res = await dataProvider.api<ReplayResult>('POST', `decisions/${decision.id}/replay`, body);
      setResult(res.json);
    } catch (e) {
      notify(e instanceof Error ? e.message : String(e), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  const why = result ? cause(result) : '';
  return (
    <Stack spacing={2}>
      <Typography variant="body2" color="text.secondary">
        {t('helper')}
      </Typography>
      <Stack direction="row" spacing={2} alignItems="center" useFlexGap flexWrap="wrap">
        <TextField
          select
          fullWidth={false}
          size="small"
          label={t('mode')}
          value={mode}
          onChange={(e) => {
            setMode(e.target.value as Mode);
            setResult(null);
          }}
          sx={{ width: 260 }}
        >
          {modes.map((m) => (
            <MenuItem key={m} value={m}>
              {t(m)}
            </MenuItem>
          ))}
        </TextField>
        {mode === 'version' && (
          <TextField
            select
            fullWidth={false}
            size="small"
            label={t('versionLabel')}
            value={version}
            onChange={(e) => setVersion(Number(e.target.value))}
            sx={{ width: 140 }}
          >
            {(overview?.versions ?? []).map((v) => (
              <MenuItem key={v.version} value={v.version}>
                {v.version}
              </MenuItem>
            ))}
          </TextField>
        )}
        {mode === 'asOf' && (
          <TextField
            fullWidth={false}
            size="small"
            type="datetime-local"
            label={t('asOfLabel')}
            value={asOf}
            onChange={(e) => setAsOf(e.target.value)}
            slotProps={{ inputLabel: { shrink: true } }}
          />
        )}
        <Button variant="contained" startIcon={<ReplayIcon />} disabled={!ready || busy} onClick={run}>
          {t('run')}
        </Button>
      </Stack>
      {result && (
        <Stack spacing={2}>
          <Alert severity={result.identical ? 'success' : 'warning'}>
            <Typography variant="body2" sx={{ fontWeight: 600 }}>
              {result.identical ? t('identical') : t('different', { count: result.differences.length })}
            </Typography>
            {why && (
              <Typography variant="body2">
                {t('cause')}: {why}
              </Typography>
            )}
          </Alert>
          <SideBySide result={result} />
          {!result.identical && (
            <>
              <Typography variant="subtitle2">{t('differences')}</Typography>
              <Differences result={result} />
            </>
          )}
        </Stack>
      )}
    </Stack>
  );
}
