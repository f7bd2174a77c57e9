import GavelIcon from '@mui/icons-material/Gavel';
import { ListEmpty } from '../layout/ListEmpty';
import { Box, Chip, Stack, Tooltip, Typography } from '@mui/material';
import {
  AutocompleteInput,
  DataTable,
  DateInput,
  List,
  SelectInput,
  TextInput,
  useTranslate,
} from 'react-admin';
import { DayAndTime, NameAndId } from '../layout/fields';
import { OutcomeChip, useReasonChoices } from './format';
import { useOverview } from '../ruleset/hooks';
import { useDkk } from '../layout/money';
import type { DecisionListItem } from './types';

const OUTCOMES = ['approved', 'manual', 'rejected'] as const;
const TYPES = ['invoice', 'creditNote', 'reminder'] as const;

function useFilters() {
  const translate = useTranslate();
  const reasons = useReasonChoices();
  const versions = useOverview().data?.versions ?? [];
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
  const money = useDkk();
  return (
    <List
      filters={useFilters()}
      sort={{ field: 'receivedAt', order: 'DESC' }}
      exporter={false}
      empty={<ListEmpty icon={GavelIcon} message="resources.decisions.noneYet" />}
    >
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col
          source="receivedAt"
          render={(r: DecisionListItem) => <DayAndTime iso={r.receivedAt} />}
        />
        <DataTable.Col
          label="resources.decisions.fields.document"
          disableSort
          render={(r: DecisionListItem) => (
            <Box>
              <Typography variant="body2" sx={{ fontWeight: 500, whiteSpace: 'nowrap' }}>
                {r.documentKey.id}
              </Typography>
              <Typography variant="caption" color="text.secondary">
                {translate(`resources.decisions.types.${r.documentKey.documentType}`)}
              </Typography>
            </Box>
          )}
        />
        <DataTable.Col
          label="resources.decisions.fields.supplier"
          disableSort
          render={(r: DecisionListItem) => <NameAndId name={r.supplierName} id={r.documentKey.supplier} />}
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
                  <Chip size="small" label={reason.code} sx={{ fontSize: 12 }} />
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
