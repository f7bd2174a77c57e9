/**
 * The differences between two versions, or a version and the draft: GET …/ruleset/diff gives each
 * change in words (Danish and English), shown as a readable list; the JSON diff of the two
 * documents beside it (lazy-loaded).
 */
import AddCircleOutlineIcon from '@mui/icons-material/AddCircleOutline';
import EditOutlinedIcon from '@mui/icons-material/EditOutlined';
import RemoveCircleOutlineIcon from '@mui/icons-material/RemoveCircleOutline';
import {
  Alert,
  Box,
  Card,
  CardContent,
  CircularProgress,
  List,
  ListItem,
  ListItemIcon,
  ListItemText,
  MenuItem,
  Stack,
  Tab,
  Tabs,
  TextField,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Suspense, lazy, useState } from 'react';
import { useDataProvider, useLocaleState, useTranslate } from 'react-admin';
import type { RegelvaerkDataProvider } from '../dataProvider';

const JsonDiff = lazy(() => import('./JsonDiff'));

export interface Change {
  path: string;
  op: 'add' | 'remove' | 'replace' | 'move';
  before?: unknown;
  after?: unknown;
  text?: { da: string; en: string };
}

const ICON = {
  add: <AddCircleOutlineIcon color="success" />,
  remove: <RemoveCircleOutlineIcon color="error" />,
  replace: <EditOutlinedIcon color="warning" />,
  move: <EditOutlinedIcon color="action" />,
};

/** A version number, or 'draft'. */
export type Ref = string;

function useDocument(ref: Ref) {
  const dataProvider = useDataProvider<RegelvaerkDataProvider>();
  return useQuery({
    queryKey: ['regelvaerk', 'ruleset-document', ref],
    queryFn: async () =>
      (
        await dataProvider.api<{ document: unknown }>(
          'GET',
          ref === 'draft' ? 'ruleset/draft' : `ruleset/versions/${encodeURIComponent(ref)}`,
        )
      ).json.document,
    staleTime: ref === 'draft' ? 0 : Infinity,
  });
}

function JsonView({ from, to }: { from: Ref; to: Ref }) {
  const left = useDocument(from);
  const right = useDocument(to);
  if (left.isPending || right.isPending) return <CircularProgress size={24} />;
  if (left.isError || right.isError)
    return <Alert severity="error">{(left.error ?? right.error)?.message}</Alert>;
  return (
    <Suspense fallback={<CircularProgress size={24} />}>
      <JsonDiff left={left.data} right={right.data} />
    </Suspense>
  );
}

export function VersionDiff({
  version,
  versions,
  hasDraft,
}: {
  version: number;
  versions: number[];
  hasDraft: boolean;
}) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const dataProvider = useDataProvider<RegelvaerkDataProvider>();
  // By default: the previous version → this one; for the first, this one → the next (or the draft).
  const earlier = versions.filter((v) => v < version).sort((a, b) => b - a);
  const later = versions.filter((v) => v > version).sort((a, b) => a - b);
  const [from, setFrom] = useState<Ref>(String(earlier[0] ?? version));
  const [to, setTo] = useState<Ref>(
    earlier.length ? String(version) : later.length ? String(later[0]) : hasDraft ? 'draft' : String(version),
  );
  const [view, setView] = useState<'list' | 'json'>('list');
  const same = from === to;
  const diff = useQuery({
    queryKey: ['regelvaerk', 'ruleset-diff', from, to],
    queryFn: async () =>
      (await dataProvider.api<Change[]>('GET', 'ruleset/diff', undefined, { query: { from, to } })).json,
    enabled: !same,
  });
  const choices = [
    ...[...versions]
      .sort((a, b) => b - a)
      .map((v) => ({ id: String(v), name: translate('resources.versions.diff.version', { version: v }) })),
    ...(hasDraft ? [{ id: 'draft', name: translate('resources.versions.diff.draft') }] : []),
  ];
  const select = (label: string, value: Ref, onChange: (v: Ref) => void) => (
    <TextField
      select
      size="small"
      label={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      sx={{ minWidth: 200 }}
    >
      {choices.map((c) => (
        <MenuItem key={c.id} value={c.id}>
          {c.name}
        </MenuItem>
      ))}
    </TextField>
  );

  return (
    <Card component="section" aria-labelledby="version-diff-title" sx={{ mt: 2 }}>
      <CardContent>
        <Typography id="version-diff-title" variant="h6" component="h2" gutterBottom>
          {translate('resources.versions.diff.title')}
        </Typography>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ mb: 1 }}>
          {select(translate('resources.versions.diff.from'), from, setFrom)}
          {select(translate('resources.versions.diff.to'), to, setTo)}
        </Stack>
        <Tabs value={view} onChange={(_, v: 'list' | 'json') => setView(v)} sx={{ mb: 1 }}>
          <Tab value="list" label={translate('resources.versions.diff.readable')} />
          <Tab value="json" label={translate('resources.versions.diff.json')} />
        </Tabs>
        {same ? (
          <Typography color="text.secondary">{translate('resources.versions.diff.choose_two')}</Typography>
        ) : view === 'json' ? (
          <JsonView from={from} to={to} />
        ) : diff.isPending ? (
          <CircularProgress size={24} />
        ) : diff.isError ? (
          <Alert severity="error">{diff.error.message}</Alert>
        ) : diff.data.length === 0 ? (
          <Typography color="text.secondary">{translate('resources.versions.diff.identical')}</Typography>
        ) : (
          <Box>
            <Typography variant="body2" color="text.secondary">
              {translate('resources.versions.diff.count', { smart_count: diff.data.length })}
            </Typography>
            <List dense aria-label={translate('resources.versions.diff.readable')}>
              {diff.data.map((c, i) => (
                <ListItem key={`${c.path}-${i}`} disableGutters>
                  <ListItemIcon sx={{ minWidth: 36 }}>{ICON[c.op]}</ListItemIcon>
                  <ListItemText
                    primary={c.text?.[locale === 'en' ? 'en' : 'da'] ?? `${c.op} ${c.path}`}
                    secondary={c.path}
                    slotProps={{ secondary: { sx: { fontFamily: 'monospace', fontSize: 12 } } }}
                  />
                </ListItem>
              ))}
            </List>
          </Box>
        )}
      </CardContent>
    </Card>
  );
}
