import {
  CreateButton,
  DataTable,
  List,
  SearchInput,
  SelectInput,
  TopToolbar,
  useTranslate,
} from 'react-admin';
import { LocalDateField, RoleField, StatusField, roleChoices } from '../layout/fields';
import { USER_ROLES } from './roles';

function useFilters() {
  const translate = useTranslate();
  return [
    <SearchInput key="q" source="q" alwaysOn placeholder={translate('resources.users.search')} />,
    <SelectInput key="role" source="role" choices={roleChoices(USER_ROLES)} alwaysOn />,
  ];
}

export default function UserList() {
  return (
    <List
      filters={useFilters()}
      sort={{ field: 'username', order: 'ASC' }}
      actions={
        <TopToolbar>
          <CreateButton />
        </TopToolbar>
      }
    >
      <DataTable rowClick="edit" bulkActionButtons={false}>
        <DataTable.Col source="username" />
        <DataTable.Col source="role">
          <RoleField />
        </DataTable.Col>
        <DataTable.Col source="disabled" label="resources.users.fields.status">
          <StatusField source="disabled" off="disabled" />
        </DataTable.Col>
        <DataTable.Col source="createdAt">
          <LocalDateField source="createdAt" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
