import { CreateButton, DataTable, List, SearchInput, TopToolbar, useTranslate } from 'react-admin';
import { LocalDateField } from '../layout/fields';
import { NameField, OwnerField } from './fields';
import { UpstreamNotice } from './UpstreamNotice';

function useFilters() {
  const translate = useTranslate();
  return [<SearchInput key="q" source="q" alwaysOn placeholder={translate('resources.templates.search')} />];
}

export default function TemplateList() {
  return (
    <>
      <UpstreamNotice />
      <List
        filters={useFilters()}
        sort={{ field: 'id', order: 'ASC' }}
        actions={
          <TopToolbar>
            <CreateButton label="resources.templates.actions.share" />
          </TopToolbar>
        }
      >
        <DataTable rowClick="show" bulkActionButtons={false}>
          <DataTable.Col source="name">
            <NameField />
          </DataTable.Col>
          <DataTable.Col source="id" />
          <DataTable.Col source="municipality" label="resources.templates.fields.owner">
            <OwnerField />
          </DataTable.Col>
          <DataTable.NumberCol source="latestVersion" disableSort />
          <DataTable.Col source="updatedAt">
            <LocalDateField source="updatedAt" />
          </DataTable.Col>
        </DataTable>
      </List>
    </>
  );
}
