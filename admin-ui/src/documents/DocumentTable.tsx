/** The columns both lists share (Manuel behandling and Dokumenter). CPR is masked by the server. */
import { DataTable } from 'react-admin';
import {
  ActionsCell,
  CprCell,
  LinkedCell,
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
      <DataTable.Col source="reasons" label={f('reasons')} disableSort>
        <ReasonsCell />
      </DataTable.Col>
      {queue ? (
        <DataTable.Col source="actions" label={f('actions')} disableSort>
          <ActionsCell />
        </DataTable.Col>
      ) : null}
      {queue ? (
        <DataTable.Col source="stage" label={f('stage')} disableSort>
          <StageCell />
        </DataTable.Col>
      ) : (
        <DataTable.Col source="status" label={f('status')}>
          <StatusCell />
        </DataTable.Col>
      )}
      <DataTable.Col source="linked" label={f('linked')} disableSort>
        <LinkedCell />
      </DataTable.Col>
    </DataTable>
  );
}
