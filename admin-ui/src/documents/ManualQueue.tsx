/**
 * Manuel behandling: the caseworker's queue — the manual documents, oldest first, each credit
 * note and reminder right below the invoice it refers to (the server's `thread` sort), with the
 * count per reason (GET …/documents/summary) to pick a task package from.
 */
import InboxIcon from '@mui/icons-material/Inbox';
import { Box, Chip, Stack, Typography } from '@mui/material';
import { List, useListContext, useTranslate } from 'react-admin';
import { ListEmpty } from '../layout/ListEmpty';
import { DocumentTable } from './DocumentTable';
import { useDocumentFilters, useEffectiveFilter } from './filters';
import { useReasonText, useSummary } from './hooks';

/** The count per reason, as chips: one click filters the queue to that reason. */
function ReasonCounts() {
  const translate = useTranslate();
  const reasonText = useReasonText();
  const { filterValues, setFilters, displayedFilters } = useListContext();
  // without the reason filter: "Alle" counts the whole queue (as the other filters select it)
  const { data } = useSummary({ ...useEffectiveFilter(), reason: undefined });
  const chosen = (filterValues as { reason?: string }).reason;
  const others = { ...(filterValues as Record<string, unknown>) };
  delete others.reason;
  if (!data || data.reasons.length === 0) return null;
  return (
    <Box sx={{ px: 2, pt: 2, pb: 1 }}>
      <Typography variant="subtitle2" component="h2" gutterBottom>
        {translate('resources.manual.reasons')}
      </Typography>
      <Stack
        direction="row"
        sx={{ flexWrap: 'wrap', gap: 1 }}
        role="group"
        aria-label={translate('resources.manual.reasons')}
      >
        <Chip
          label={translate('resources.manual.all', { count: data.total })}
          color={chosen ? 'default' : 'primary'}
          variant={chosen ? 'outlined' : 'filled'}
          onClick={() => setFilters(others, displayedFilters)}
        />
        {data.reasons.map((r) => (
          <Chip
            key={r.code}
            label={`${reasonText(r.code, r.text)} (${r.count})`}
            title={r.code}
            color={chosen === r.code ? 'primary' : 'default'}
            variant={chosen === r.code ? 'filled' : 'outlined'}
            onClick={() => setFilters({ ...others, reason: r.code }, displayedFilters)}
            sx={{ maxWidth: 420 }}
          />
        ))}
      </Stack>
      <Typography variant="caption" color="text.secondary" sx={{ display: 'block', mt: 1 }}>
        {translate('resources.manual.oldestFirst')}
      </Typography>
    </Box>
  );
}

export default function ManualQueue() {
  const translate = useTranslate();
  return (
    <List
      resource="documents"
      storeKey="manual-queue"
      title={translate('resources.manual.title')}
      filter={{ status: 'manual' }}
      filters={useDocumentFilters(true)}
      sort={{ field: 'thread', order: 'ASC' }}
      empty={<ListEmpty icon={InboxIcon} message="resources.manual.empty" />}
      perPage={25}
      actions={false}
    >
      <ReasonCounts />
      <DocumentTable queue />
    </List>
  );
}
