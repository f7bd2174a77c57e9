import { ListEmpty } from '../layout/ListEmpty';
import VpnKeyIcon from '@mui/icons-material/VpnKey';
import {
  CreateButton,
  DataTable,
  FunctionField,
  List,
  SearchInput,
  TextField,
  TopToolbar,
  useTranslate,
  type RaRecord,
} from 'react-admin';
import { LocalDateField, RoleField, StatusField } from '../layout/fields';
import { RevokeButton } from './RevokeButton';

function useFilters() {
  const translate = useTranslate();
  return [<SearchInput key="q" source="q" alwaysOn placeholder={translate('resources.api-keys.search')} />];
}

export default function ApiKeyList() {
  return (
    <List
      filters={useFilters()}
      sort={{ field: 'createdAt', order: 'DESC' }}
      empty={
        <ListEmpty
          icon={VpnKeyIcon}
          message="resources.api-keys.empty"
          action={<CreateButton variant="contained" />}
        />
      }
      actions={
        <TopToolbar>
          <CreateButton />
        </TopToolbar>
      }
    >
      <DataTable rowClick={false} bulkActionButtons={false}>
        <DataTable.Col source="name">
          <TextField source="name" />
        </DataTable.Col>
        <DataTable.Col source="role">
          <RoleField />
        </DataTable.Col>
        <DataTable.Col source="prefix" disableSort>
          <FunctionField
            source="prefix"
            render={(r: RaRecord) => <code>{`rvk_${String(r.prefix)}_…`}</code>}
          />
        </DataTable.Col>
        <DataTable.Col source="createdBy" disableSort>
          <FunctionField
            source="createdBy"
            render={(r: RaRecord) => String(r.createdBy).replace(/^(user|api-key):/, '')}
          />
        </DataTable.Col>
        <DataTable.Col source="createdAt">
          <LocalDateField source="createdAt" />
        </DataTable.Col>
        <DataTable.Col source="revoked" disableSort>
          <StatusField source="revoked" off="revoked" />
        </DataTable.Col>
        <DataTable.Col label=" " disableSort>
          <RevokeButton />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
