/**
 * One of the draft's tables (Ydelsesnumre, Sagstyper …) as a virtualized MUI X DataGrid: inline
 * cell editing, quick search as one types, sort; the server's pointers
 * (`/serviceNumbers/3/maxAmount`) mark the exact cell with the message, warnings beside.
 */
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/DeleteOutline';
import { Box, Button, Stack, Tooltip } from '@mui/material';
import {
  DataGrid,
  GridActionsCellItem,
  type GridColDef,
  type GridRenderCellParams,
  type GridRowModel,
} from '@mui/x-data-grid';
import { daDK, enUS } from '@mui/x-data-grid/locales';
import { useCallback, useMemo } from 'react';
import { useTranslate } from 'react-admin';
import { formatAmount } from '../layout/money';
import { byAmount, formatMoney, parseMoneyInput } from './model';
import { useLocale } from './hooks';
import { IssueList } from './IssueList';
import type { Issue } from './model';

export interface ColumnSpec {
  field: string;
  type: 'string' | 'money' | 'boolean' | 'select' | 'date' | 'nullableDate';
  options?: readonly string[];
  flex?: number;
  width?: number;
}

type Item = Record<string, unknown>;

interface Props {
  /** The document's key and pointer base: `serviceNumbers` → `/serviceNumbers/<index>/<field>`. */
  name: string;
  items: readonly Item[];
  columns: readonly ColumnSpec[];
  errors: Map<string, string>;
  warnings: Map<string, string>;
  issues: { errors: readonly Issue[]; warnings: readonly Issue[] };
  readOnly: boolean;
  newItem: () => Item;
  onChange: (items: Item[]) => void;
}

/** What the user typed → the document's value (a money cell keeps an invalid text, for the server to mark). */
function parseCell(spec: ColumnSpec, value: unknown): unknown {
  if (spec.type === 'boolean') return Boolean(value);
  const text = value == null ? '' : String(value).trim();
  if (spec.type === 'money') return text === '' ? null : parseMoneyInput(text);
  if (spec.type === 'nullableDate') return text === '' ? null : text;
  return text;
}

export function TableGrid({
  name,
  items,
  columns,
  errors,
  warnings,
  issues,
  readOnly,
  newItem,
  onChange,
}: Props) {
  const translate = useTranslate();
  const locale = useLocale();
  const rows = useMemo(() => items.map((item, id) => ({ ...item, id })), [items]);

  const renderCell = useCallback(
    (spec: ColumnSpec) => (params: GridRenderCellParams) => {
      const pointer = `/${name}/${String(params.id)}/${spec.field}`;
      const error = errors.get(pointer);
      const warning = warnings.get(pointer);
      const shown =
        spec.type === 'money'
          ? formatMoney(params.row[spec.field], locale)
          : spec.type === 'boolean'
            ? translate(params.value ? 'ruleset.yes' : 'ruleset.no')
            : spec.type === 'select' && params.value
              ? String(params.value)
              : String(params.value ?? '');
      const note = error ?? warning;
      return (
        <Tooltip title={note ?? ''}>
          <Box
            sx={{ lineHeight: 1.3, overflow: 'hidden', py: 0.5, whiteSpace: 'normal' }}
            aria-invalid={error ? true : undefined}
          >
            <span>{shown}</span>
            {note && (
              <Box
                component="span"
                role={error ? 'alert' : 'note'}
                sx={{ display: 'block', fontSize: '0.75rem', color: error ? 'error.main' : 'warning.dark' }}
              >
                {note}
              </Box>
            )}
          </Box>
        </Tooltip>
      );
    },
    [errors, warnings, locale, name, translate],
  );

  const cols = useMemo<GridColDef[]>(() => {
    const out: GridColDef[] = columns.map((spec) => ({
      field: spec.field,
      headerName: translate(`ruleset.fields.${name}.${spec.field}`),
      editable: !readOnly,
      ...(spec.flex ? { flex: spec.flex } : { width: spec.width ?? 140 }),
      ...(spec.type === 'boolean' ? { type: 'boolean' as const } : {}),
      ...(spec.type === 'select'
        ? { type: 'singleSelect' as const, valueOptions: [...(spec.options ?? [])] }
        : {}),
      ...(spec.type === 'money'
        ? {
            align: 'right' as const,
            headerAlign: 'right' as const,
            // edited (and searched) as the console's language writes it: 1.800,00
            valueGetter: (value: unknown) =>
              typeof value === 'string' ? (formatAmount(value, locale) ?? value) : value,
            sortComparator: byAmount,
          }
        : {}),
      renderCell: renderCell(spec),
      cellClassName: (params) => {
        const p = `/${name}/${String(params.id)}/${spec.field}`;
        return errors.has(p) ? 'cell-error' : warnings.has(p) ? 'cell-warning' : '';
      },
    }));
    if (!readOnly)
      out.push({
        field: 'actions',
        type: 'actions',
        width: 60,
        getActions: (params) => [
          <GridActionsCellItem
            key="delete"
            icon={<DeleteIcon />}
            label={translate('ruleset.deleteRow')}
            onClick={() => onChange(items.filter((_, i) => i !== params.id))}
          />,
        ],
      });
    return out;
  }, [columns, errors, warnings, items, locale, name, onChange, readOnly, renderCell, translate]);

  const processRowUpdate = useCallback(
    (row: GridRowModel) => {
      const index = Number(row.id);
      const before = items[index] ?? {};
      const next: Item = { ...before };
      for (const spec of columns) {
        const v = parseCell(spec, row[spec.field]);
        if (v === '' && before[spec.field] === undefined) continue;
        if (v === null && spec.type === 'nullableDate' && before[spec.field] === undefined) continue;
        next[spec.field] = v;
      }
      onChange(items.map((it, i) => (i === index ? next : it)));
      return { ...next, id: index };
    },
    [columns, items, onChange],
  );

  const localeText = (locale === 'da' ? daDK : enUS).components.MuiDataGrid.defaultProps.localeText;

  return (
    <Stack spacing={1}>
      <IssueList name={name} issues={issues} items={items} />
      {!readOnly && (
        <Box>
          <Button startIcon={<AddIcon />} onClick={() => onChange([...items, newItem()])}>
            {translate('ruleset.addRow')}
          </Button>
        </Box>
      )}
      <Box sx={{ height: 'calc(100vh - 330px)', minHeight: 360, width: '100%' }}>
        <DataGrid
          rows={rows}
          columns={cols}
          localeText={localeText}
          label={translate(`ruleset.tabs.${name}`)}
          showToolbar
          slotProps={{
            toolbar: {
              showQuickFilter: true,
              quickFilterProps: { debounceMs: 100 },
              csvOptions: { disableToolbarButton: true },
              printOptions: { disableToolbarButton: true },
            },
          }}
          getRowHeight={() => 'auto'}
          density="compact"
          processRowUpdate={processRowUpdate}
          disableRowSelectionOnClick
          pageSizeOptions={[]}
          hideFooterPagination
          sx={{
            '& .cell-error': { outline: '2px solid', outlineColor: 'error.main', outlineOffset: '-2px' },
            '& .cell-warning': { bgcolor: 'warning.light' },
          }}
        />
      </Box>
    </Stack>
  );
}
