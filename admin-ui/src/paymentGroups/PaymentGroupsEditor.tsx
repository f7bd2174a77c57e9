/**
 * A document's payment groups and postings on its page (the KP guide: an invoice that touches
 * several cases has its lines posted in separate *betalingsgrupper*). While the document awaits
 * manual processing a caseworker moves a line to another group or a new one from the line's menu
 * (or drags it there with the pointer, @dnd-kit) and may change a group's case type (its account
 * follows); the sums and postings follow at once
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
import {
  DndContext,
  MeasuringStrategy,
  PointerSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type DragEndEvent,
} from '@dnd-kit/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type ReactNode } from 'react';
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

/** How far the pointer moves before a press becomes a drag. */
const DRAG_DISTANCE = 6;

/** A line's chip: a click opens its menu; dragged (by the pointer) it moves to the group it is dropped on. */
function LineChip({
  id,
  from,
  label,
  title,
  ariaLabel,
  onOpen,
}: {
  id: string;
  from: number;
  label: string;
  title?: string;
  ariaLabel: string;
  onOpen: (anchor: HTMLElement) => void;
}) {
  const { listeners, setNodeRef, transform, isDragging } = useDraggable({
    id: `line:${id}`,
    data: { line: id, from },
  });
  // the click that ends a drag (the pointer moved) must not open the menu; a keyboard click does
  const down = useRef<{ x: number; y: number } | null>(null);
  return (
    <Chip
      ref={setNodeRef}
      {...listeners}
      onPointerDown={(e) => {
        down.current = { x: e.clientX, y: e.clientY };
        listeners?.onPointerDown?.(e);
      }}
      size="small"
      variant="outlined"
      label={label}
      title={title}
      onClick={(e) => {
        const d = down.current;
        down.current = null;
        const moved = d && e.detail > 0 && Math.hypot(e.clientX - d.x, e.clientY - d.y) >= DRAG_DISTANCE;
        if (!moved) onOpen(e.currentTarget);
      }}
      aria-label={ariaLabel}
      aria-haspopup="menu"
      sx={{
        cursor: 'grab',
        touchAction: 'none',
        ...(transform
          ? { transform: `translate(${transform.x}px, ${transform.y}px)`, zIndex: 2, position: 'relative' }
          : {}),
        ...(isDragging ? { boxShadow: 3, bgcolor: 'background.paper', cursor: 'grabbing' } : {}),
      }}
    />
  );
}

/** Where a dragged line can be dropped: a group's lines, or the zone for a new group. */
function DropZone({ id, children, dashed }: { id: string; children: ReactNode; dashed?: boolean }) {
  const { setNodeRef, isOver } = useDroppable({ id });
  return (
    <Box
      ref={setNodeRef}
      data-drop={id}
      sx={{
        minHeight: 28,
        borderRadius: 1,
        p: 0.25,
        outline: isOver || dashed ? '1px dashed' : 'none',
        outlineColor: isOver ? 'primary.main' : 'divider',
        bgcolor: isOver ? 'action.hover' : 'transparent',
      }}
    >
      {children}
    </Box>
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
  annulled = false,
}: {
  documentId: string;
  lines: Line[];
  caseTypes: CaseType[];
  /** Service number → case type code (the deciding version's). */
  serviceCaseType: Map<string, string | undefined>;
  editable: boolean;
  /** The invoice was annulled (split): its postings are not paid; its parts' are. */
  annulled?: boolean;
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
  const [dragging, setDragging] = useState(false);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: DRAG_DISTANCE } }));
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

  const moveTo = (line: string, target: MoveTarget) => {
    setDraft(moveLine(current, line, target));
    setErrors([]);
  };
  const move = (target: MoveTarget) => {
    if (!menu) return;
    moveTo(menu.line, target);
    setMenu(null);
  };
  const onDragEnd = (e: DragEndEvent) => {
    setDragging(false);
    const { line, from } = (e.active.data.current ?? {}) as { line?: string; from?: number };
    const over = e.over?.id;
    if (line === undefined || from === undefined || typeof over !== 'string') return;
    if (over === 'new') moveTo(line, newGroupFor(line, from));
    else {
      const to = Number(over.replace('group:', ''));
      if (to !== from) moveTo(line, to);
    }
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

  const renderLines = (g: GroupDraft, i: number) => {
    const chips = (
      <Stack direction="row" useFlexGap spacing={0.75} sx={{ flexWrap: 'wrap' }}>
        {g.lines.map((id) => {
          const l = lineById.get(id);
          const label = `${t('line', { id })}${l?.serviceNumber ? ` · ${l.serviceNumber}` : ''}`;
          return editable ? (
            <LineChip
              key={id}
              id={id}
              from={i}
              label={label}
              title={l?.description}
              ariaLabel={t('moveLine', { id })}
              onOpen={(anchor) => setMenu({ anchor, line: id, from: i })}
            />
          ) : (
            <Chip key={id} size="small" variant="outlined" label={label} title={l?.description} />
          );
        })}
      </Stack>
    );
    return editable ? <DropZone id={`group:${i}`}>{chips}</DropZone> : chips;
  };

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
            <DndContext
              sensors={sensors}
              measuring={{ droppable: { strategy: MeasuringStrategy.Always } }}
              onDragStart={() => setDragging(true)}
              onDragCancel={() => setDragging(false)}
              onDragEnd={onDragEnd}
            >
              <GroupsTable
                groups={shownGroups}
                empty={t('none')}
                labelledBy="groups"
                caseTypeName={caseTypeName}
                renderLines={renderLines}
                renderCaseType={renderCaseType}
              />
              {dragging ? (
                <Box sx={{ mt: 1 }}>
                  <DropZone id="new" dashed>
                    <Typography variant="body2" color="text.secondary" sx={{ p: 1, textAlign: 'center' }}>
                      {t('dropNew')}
                    </Typography>
                  </DropZone>
                </Box>
              ) : null}
            </DndContext>
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
          {annulled ? (
            <Alert severity="info" sx={{ mb: 1 }}>
              {t('annulled')}
            </Alert>
          ) : null}
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
