/** The upstream changes with their three values (base, theirs, ours), and the municipality's own changes. */
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import {
  Accordion,
  AccordionDetails,
  AccordionSummary,
  Checkbox,
  Chip,
  List,
  ListItem,
  ListItemText,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
} from '@mui/material';
import { useTranslate } from 'react-admin';
import { formatValue, overlaps, type ValueWords } from './format';
import type { Change, Upstream, UpstreamChange } from './types';

const textOf = (c: Change, locale: string) => (locale === 'en' ? c.text.en : c.text.da);

function useWords(): ValueWords & { added: string; removed: string } {
  const translate = useTranslate();
  const t = (k: string) => translate(`resources.templates.upstream.${k}`);
  return { none: t('none'), yes: t('yes'), no: t('no'), added: t('added'), removed: t('removed') };
}

function Value({ value, present, locale }: { value: unknown; present: boolean; locale: string }) {
  const words = useWords();
  if (!present)
    return (
      <Typography variant="body2" color="text.secondary">
        {words.none}
      </Typography>
    );
  const text = formatValue(value, locale, words);
  const full = value !== null && typeof value === 'object' ? JSON.stringify(value, null, 2) : null;
  const shown = (
    <Typography variant="body2" sx={{ wordBreak: 'break-word' }}>
      {text}
    </Typography>
  );
  return full ? (
    <Tooltip title={<pre style={{ margin: 0, fontSize: 11, maxHeight: 400, overflow: 'auto' }}>{full}</pre>}>
      {shown}
    </Tooltip>
  ) : (
    shown
  );
}

/** What the municipality's ruleset has at an upstream change's path. */
function Mine({ change, own, locale }: { change: UpstreamChange; own: Change[]; locale: string }) {
  const translate = useTranslate();
  const mine = own.filter((o) => overlaps(o.path, change.path));
  if (!change.conflict || mine.length === 0)
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('resources.templates.upstream.asBase')}
      </Typography>
    );
  const same = mine.find((o) => o.path === change.path);
  if (same) return <Value value={same.after} present={same.op !== 'remove'} locale={locale} />;
  return <Typography variant="body2">{mine.map((o) => textOf(o, locale)).join('; ')}</Typography>;
}

export function UpstreamTable({
  data,
  locale,
  selectable,
  chosen,
  onChosen,
  errors,
}: {
  data: Upstream;
  locale: string;
  selectable: boolean;
  chosen: ReadonlySet<string>;
  onChosen: (next: ReadonlySet<string>) => void;
  errors: Record<string, string>;
}) {
  const translate = useTranslate();
  const t = (k: string, o?: Record<string, unknown>) => translate(`resources.templates.upstream.${k}`, o);
  const toggle = (path: string) => {
    const next = new Set(chosen);
    if (next.has(path)) next.delete(path);
    else next.add(path);
    onChosen(next);
  };
  return (
    <Table size="small" aria-label={t('title')}>
      <TableHead>
        <TableRow>
          {selectable && <TableCell padding="checkbox" />}
          <TableCell>{t('change')}</TableCell>
          <TableCell>{t('base', { version: data.baseVersion })}</TableCell>
          <TableCell>{t('theirs', { version: data.latestVersion })}</TableCell>
          <TableCell>{t('mine')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {data.upstreamChanges.map((c) => {
          const text = textOf(c, locale);
          return (
            <TableRow key={c.path} sx={c.conflict ? { backgroundColor: 'rgba(237,108,2,0.06)' } : undefined}>
              {selectable && (
                <TableCell padding="checkbox">
                  <Checkbox
                    checked={chosen.has(c.path)}
                    disabled={c.conflict}
                    onChange={() => toggle(c.path)}
                    slotProps={{ input: { 'aria-label': text } }}
                  />
                </TableCell>
              )}
              <TableCell>
                <Typography variant="body2">{text}</Typography>
                <Typography variant="caption" color="text.secondary" sx={{ fontFamily: 'monospace' }}>
                  {c.path}
                </Typography>
                {c.conflict && (
                  <>
                    <Chip size="small" color="warning" label={t('conflict')} sx={{ ml: 1 }} />
                    <Typography variant="body2" color="warning.dark">
                      {t('conflictHelp')}
                    </Typography>
                  </>
                )}
                {errors[c.path] && (
                  <Typography variant="body2" color="error">
                    {errors[c.path]}
                  </Typography>
                )}
              </TableCell>
              <TableCell>
                <Value value={c.before} present={c.op !== 'add'} locale={locale} />
              </TableCell>
              <TableCell>
                <Value value={c.after} present={c.op !== 'remove'} locale={locale} />
              </TableCell>
              <TableCell>
                <Mine change={c} own={data.ownChanges} locale={locale} />
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

export function OwnChanges({
  changes,
  locale,
  defaultExpanded = false,
}: {
  changes: Change[];
  locale: string;
  defaultExpanded?: boolean;
}) {
  const translate = useTranslate();
  const t = (k: string, o?: Record<string, unknown>) => translate(`resources.templates.upstream.${k}`, o);
  return (
    <Accordion defaultExpanded={defaultExpanded}>
      <AccordionSummary expandIcon={<ExpandMoreIcon />}>
        <Typography>{t('ownTitle', { count: changes.length })}</Typography>
      </AccordionSummary>
      <AccordionDetails>
        {changes.length === 0 ? (
          <Typography color="text.secondary">{t('noOwn')}</Typography>
        ) : (
          <List dense>
            {changes.map((c) => (
              <ListItem key={c.path} disableGutters>
                <ListItemText primary={textOf(c, locale)} secondary={c.path} />
              </ListItem>
            ))}
          </List>
        )}
      </AccordionDetails>
    </Accordion>
  );
}
