/** Dokumenter: the whole ledger (GET …/documents), every status, newest first; CPR masked. */
import DescriptionIcon from '@mui/icons-material/Description';
import { List } from 'react-admin';
import { ListEmpty } from '../layout/ListEmpty';
import { DocumentTable } from './DocumentTable';
import { useDocumentFilters } from './filters';

export default function DocumentList() {
  return (
    <List
      filters={useDocumentFilters(false)}
      sort={{ field: 'receivedAt', order: 'DESC' }}
      perPage={25}
      exporter={false}
      empty={<ListEmpty icon={DescriptionIcon} message="resources.documents.noneYet" />}
    >
      <DocumentTable />
    </List>
  );
}
