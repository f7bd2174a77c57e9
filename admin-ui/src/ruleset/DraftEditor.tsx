/**
 * The draft editor (/ruleset/draft): tabs Indstillinger, Ydelsesnumre, Sagstyper, Fravalgte
 * leverandører, Afvisningsårsager, Manuelle årsager, Regler. Edits stay in the browser (also an
 * invalid draft) and are validated as one edits (POST …/draft/validate, nothing saved); Gem saves
 * (422 → the pointers mark the fields; 409 → someone else saved: Genindlæs); Udgiv publishes.
 * Leaving with unsaved edits asks first.
 */
import PublishIcon from '@mui/icons-material/Publish';
import SaveIcon from '@mui/icons-material/Save';
import {
  Alert,
  Badge,
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  Tab,
  Tabs,
  Typography,
} from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { HttpError, Loading, Title, useBlocker, useNotify, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { useApi, useCan, useCatalogue, useLocale, useOverview } from './hooks';
import { actorName } from '../layout/actor';
import {
  countUnder,
  formatDateTime,
  issueMap,
  type Draft,
  type Issue,
  type RulesetDocument,
  type Validation,
} from './model';
import { PublishDialog, type PublishResult } from './PublishDialog';
import { RulesTab } from './RulesTab';
import { SettingsTab } from './SettingsTab';
import { TableGrid, type ColumnSpec } from './TableGrid';

type Item = Record<string, unknown>;

const TABLES: { name: string; columns: ColumnSpec[]; newItem: () => Item }[] = [
  {
    name: 'serviceNumbers',
    columns: [
      { field: 'code', type: 'string', width: 110 },
      { field: 'description', type: 'string', flex: 2 },
      { field: 'caseType', type: 'select', width: 200 },
      { field: 'maxAmount', type: 'money', width: 170 },
      { field: 'automatic', type: 'boolean', width: 110 },
      { field: 'vatAllowed', type: 'boolean', width: 110 },
      { field: 'account', type: 'string', width: 130 },
    ],
    newItem: () => ({
      code: '',
      description: '',
      caseType: '',
      maxAmount: null,
      automatic: true,
      vatAllowed: false,
    }),
  },
  {
    name: 'caseTypes',
    columns: [
      { field: 'code', type: 'string', width: 200 },
      { field: 'name', type: 'string', flex: 1 },
      { field: 'kind', type: 'select', options: ['almindelig', 'udvidet', 'personligt'], width: 130 },
      { field: 'account', type: 'string', width: 130 },
      { field: 'manualAction', type: 'string', width: 240 },
      { field: 'description', type: 'string', flex: 1 },
    ],
    newItem: () => ({ code: '', name: '', kind: 'almindelig' }),
  },
  {
    name: 'supplierOptOuts',
    columns: [
      { field: 'supplier', type: 'string', width: 160 },
      { field: 'name', type: 'string', flex: 1 },
      { field: 'reason', type: 'string', flex: 1 },
      { field: 'from', type: 'date', width: 130 },
      { field: 'until', type: 'nullableDate', width: 130 },
    ],
    newItem: () => ({ supplier: '', from: new Date().toISOString().slice(0, 10), until: null }),
  },
  {
    name: 'rejectionReasons',
    columns: [
      { field: 'code', type: 'string', width: 240 },
      { field: 'text', type: 'string', flex: 2 },
      { field: 'textEn', type: 'string', flex: 1 },
      { field: 'active', type: 'boolean', width: 90 },
      { field: 'manualOnly', type: 'boolean', width: 150 },
    ],
    newItem: () => ({ code: '', text: '', active: true }),
  },
  {
    name: 'manualReasons',
    columns: [
      { field: 'code', type: 'string', width: 260 },
      { field: 'text', type: 'string', flex: 2 },
      { field: 'textEn', type: 'string', flex: 1 },
      { field: 'active', type: 'boolean', width: 90 },
    ],
    newItem: () => ({ code: '', text: '', active: true }),
  },
];

const TAB_NAMES = ['settings', ...TABLES.map((t) => t.name), 'rules'] as const;
const EMPTY: Validation = { valid: true, errors: [], warnings: [] };

interface Stale {
  message: string;
}

export default function DraftEditor() {
  const translate = useTranslate();
  const locale = useLocale();
  const api = useApi();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const canWrite = useCan('ruleset:write');
  const canPublish = useCan('ruleset:publish');
  const catalogue = useCatalogue();
  const overview = useOverview();

  const [draft, setDraft] = useState<Draft | null>(null);
  const [missing, setMissing] = useState(false);
  const [doc, setDoc] = useState<RulesetDocument | null>(null);
  const [dirty, setDirty] = useState(false);
  const [validation, setValidation] = useState<Validation>(EMPTY);
  const [tab, setTab] = useState(0);
  const [saving, setSaving] = useState(false);
  const [stale, setStale] = useState<Stale | null>(null);
  const [publishing, setPublishing] = useState(false);
  const [awaiting, setAwaiting] = useState<PublishResult | null>(null);
  const validateTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const validateAbort = useRef<AbortController | null>(null);

  const apply = useCallback((d: Draft) => {
    setDraft(d);
    setDoc(d.document);
    setValidation(d.validation ?? EMPTY);
    setDirty(false);
    setStale(null);
    setMissing(false);
  }, []);
  const fail = useCallback(
    (err: unknown) => {
      if (err instanceof HttpError && err.status === 404) setMissing(true);
      else notify((err as Error).message, { type: 'error' });
    },
    [notify],
  );
  const load = useCallback(
    () =>
      api.api<Draft>('GET', 'ruleset/draft').then(
        (res) => apply(res.json),
        (err: unknown) => fail(err),
      ),
    [api, apply, fail],
  );

  useEffect(() => {
    void load();
  }, [load]);

  // Validate as one edits (debounced; nothing is saved).
  const validate = useCallback(
    (next: RulesetDocument) => {
      if (validateTimer.current) clearTimeout(validateTimer.current);
      validateTimer.current = setTimeout(() => {
        validateAbort.current?.abort();
        const ctl = new AbortController();
        validateAbort.current = ctl;
        api
          .api<Validation>('POST', 'ruleset/draft/validate', { document: next }, { signal: ctl.signal })
          .then((res) => setValidation(res.json))
          .catch((err: unknown) => {
            if ((err as Error).name !== 'AbortError') notify((err as Error).message, { type: 'error' });
          });
      }, 400);
    },
    [api, notify],
  );

  const edit = useCallback(
    (next: RulesetDocument) => {
      setDoc(next);
      setDirty(true);
      validate(next);
    },
    [validate],
  );

  // Leaving with unsaved edits asks first (in the console, and when closing the tab).
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const save = async () => {
    if (!draft || !doc) return;
    setSaving(true);
    try {
      const res = await api.api<{
        revision: number;
        updatedAt: string;
        updatedBy: string;
        validation: Validation;
      }>('PUT', 'ruleset/draft', { revision: draft.revision, document: doc });
      setDraft({ ...draft, ...res.json, document: doc });
      setValidation(res.json.validation);
      setDirty(false);
      notify('ruleset.editor.saved', { type: 'success', messageArgs: { revision: res.json.revision } });
      void queryClient.invalidateQueries({ queryKey: ['ruleset'] });
    } catch (err) {
      if (err instanceof HttpError && err.status === 409) {
        setStale({ message: err.message });
      } else if (err instanceof HttpError && err.status === 422) {
        const body = err.body as { problems?: Issue[]; warnings?: Issue[] };
        setValidation({
          valid: false,
          errors: body.problems ?? [],
          warnings: body.warnings ?? validation.warnings,
        });
        notify('ruleset.editor.notSaved', { type: 'error' });
      } else notify((err as Error).message, { type: 'error' });
    } finally {
      setSaving(false);
    }
  };

  const errors = useMemo(() => issueMap(validation.errors, locale), [validation.errors, locale]);
  const warnings = useMemo(() => issueMap(validation.warnings, locale), [validation.warnings, locale]);
  const caseTypeCodes = useMemo(
    () => ((doc?.caseTypes as { code: string }[] | undefined) ?? []).map((c) => c.code),
    [doc?.caseTypes],
  );
  const tables = useMemo(
    () =>
      TABLES.map((t) =>
        t.name === 'serviceNumbers'
          ? {
              ...t,
              columns: t.columns.map((c) => (c.field === 'caseType' ? { ...c, options: caseTypeCodes } : c)),
            }
          : t,
      ),
    [caseTypeCodes],
  );
  const onTable = useMemo(
    () =>
      Object.fromEntries(
        TABLES.map((t) => [t.name, (items: Item[]) => doc && edit({ ...doc, [t.name]: items })]),
      ),
    [doc, edit],
  );

  if (missing)
    return (
      <Box sx={{ mt: 2 }}>
        <Title title={translate('ruleset.editor.title')} />
        <Alert
          severity="info"
          action={
            <Button component={Link} to="/ruleset">
              {translate('menu.ruleset')}
            </Button>
          }
        >
          {translate('ruleset.editor.noDraft')}
        </Alert>
      </Box>
    );
  if (!draft || !doc || !catalogue.data) return <Loading />;

  const readOnly = !canWrite;
  const tabErrors = (name: string) =>
    name === 'settings'
      ? ['/name', '/description', '/settings', '/intake', '/creditNotes', '/reminders', '/governance'].reduce(
          (n, p) => n + countUnder(validation.errors, p),
          0,
        )
      : countUnder(validation.errors, `/${name}`);
  const current = TAB_NAMES[tab] ?? 'settings';
  const table = tables.find((t) => t.name === current);
  const requireApproval = overview.data?.requireApproval ?? false;

  return (
    <Box sx={{ mt: 1 }}>
      <Title title={translate('ruleset.editor.title')} />
      <Stack direction="row" spacing={2} alignItems="center" justifyContent="space-between" sx={{ mb: 1 }}>
        <Stack>
          <Typography variant="body2" color="text.secondary">
            {translate('ruleset.editor.line', {
              revision: draft.revision,
              by: actorName(draft.updatedBy),
              at: formatDateTime(draft.updatedAt, locale),
            })}
            {draft.basedOn
              ? ` · ${translate('ruleset.editor.basedOn', { template: draft.basedOn.template, version: draft.basedOn.version })}`
              : ''}
          </Typography>
        </Stack>
        <Stack direction="row" spacing={1} alignItems="center">
          {dirty && <Chip color="warning" label={translate('ruleset.editor.unsaved')} />}
          {!validation.valid && <Chip color="error" label={translate('ruleset.editor.invalid')} />}
          {canWrite && (
            <Button
              variant="contained"
              startIcon={<SaveIcon />}
              disabled={!dirty || saving}
              onClick={() => void save()}
            >
              {translate('ruleset.editor.save')}
            </Button>
          )}
          {canPublish && (
            <Button
              variant="outlined"
              startIcon={<PublishIcon />}
              disabled={dirty || !validation.valid}
              title={dirty ? translate('ruleset.editor.saveFirst') : undefined}
              onClick={() => setPublishing(true)}
            >
              {translate('ruleset.publish.action')}
            </Button>
          )}
        </Stack>
      </Stack>

      {stale && (
        <Alert
          severity="warning"
          sx={{ mb: 1 }}
          action={
            <Button color="inherit" onClick={() => void load()}>
              {translate('ruleset.editor.reload')}
            </Button>
          }
        >
          {translate('ruleset.editor.stale')}
        </Alert>
      )}
      {awaiting?.kind === 'request' && (
        <Alert severity="info" sx={{ mb: 1 }}>
          {translate('ruleset.publish.awaiting', { by: actorName(awaiting.request.requestedBy) })}
        </Alert>
      )}
      {overview.data?.pendingRequest && !awaiting && (
        <Alert severity="info" sx={{ mb: 1 }}>
          {translate('ruleset.publish.pendingExists', {
            by: actorName(overview.data.pendingRequest.requestedBy),
          })}
        </Alert>
      )}
      {readOnly && (
        <Alert severity="info" sx={{ mb: 1 }}>
          {translate('ruleset.editor.readOnly')}
        </Alert>
      )}

      <Tabs value={tab} onChange={(_, v: number) => setTab(v)} variant="scrollable" sx={{ mb: 2 }}>
        {TAB_NAMES.map((name) => {
          const n = tabErrors(name);
          return (
            <Tab
              key={name}
              label={
                <Badge color="error" badgeContent={n} invisible={n === 0}>
                  <Box sx={{ pr: n ? 1.5 : 0 }}>{translate(`ruleset.tabs.${name}`)}</Box>
                </Badge>
              }
            />
          );
        })}
      </Tabs>

      {current === 'settings' && (
        <SettingsTab doc={doc} errors={errors} warnings={warnings} readOnly={readOnly} onChange={edit} />
      )}
      {table && (
        <TableGrid
          key={table.name}
          name={table.name}
          items={(doc[table.name] as Item[] | undefined) ?? []}
          columns={table.columns}
          errors={errors}
          warnings={warnings}
          issues={validation}
          readOnly={readOnly}
          newItem={table.newItem}
          onChange={onTable[table.name]!}
        />
      )}
      {current === 'rules' && (
        <RulesTab
          doc={doc}
          catalogue={catalogue.data}
          issues={validation}
          readOnly={readOnly}
          onChange={edit}
        />
      )}

      {publishing && (
        <PublishDialog
          revision={draft.revision}
          requireApproval={requireApproval}
          onClose={() => setPublishing(false)}
          onDone={(result) => {
            setPublishing(false);
            void queryClient.invalidateQueries({ queryKey: ['ruleset'] });
            if (result.kind === 'version') {
              notify('ruleset.publish.published', {
                type: 'success',
                messageArgs: { version: result.version },
              });
              setDraft(null);
              setMissing(true);
            } else {
              setAwaiting(result);
              notify('ruleset.publish.requested', { type: 'info' });
            }
          }}
        />
      )}

      <Dialog open={blocker.state === 'blocked'} onClose={() => blocker.reset?.()}>
        <DialogTitle>{translate('ruleset.editor.leaveTitle')}</DialogTitle>
        <DialogContent>{translate('ruleset.editor.leaveBody')}</DialogContent>
        <DialogActions>
          <Button onClick={() => blocker.reset?.()}>{translate('ruleset.editor.stay')}</Button>
          <Button color="error" onClick={() => blocker.proceed?.()}>
            {translate('ruleset.editor.leave')}
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}
