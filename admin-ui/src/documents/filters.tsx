/** The filters of both lists: reason and supplier (their choices and counts from GET …/documents/summary), stage, type, period. */
import { AutocompleteInput, DateInput, SelectInput, useListContext, useTranslate } from 'react-admin';
import { useReasonText, useSummary } from './hooks';

const TYPES = ['invoice', 'creditNote', 'reminder'] as const;
const STAGES = ['review', 'approval', 'investigation'] as const;
const STATUSES = ['approved', 'manual', 'rejected', 'annulled'] as const;

/** The filter the list sends: its own values and the permanent ones (the queue's status). */
export function useEffectiveFilter(): Record<string, unknown> {
  const { filterValues, filter } = useListContext();
  return { ...(filterValues as Record<string, unknown>), ...((filter as Record<string, unknown>) ?? {}) };
}

function ReasonInput({ source, alwaysOn: _a }: { source: string; alwaysOn?: boolean }) {
  const { data } = useSummary(useEffectiveFilter());
  const reasonText = useReasonText();
  const choices = (data?.reasons ?? []).map((r) => ({
    id: r.code,
    name: `${reasonText(r.code, r.text)} (${r.count})`,
  }));
  return (
    <SelectInput
      source={source}
      label="resources.documents.filters.reason"
      choices={choices}
      translateChoice={false}
      sx={{ minWidth: 260, maxWidth: 360 }}
    />
  );
}

function SupplierInput({ source, alwaysOn: _a }: { source: string; alwaysOn?: boolean }) {
  const { data } = useSummary(useEffectiveFilter());
  const choices = (data?.suppliers ?? []).map((s) => ({
    id: s.id,
    name: `${s.name ?? s.id} (${s.count})`,
  }));
  return (
    <AutocompleteInput
      source={source}
      label="resources.documents.filters.supplier"
      choices={choices}
      translateChoice={false}
      sx={{ minWidth: 260 }}
    />
  );
}

export function useDocumentFilters(queue: boolean) {
  const translate = useTranslate();
  const choice = (prefix: string) => (id: string) => ({
    id,
    name: translate(`resources.documents.${prefix}.${id}`),
  });
  return [
    <ReasonInput key="reason" source="reason" alwaysOn />,
    <SupplierInput key="supplier" source="supplier" alwaysOn />,
    queue ? (
      <SelectInput
        key="stage"
        source="stage"
        label="resources.documents.fields.stage"
        choices={STAGES.map(choice('stage'))}
        alwaysOn
      />
    ) : (
      <SelectInput
        key="status"
        source="status"
        label="resources.documents.fields.status"
        choices={STATUSES.map(choice('status'))}
        alwaysOn
      />
    ),
    <SelectInput
      key="documentType"
      source="documentType"
      label="resources.documents.fields.documentType"
      choices={TYPES.map(choice('type'))}
      alwaysOn
    />,
    <DateInput key="from" source="from" label="resources.documents.filters.from" alwaysOn />,
    <DateInput key="to" source="to" label="resources.documents.filters.to" alwaysOn />,
  ];
}
