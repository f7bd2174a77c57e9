/** A tab's errors (red) and lint warnings (beside, amber — not errors), each naming the row it is about. */
import { Alert, AlertTitle, Box } from '@mui/material';
import { useTranslate } from 'react-admin';
import { docPointer, type Issue } from './model';
import { useLocale } from './hooks';

const SHOWN = 8;

function rowName(
  items: readonly Record<string, unknown>[] | undefined,
  pointer: string,
  name: string,
): string {
  const m = new RegExp(`^/${name}/(\\d+)`).exec(pointer);
  if (!m || !items) return '';
  const item = items[Number(m[1])];
  const label = item?.code ?? item?.supplier ?? item?.name;
  return label ? `${String(label)}: ` : `#${Number(m[1]) + 1}: `;
}

export function IssueList({
  name,
  issues,
  items,
}: {
  name: string;
  issues: { errors: readonly Issue[]; warnings: readonly Issue[] };
  items?: readonly Record<string, unknown>[];
}) {
  const translate = useTranslate();
  const locale = useLocale();
  const under = (list: readonly Issue[]) =>
    list.filter((i) => {
      const p = docPointer(i.pointer);
      return name === '' ? true : p === `/${name}` || p.startsWith(`/${name}/`);
    });
  const errors = under(issues.errors);
  const warnings = under(issues.warnings);
  const lines = (list: Issue[]) => (
    <Box component="ul" sx={{ m: 0, pl: 2 }}>
      {list.slice(0, SHOWN).map((i, n) => (
        <li key={n}>
          {rowName(items, docPointer(i.pointer), name)}
          {i.messages?.[locale] ?? i.message}
        </li>
      ))}
      {list.length > SHOWN && <li>{translate('ruleset.issues.more', { n: list.length - SHOWN })}</li>}
    </Box>
  );
  return (
    <>
      {errors.length > 0 && (
        <Alert severity="error">
          <AlertTitle>{translate('ruleset.issues.errors', { smart_count: errors.length })}</AlertTitle>
          {lines(errors)}
        </Alert>
      )}
      {warnings.length > 0 && (
        <Alert severity="warning">
          <AlertTitle>{translate('ruleset.issues.warnings', { smart_count: warnings.length })}</AlertTitle>
          {lines(warnings)}
        </Alert>
      )}
    </>
  );
}
