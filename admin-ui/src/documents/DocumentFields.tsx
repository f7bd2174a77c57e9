/** The ledger's values as the document screens show them: status, stage, type, money, reasons, actions, links. */
import { Box, Chip, Link, Stack, Tooltip, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import { useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import { DayAndTime, NameAndId } from '../layout/fields';
import { formatDkk } from '../layout/money';
import { actionCodes } from './format';
import { useReasonText, type LedgerDocument, type LinkedDocument } from './hooks';

const STATUS_COLOR = {
  approved: 'success',
  manual: 'warning',
  rejected: 'error',
  annulled: 'default',
} as const;

export function StatusChip({ status }: { status: string }) {
  const translate = useTranslate();
  const color = STATUS_COLOR[status as keyof typeof STATUS_COLOR] ?? 'default';
  return (
    <Chip
      size="small"
      color={color}
      variant={status === 'manual' ? 'outlined' : 'filled'}
      label={translate(`resources.documents.status.${status}`)}
    />
  );
}

export function Money({ amount }: { amount: string | null | undefined }) {
  const [locale = 'da'] = useLocaleState();
  return (
    <Box component="span" sx={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
      {formatDkk(amount, locale)}
    </Box>
  );
}

export function useActionLabel(): (
  code: string,
  texts?: Map<string, { da?: string; en?: string }>,
) => string {
  const translate = useTranslate();
  const [locale = 'da'] = useLocaleState();
  return (code, texts) => {
    const given = texts?.get(code)?.[locale as 'da' | 'en'];
    return given ?? translate(`resources.documents.action.${code}`, { _: code });
  };
}

/* ---- list columns: each reads the row (useRecordContext) ---- */

/**
 * The number, its type, and the documents linked to it (a credit note's or reminder's invoice,
 * an invoice's credit notes and reminders) — in the number's cell, so that a list of eight
 * columns fits the window.
 */
export function NumberCell() {
  const r = useRecordContext<LedgerDocument>();
  const translate = useTranslate();
  if (!r) return null;
  const child = r.documentKey.documentType !== 'invoice' && r.linked.length > 0;
  return (
    <Box sx={{ pl: child ? 2.5 : 0, borderLeft: child ? '3px solid' : 'none', borderColor: 'divider' }}>
      <Typography variant="body2" sx={{ fontWeight: 500, whiteSpace: 'nowrap' }}>
        {r.documentKey.id}
      </Typography>
      <Typography variant="caption" component="div" color="text.secondary">
        {translate(`resources.documents.type.${r.documentKey.documentType}`)}
      </Typography>
      {r.linked.length > 0 ? (
        <Stack
          spacing={0.25}
          sx={{ mt: 0.5 }}
          role="group"
          aria-label={translate('resources.documents.fields.linked')}
        >
          {r.linked.map((d) => (
            <LinkedLink key={d.id} doc={d} compact />
          ))}
        </Stack>
      ) : null}
    </Box>
  );
}

export function SupplierCell() {
  const r = useRecordContext<LedgerDocument>();
  return r ? <NameAndId name={r.supplierName} id={r.documentKey.supplier} /> : null;
}

export function MoneyCell() {
  const r = useRecordContext<LedgerDocument>();
  return r ? <Money amount={r.payable} /> : null;
}

export function CprCell() {
  const r = useRecordContext<LedgerDocument>();
  if (!r) return null;
  // The list is always masked by the server (010150-****); a samleregning's numbers one per line.
  if (r.cpr.length === 0) return <Box component="span">—</Box>;
  return (
    <Box sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>
      {r.cpr.map((c, i) => (
        <div key={i}>{c}</div>
      ))}
    </Box>
  );
}

/** Long reason texts (the samleregning's) are cut to two lines in a list; the tooltip has them whole. */
const CLAMP = {
  lineHeight: 1.3,
  display: '-webkit-box',
  WebkitLineClamp: 2,
  WebkitBoxOrient: 'vertical',
  overflow: 'hidden',
} as const;

/** The reasons; in the manual queue (`withActions`) the suggested actions under them. */
export function ReasonsCell({ withActions = false }: { withActions?: boolean }) {
  const r = useRecordContext<LedgerDocument>();
  const reasonText = useReasonText();
  if (!r) return null;
  if (r.outcome && r.status !== 'manual') {
    return (
      <Typography variant="body2" sx={{ maxWidth: 320, ...CLAMP }}>
        {r.outcome.reason ? reasonText(r.outcome.reason) : ''}
      </Typography>
    );
  }
  return (
    <Stack spacing={0.5} sx={{ minWidth: 160, maxWidth: 280 }}>
      {r.reasonDetails.map((x) => {
        const text = reasonText(x.code, x.text);
        return (
          <Tooltip key={x.code} title={`${text} (${x.code})`}>
            <Typography variant="body2" sx={CLAMP}>
              {text}
            </Typography>
          </Tooltip>
        );
      })}
      {withActions ? <SuggestedActions /> : null}
    </Stack>
  );
}

/** A manual document's suggested actions, in order, under its reasons. */
function SuggestedActions() {
  const r = useRecordContext<LedgerDocument>();
  const label = useActionLabel();
  const translate = useTranslate();
  if (!r || r.status !== 'manual') return null;
  const codes = actionCodes(r.actions);
  if (codes.length === 0) return null;
  return (
    <Box
      role="group"
      aria-label={translate('resources.documents.fields.actions')}
      sx={{ color: 'primary.main' }}
    >
      {codes.map((c, i) => (
        <Typography
          key={c}
          variant="caption"
          component="div"
          sx={{ lineHeight: 1.3, fontWeight: i === 0 ? 500 : 400 }}
        >
          → {codes.length > 1 ? `${i + 1}. ` : ''}
          {label(c)}
        </Typography>
      ))}
    </Box>
  );
}

export function StageCell() {
  const r = useRecordContext<LedgerDocument>();
  const translate = useTranslate();
  if (!r?.stage) return null;
  return <Chip size="small" variant="outlined" label={translate(`resources.documents.stage.${r.stage}`)} />;
}

export function StatusCell() {
  const r = useRecordContext<LedgerDocument>();
  return r ? <StatusChip status={r.status} /> : null;
}

export function LinkedLink({ doc, compact = false }: { doc: LinkedDocument; compact?: boolean }) {
  const translate = useTranslate();
  if (compact) {
    // under a list row's number: the linked document in small type, its status under it
    return (
      <Box sx={{ lineHeight: 1.3 }}>
        <Link
          component={RouterLink}
          to={`/documents/${doc.id}/show`}
          onClick={(e: React.MouseEvent) => e.stopPropagation()}
          variant="caption"
          underline="hover"
          sx={{ whiteSpace: 'nowrap', display: 'block' }}
        >
          {translate('resources.documents.linkedTo', {
            type: translate(`resources.documents.type.${doc.documentType}`),
            number: doc.number,
          })}
        </Link>
        <Typography variant="caption" component="div" color="text.secondary" sx={{ lineHeight: 1.3 }}>
          {translate(`resources.documents.status.${doc.status}`)}
        </Typography>
      </Box>
    );
  }
  return (
    // the number stays on one line; its status chip goes below it where the column is narrow
    <Box component="span">
      <Link
        component={RouterLink}
        to={`/documents/${doc.id}/show`}
        onClick={(e: React.MouseEvent) => e.stopPropagation()}
        sx={{ whiteSpace: 'nowrap' }}
      >
        {translate('resources.documents.linkedTo', {
          type: translate(`resources.documents.type.${doc.documentType}`),
          number: doc.number,
        })}
      </Link>{' '}
      <StatusChip status={doc.status} />
    </Box>
  );
}

/** The day on one line, the time under it (a narrow column). */
export function ReceivedCell() {
  const r = useRecordContext<LedgerDocument>();
  return r ? <DayAndTime iso={r.receivedAt} /> : null;
}
