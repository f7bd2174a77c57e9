/**
 * A template: who owns it, its versions (newest first) — each viewable read-only and forkable
 * into the municipality's draft — and, for the platform administrator on a national template,
 * *Udgiv ny version*; on the template the municipality's ruleset follows, its updates.
 */
import PublishIcon from '@mui/icons-material/Publish';
import VisibilityIcon from '@mui/icons-material/Visibility';
import { Box, Button, Typography } from '@mui/material';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import {
  ArrayField,
  DataTable,
  Labeled,
  ListButton,
  NumberField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { LocalDateField } from '../layout/fields';
import { useAccess } from './access';
import { ActorField, NameField, OwnerField, SourceField } from './fields';
import { ForkButton } from './ForkButton';
import type { Template, TemplateVersionSummary } from './types';
import { UpstreamNotice } from './UpstreamNotice';
import { VersionDialog } from './VersionDialog';

function PublishButton() {
  const record = useRecordContext<Template>();
  const translate = useTranslate();
  const { may } = useAccess();
  if (!record?.national || !may('templates:manage')) return null;
  return (
    <Button
      component={Link}
      to={`/templates/${encodeURIComponent(record.id)}/publish`}
      variant="contained"
      size="small"
      startIcon={<PublishIcon />}
    >
      {translate('resources.templates.actions.publish')}
    </Button>
  );
}

function Actions() {
  return (
    <TopToolbar>
      <ListButton />
      <PublishButton />
    </TopToolbar>
  );
}

function VersionActions({ template, onView }: { template: Template; onView: (version: number) => void }) {
  const version = useRecordContext<TemplateVersionSummary>();
  const translate = useTranslate();
  const { may, municipality } = useAccess();
  if (!version) return null;
  return (
    <Box sx={{ display: 'flex', gap: 1, justifyContent: 'flex-end', whiteSpace: 'nowrap' }}>
      <Button size="small" startIcon={<VisibilityIcon />} onClick={() => onView(version.version)}>
        {translate('resources.templates.actions.view')}
      </Button>
      {municipality && may('ruleset:write') && <ForkButton template={template} version={version.version} />}
    </Box>
  );
}

function Versions() {
  const template = useRecordContext<Template>();
  const translate = useTranslate();
  const [viewing, setViewing] = useState<number | null>(null);
  if (!template) return null;
  return (
    <>
      <Typography variant="h6" sx={{ mt: 2 }}>
        {translate('resources.templates.versions')}
      </Typography>
      <ArrayField source="versions" sort={{ field: 'version', order: 'DESC' }} perPage={1000}>
        <DataTable bulkActionButtons={false} rowClick={false}>
          <DataTable.NumberCol source="version" disableSort />
          <DataTable.Col source="createdAt" disableSort>
            <LocalDateField source="createdAt" />
          </DataTable.Col>
          <DataTable.Col source="createdBy" disableSort>
            <ActorField />
          </DataTable.Col>
          <DataTable.Col source="sourceMunicipality" label="resources.templates.fields.source" disableSort>
            <SourceField />
          </DataTable.Col>
          <DataTable.Col source="comment" disableSort />
          <DataTable.Col label={false} disableSort>
            <VersionActions template={template} onView={setViewing} />
          </DataTable.Col>
        </DataTable>
      </ArrayField>
      {viewing !== null && (
        <VersionDialog template={template} version={viewing} onClose={() => setViewing(null)} />
      )}
    </>
  );
}

function Notice() {
  const record = useRecordContext<Template>();
  return record ? <UpstreamNotice template={record.id} /> : null;
}

export default function TemplateShow() {
  return (
    <Show actions={<Actions />}>
      <Box sx={{ px: 2 }}>
        <Notice />
      </Box>
      <SimpleShowLayout>
        <Labeled source="name">
          <NameField />
        </Labeled>
        <TextField source="id" />
        <Labeled source="municipality" label="resources.templates.fields.owner">
          <OwnerField />
        </Labeled>
        <NumberField source="latestVersion" />
        <Versions />
      </SimpleShowLayout>
    </Show>
  );
}
