import { Chip, Stack } from '@mui/material';
import { CreateButton, DataTable, List, SearchInput, TopToolbar } from 'react-admin';
import { LocalDateField } from '../layout/fields';

interface Municipality {
  id: string;
  name: string;
  eans: string[];
  createdAt?: string;
}

export default function MunicipalityList() {
  return (
    <List
      filters={[<SearchInput key="q" source="q" alwaysOn />]}
      sort={{ field: 'id', order: 'ASC' }}
      exporter={false}
      actions={
        <TopToolbar>
          <CreateButton />
        </TopToolbar>
      }
    >
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="id" />
        <DataTable.Col source="name" />
        <DataTable.Col
          source="eans"
          disableSort
          render={(r: Municipality) => (
            <Stack direction="row" spacing={0.5} useFlexGap flexWrap="wrap">
              {r.eans.map((e) => (
                <Chip key={e} size="small" label={e} sx={{ fontFamily: 'monospace' }} />
              ))}
            </Stack>
          )}
        />
        <DataTable.Col source="createdAt">
          <LocalDateField source="createdAt" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
