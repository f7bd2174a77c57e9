/** One published version, read-only: who published and approved it, its diff, its document. */
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { Accordion, AccordionDetails, AccordionSummary, Box, Typography } from '@mui/material';
import {
  ListButton,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  usePermissions,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { LocalDateField } from '../layout/fields';
import type { Principal } from '../resources';
import { ActorField } from './ActorField';
import { RestoreButton } from './RestoreButton';
import { VersionDiff } from './VersionDiff';
import { useOverview } from '../ruleset/hooks';

function Actions() {
  const { permissions } = usePermissions<Principal>();
  return (
    <TopToolbar>
      <ListButton />
      {permissions?.permissions.includes('ruleset:write') && <RestoreButton />}
    </TopToolbar>
  );
}

function Title() {
  const record = useRecordContext();
  const translate = useTranslate();
  return <span>{record ? translate('resources.versions.title', { version: record.version }) : ''}</span>;
}

function Diff() {
  const record = useRecordContext();
  const overview = useOverview();
  if (!record || !overview.data) return null;
  return (
    <VersionDiff
      key={`${String(record.version)}-${String(overview.data.draft !== null)}`}
      version={Number(record.version)}
      versions={overview.data.versions.map((v) => v.version)}
      hasDraft={overview.data.draft !== null}
    />
  );
}

function Document() {
  const record = useRecordContext();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Accordion sx={{ mt: 2 }} slotProps={{ transition: { unmountOnExit: true } }}>
      <AccordionSummary expandIcon={<ExpandMoreIcon />}>
        <Typography>{translate('resources.versions.document')}</Typography>
      </AccordionSummary>
      <AccordionDetails>
        <Box
          component="pre"
          sx={{
            m: 0,
            maxHeight: 600,
            overflow: 'auto',
            fontSize: 12,
            bgcolor: 'grey.50',
            p: 2,
            borderRadius: 1,
          }}
        >
          {JSON.stringify(record.document, null, 2)}
        </Box>
      </AccordionDetails>
    </Accordion>
  );
}

export default function VersionShow() {
  return (
    <Show actions={<Actions />} title={<Title />}>
      <SimpleShowLayout>
        <TextField source="version" />
        <TextField source="comment" />
        <LocalDateField source="effectiveFrom" />
        <ActorField source="publishedBy" />
        <ActorField source="approvedBy" />
        <LocalDateField source="createdAt" />
        <TextField source="hash" sx={{ fontFamily: 'monospace', fontSize: 12 }} />
      </SimpleShowLayout>
      <Box sx={{ px: 2, pb: 2 }}>
        <Diff />
        <Document />
      </Box>
    </Show>
  );
}
