import { Box } from '@mui/material';
import { DataTable, DateInput, List, SearchInput, SelectInput, TextInput, useTranslate } from 'react-admin';
import { LocalDateField } from '../layout/fields';
import { entitiesEn, messages } from './messages';
import { actorName, type AuditEvent } from './types';

const ENTITIES = Object.keys(entitiesEn);
const ACTIONS = Object.keys(messages.en.resources['audit-events'].actions);

/** A local day's start or end, as the instant the server filters on (from/to are inclusive). */
const dayStart = (v: string) => (v ? new Date(`${v}T00:00:00`).toISOString() : v);
const dayEnd = (v: string) => (v ? new Date(`${v}T23:59:59.999`).toISOString() : v);
/** The actor filter is exact ("user:demo-admin"); a plain username means a user. */
const actorParse = (v: string) => (v && !v.includes(':') ? `user:${v}` : v);
const actorFormat = (v: string | undefined) => (v?.startsWith('user:') ? v.slice(5) : (v ?? ''));

function useFilters() {
  const translate = useTranslate();
  const t = (key: string) => translate(`resources.audit-events.${key}`);
  return [
    <SearchInput key="q" source="q" alwaysOn />,
    <TextInput
      key="actor"
      source="actor"
      alwaysOn
      parse={actorParse}
      format={actorFormat}
      helperText="resources.audit-events.helper.actor"
    />,
    <SelectInput
      key="entity"
      source="entity"
      alwaysOn
      choices={ENTITIES.map((id) => ({ id, name: t(`entities.${id}`) }))}
    />,
    <SelectInput
      key="action"
      source="action"
      alwaysOn
      choices={ACTIONS.map((id) => ({ id, name: t(`actions.${id}`) }))}
    />,
    <DateInput key="from" source="from" alwaysOn parse={dayStart} />,
    <DateInput key="to" source="to" alwaysOn parse={dayEnd} />,
  ];
}

export default function AuditList() {
  const translate = useTranslate();
  const t = (key: string, fallback: string) => translate(`resources.audit-events.${key}`, { _: fallback });
  return (
    <List filters={useFilters()} sort={{ field: 'id', order: 'DESC' }} exporter={false}>
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="createdAt">
          <LocalDateField source="createdAt" />
        </DataTable.Col>
        <DataTable.Col
          source="actor"
          disableSort
          render={(r: AuditEvent) => (
            <Box component="span" sx={{ whiteSpace: 'nowrap' }}>
              {actorName(r.actor)}
            </Box>
          )}
        />
        <DataTable.Col
          source="entity"
          disableSort
          render={(r: AuditEvent) => t(`entities.${r.entity}`, r.entity)}
        />
        <DataTable.Col
          source="action"
          disableSort
          render={(r: AuditEvent) => (
            <Box component="span" sx={{ whiteSpace: 'nowrap' }}>
              {t(`actions.${r.action}`, r.action)}
            </Box>
          )}
        />
        <DataTable.Col source="entityId" disableSort />
        <DataTable.Col source="comment" disableSort />
      </DataTable>
    </List>
  );
}
