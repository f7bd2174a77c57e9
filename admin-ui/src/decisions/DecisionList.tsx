import { Box, Chip, Stack, Tooltip } from '@mui/material';
import {
  AutocompleteInput,
  DataTable,
  DateInput,
  List,
  SelectInput,
  TextInput,
  useTranslate,
} from 'react-admin';
import { LocalDateField } from '../layout/fields';
import { OutcomeChip, useMoney, useReasonChoices, useRulesetOverview } from './format';
import type { DecisionListItem } from './types';

const OUTCOMES = ['approved', 'manual', 'rejected'] as const;
const TYPES = ['invoice', 'creditNote', 'reminder'] as const;

function useFilters() {
  const translate = useTranslate();
  const reasons = useReasonChoices();
  const versions = useRulesetOverview().data?.versions ?? [];
  return [
    <DateInput key="from" source="from" alwaysOn />,
    <DateInput key="to" source="to" alwaysOn />,
    <SelectInput
      key="outcome"
      source="outcome"
      alwaysOn
      choices={OUTCOMES.map((id) => ({ id, name: translate(`resources.decisions.outcomes.${id}`) }))}
    />,
    <AutocompleteInput key="reason" source="reason" alwaysOn choices={reasons} sx={{ minWidth: 260 }} />,
    <TextInput key="supplier" source="supplier" />,
    <SelectInput
      key="documentType"
      source="documentType"
      choices={TYPES.map((id) => ({ id, name: translate(`resources.decisions.types.${id}`) }))}
    />,
    <SelectInput
      key="version"
      source="version"
      choices={versions.map((v) => ({ id: v.version, name: String(v.version) }))}
    />,
  ];
}

export default function DecisionList() {
  const translate = useTranslate();
  const money = useMoney();
  return (
    <List filters={useFilters()} sort={{ field: 'receivedAt', order: 'DESC' }} exporter={false}>
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="receivedAt">
          <LocalDateField source="receivedAt" />
        </DataTable.Col>
        <DataTable.Col
          label="resources.decisions.fields.document"
          disableSort
          render={(r: DecisionListItem) => (
            <Box sx={{ whiteSpace: 'nowrap' }}>
              {translate(`resources.decisions.types.${r.documentKey.documentType}`)} {r.documentKey.id}
            </Box>
          )}
        />
        <DataTable.Col
          label="resources.decisions.fields.supplier"
          disableSort
          render={(r: DecisionListItem) => r.documentKey.supplier}
        />
        <DataTable.Col
          source="payable"
          align="right"
          render={(r: DecisionListItem) => <Box sx={{ whiteSpace: 'nowrap' }}>{money(r.payable)}</Box>}
        />
        <DataTable.Col
          source="outcome"
          render={(r: DecisionListItem) => <OutcomeChip outcome={r.outcome} />}
        />
        <DataTable.Col
          source="reasons"
          disableSort
          render={(r: DecisionListItem) => (
            <Stack direction="row" spacing={0.5} useFlexGap flexWrap="wrap">
              {r.reasons.map((reason) => (
                <Tooltip key={reason.code} title={reason.text}>
                  <Chip size="small" label={reason.code} />
                </Tooltip>
              ))}
            </Stack>
          )}
        />
        <DataTable.Col
          label="resources.decisions.fields.version"
          disableSort
          render={(r: DecisionListItem) => r.ruleset.version ?? ''}
        />
        <DataTable.Col
          label="resources.decisions.fields.cpr"
          disableSort
          render={(r: DecisionListItem) => (
            <Box sx={{ whiteSpace: 'nowrap' }}>
              {r.cpr.map((c) => (
                <div key={c}>{c}</div>
              ))}
            </Box>
          )}
        />
      </DataTable>
    </List>
  );
}
