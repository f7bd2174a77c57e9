/**
 * The columns both lists share (Manuel behandling and Dokumenter). CPR is masked by the server.
 * Linked documents are in the number's cell and, in the queue, the suggested actions under the
 * reasons, so that every column fits a 1280 px window.
 */
import { DataTable } from 'react-admin';
import {
  CprCell,
  MoneyCell,
  NumberCell,
  ReasonsCell,
  ReceivedCell,
  StageCell,
  StatusCell,
  SupplierCell,
} from './DocumentFields';

export function DocumentTable({ queue = false }: { queue?: boolean }) {
  const f = (name: string) => `resources.documents.fields.${name}`;
  return (
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="receivedAt" label={f('receivedAt')} disableSort={queue}>
        <ReceivedCell />
      </DataTable.Col>
      <DataTable.Col source="number" label={f('number')} disableSort>
        <NumberCell />
      </DataTable.Col>
      <DataTable.Col source="supplier" label={f('supplier')} disableSort>
        <SupplierCell />
      </DataTable.Col>
      <DataTable.Col source="payable" label={f('payable')} align="right" disableSort={queue}>
        <MoneyCell />
      </DataTable.Col>
      <DataTable.Col source="cpr" label={f('cpr')} disableSort>
        <CprCell />
      </DataTable.Col>
      <DataTable.Col source="reasons" label={f(queue ? 'reasonsAndActions' : 'reasons')} disableSort>
        <ReasonsCell withActions={queue} />
      </DataTable.Col>
      {queue ? (
        <DataTable.Col source="stage" label={f('stage')} disableSort>
          <StageCell />
        </DataTable.Col>
      ) : (
        <DataTable.Col source="status" label={f('status')}>
          <StatusCell />
        </DataTable.Col>
      )}
    </DataTable>
  );
}
