/** Dokumenter: the whole ledger (GET …/documents), every status, newest first; CPR masked. */
import { List } from 'react-admin';
import { DocumentTable } from './DocumentTable';
import { useDocumentFilters } from './filters';

export default function DocumentList() {
  return (
    <List
      filters={useDocumentFilters(false)}
      sort={{ field: 'receivedAt', order: 'DESC' }}
      perPage={25}
      exporter={false}
    >
      <DocumentTable />
    </List>
  );
}
