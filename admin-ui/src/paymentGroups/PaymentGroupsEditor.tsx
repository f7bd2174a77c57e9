/**
 * A document's payment groups and postings on its page (the KP guide: an invoice that touches
 * several cases has its lines posted in separate *betalingsgrupper*). While the document awaits
 * manual processing a caseworker moves a line to another group or a new one from the line's menu
 * and may change a group's case type (its account follows); the sums and postings follow at once
 * and are stored with *Gem betalingsgrupper* (PUT …/payment-groups). Once the document is approved
 * or rejected the groups are what was posted and are only shown.
 */
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  Grid,
  ListSubheader,
  Menu,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { HttpError, useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin';
import type { RegelvaerkDataProvider } from '../dataProvider';
import { useDkk } from '../layout/money';
import { moveLine, previewGroups, sameGroups, totalOf, type GroupDraft, type MoveTarget } from './model';
import { GroupsTable, PostingsTable } from './Tables';

interface Line {
  id: string;
  serviceNumber: string | null;
  description?: string;
  netAmount: string;
  vatAmount: string;
}

interface CaseType {
  code: string;
  name: string;
  account?: string;
}

interface GroupsView {
  changed: boolean;
  groups: { caseType: string | null; account: string; lines: string[]; amount: string }[];
  postings: { account: string; amount: string }[];
}

function Section({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <Card variant="outlined" component="section" aria-labelledby={id} sx={{ height: '100%' }}>
      <CardContent>
        <Typography variant="h6" component="h2" id={id} gutterBottom>
          {title}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
}

export function usePaymentGroups(documentId: string, enabled = true) {
  const dp = useDataProvider<RegelvaerkDataProvider>();
  return useQuery({
    queryKey: ['regelvaerk', 'payment-groups', documentId],
    enabled,
    queryFn: async ({ signal }) =>
      (await dp.api<GroupsView>('GET', `documents/${documentId}/payment-groups`, undefined, { signal })).json,
  });
}

export function PaymentGroupsEditor({
  documentId,
  lines,
  caseTypes,
  serviceCaseType,
  editable,
}: {
  documentId: string;
  lines: Line[];
  caseTypes: CaseType[];
  /** Service number → case type code (the deciding version's). */
  serviceCaseType: Map<string, string | undefined>;
  editable: boolean;
}) {
  const translate = useTranslate();
  const dkk = useDkk();
  const dp = useDataProvider<RegelvaerkDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const queryClient = useQueryClient();
  const { data: view, error: loadError } = usePaymentGroups(documentId);
  const [draft, setDraft] = useState<GroupDraft[] | null>(null);
  const [menu, setMenu] = useState<{ anchor: HTMLElement; line: string; from: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const t = (k: string, o?: object) => translate(`paymentGroups.${k}`, o);
  const caseTypeByCode = new Map(caseTypes.map((c) => [c.code, c]));
  const caseTypeName = (code: string) => caseTypeByCode.get(code)?.name ?? code;
  const saved: GroupDraft[] = (view?.groups ?? []).map((g) => ({
    caseType: g.caseType,
    account: g.account,
    lines: g.lines,
  }));
  const current = draft ?? saved;
  const dirty = draft !== null && !sameGroups(draft, saved);
  const preview = previewGroups(lines, current);
  const shownGroups = current.map((g, i) => ({ ...g, amount: preview.groups[i]?.amount ?? '0.00' }));
  const postings = dirty ? preview.postings : (view?.postings ?? []);
  const lineById = new Map(lines.map((l) => [l.id, l]));
  const groupLabel = (g: GroupDraft, i: number) =>
    t('groupN', {
      n: i + 1,
      caseType: g.caseType ? caseTypeName(g.caseType) : '—',
      account: g.account || '—',
    });

  const move = (target: MoveTarget) => {
    if (!menu) return;
    setDraft(moveLine(current, menu.line, target));
    setMenu(null);
    setErrors([]);
  };
  /** A new group for a line: the case type (and account) its service number has, else its group's. */
  const newGroupFor = (line: string, from: number): { caseType: string | null; account: string } => {
    const code = lineById.get(line)?.serviceNumber;
    const own = code ? serviceCaseType.get(code) : undefined;
    const ct = own ? caseTypeByCode.get(own) : undefined;
    const source = current[from];
    return ct?.account
      ? { caseType: ct.code, account: ct.account }
      : { caseType: source?.caseType ?? null, account: source?.account ?? '' };
  };

  const setCaseType = (i: number, code: string) => {
    const ct = caseTypeByCode.get(code);
    setDraft(
      current.map((g, k) => (k === i ? { ...g, caseType: code, account: ct?.account ?? g.account } : g)),
    );
  };

  const save = async () => {
    setBusy(true);
    setErrors([]);
    try {
      const res = await dp.api<GroupsView>('PUT', `documents/${documentId}/payment-groups`, {
        groups: current.map((g) => ({ caseType: g.caseType, account: g.account, lines: g.lines })),
      });
      queryClient.setQueryData(['regelvaerk', 'payment-groups', documentId], res.json);
      setDraft(null);
      notify('paymentGroups.saved', { type: 'success' });
      refresh();
    } catch (err) {
      const problems =
        err instanceof HttpError ? (err.body?.errors as Record<string, string> | undefined) : undefined;
      setErrors(
        problems ? [...new Set(Object.values(problems))] : [err instanceof Error ? err.message : String(err)],
      );
    } finally {
      setBusy(false);
    }
  };

  const renderLines = (g: GroupDraft, i: number) => (
    <Stack direction="row" useFlexGap spacing={0.75} sx={{ flexWrap: 'wrap' }}>
      {g.lines.map((id) => {
        const l = lineById.get(id);
        const label = `${t('line', { id })}${l?.serviceNumber ? ` · ${l.serviceNumber}` : ''}`;
        return editable ? (
          <Chip
            key={id}
            size="small"
            variant="outlined"
            label={label}
            onClick={(e) => setMenu({ anchor: e.currentTarget, line: id, from: i })}
            aria-label={t('moveLine', { id })}
            aria-haspopup="menu"
            title={l?.description}
          />
        ) : (
          <Chip key={id} size="small" variant="outlined" label={label} title={l?.description} />
        );
      })}
    </Stack>
  );

  const renderCaseType = (g: GroupDraft, i: number) =>
    editable && caseTypes.length ? (
      <TextField
        select
        size="small"
        variant="standard"
        value={g.caseType ?? ''}
        onChange={(e) => setCaseType(i, e.target.value)}
        slotProps={{ htmlInput: { 'aria-label': t('caseTypeOf', { n: i + 1 }) } }}
        sx={{
          width: 240,
          '& .MuiInputBase-root .MuiSelect-select': { typography: 'body2', whiteSpace: 'normal' },
        }}
      >
        {caseTypes.map((c) => (
          <MenuItem key={c.code} value={c.code}>
            {c.name}
          </MenuItem>
        ))}
      </TextField>
    ) : g.caseType ? (
      caseTypeName(g.caseType)
    ) : (
      '—'
    );

  const changedBefore = view?.changed ?? false;
  return (
    <Grid container spacing={2}>
      <Grid size={{ xs: 12, xl: 7 }}>
        <Section title={changedBefore || dirty ? t('title') : t('proposed')} id="groups">
          {loadError ? <Alert severity="warning">{t('loadFailed')}</Alert> : null}
          {view ? (
            <GroupsTable
              groups={shownGroups}
              empty={t('none')}
              labelledBy="groups"
              caseTypeName={caseTypeName}
              renderLines={renderLines}
              renderCaseType={renderCaseType}
            />
          ) : null}
          {view && editable && shownGroups.length > 0 ? (
            <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }}>
              {t('hint')}
            </Typography>
          ) : null}
          {errors.length ? (
            <Alert severity="error" sx={{ mt: 1 }}>
              {errors.join(' ')}
            </Alert>
          ) : null}
          {dirty ? (
            <Stack direction="row" spacing={1} sx={{ mt: 1.5 }}>
              <Button variant="contained" size="small" onClick={() => void save()} disabled={busy}>
                {t('save')}
              </Button>
              <Button size="small" onClick={() => (setDraft(null), setErrors([]))} disabled={busy}>
                {t('undo')}
              </Button>
            </Stack>
          ) : null}
          <Menu
            anchorEl={menu?.anchor ?? null}
            open={!!menu}
            onClose={() => setMenu(null)}
            slotProps={{ list: { 'aria-label': menu ? t('moveLine', { id: menu.line }) : undefined } }}
          >
            {menu ? <ListSubheader>{t('moveTo', { id: menu.line })}</ListSubheader> : null}
            {menu
              ? current.map((g, j) =>
                  j === menu.from ? null : (
                    <MenuItem key={j} onClick={() => move(j)}>
                      {groupLabel(g, j)}
                    </MenuItem>
                  ),
                )
              : null}
            {menu ? (
              <MenuItem onClick={() => move(newGroupFor(menu.line, menu.from))}>{t('newGroup')}</MenuItem>
            ) : null}
          </Menu>
        </Section>
      </Grid>
      <Grid size={{ xs: 12, xl: 5 }}>
        <Section title={changedBefore || dirty ? t('postings') : t('proposedPostings')} id="postings">
          {view ? <PostingsTable postings={postings} empty={t('noPostings')} labelledBy="postings" /> : null}
          {dirty ? (
            <Typography variant="caption" color="warning.main" component="p" sx={{ mt: 1 }}>
              {t('unsaved')}
            </Typography>
          ) : view && postings.length ? (
            <Box sx={{ mt: 1 }}>
              <Typography variant="caption" color="text.secondary">
                {t('total', { amount: dkk(totalOf(postings)) })}
              </Typography>
            </Box>
          ) : null}
        </Section>
      </Grid>
    </Grid>
  );
}
