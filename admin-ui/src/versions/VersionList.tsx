import HistoryIcon from '@mui/icons-material/History';
import { ListEmpty } from '../layout/ListEmpty';
import { Chip, Stack } from '@mui/material';
import { DataTable, FunctionField, List, TextField, useTranslate, type RaRecord } from 'react-admin';
import { LocalDateField } from '../layout/fields';
import { ActorField } from './ActorField';

function VersionNumber() {
  const translate = useTranslate();
  return (
    <FunctionField
      source="version"
      render={(r: RaRecord) => (
        <Stack direction="row" spacing={1} alignItems="center">
          <strong>{String(r.version)}</strong>
          {r.scheduled ? (
            <Chip size="small" color="info" label={translate('resources.versions.scheduled')} />
          ) : null}
        </Stack>
      )}
    />
  );
}

export default function VersionList() {
  return (
    <List
      sort={{ field: 'version', order: 'DESC' }}
      exporter={false}
      empty={<ListEmpty icon={HistoryIcon} message="resources.versions.noneYet" />}
    >
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="version">
          <VersionNumber />
        </DataTable.Col>
        <DataTable.Col source="comment" disableSort>
          <TextField source="comment" />
        </DataTable.Col>
        <DataTable.Col source="effectiveFrom">
          <LocalDateField source="effectiveFrom" />
        </DataTable.Col>
        <DataTable.Col source="publishedBy" disableSort>
          <ActorField source="publishedBy" />
        </DataTable.Col>
        <DataTable.Col source="approvedBy" disableSort>
          <ActorField source="approvedBy" />
        </DataTable.Col>
        <DataTable.Col source="createdAt">
          <LocalDateField source="createdAt" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
