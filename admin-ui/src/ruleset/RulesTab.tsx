/** Regler: each rule with its priority, event and reason; the chosen rule opens in the (lazy) rule editor. */
import AddIcon from '@mui/icons-material/Add';
import LockIcon from '@mui/icons-material/Lock';
import {
  Box,
  Button,
  Chip,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Tooltip,
} from '@mui/material';
import { lazy, Suspense, useState } from 'react';
import { Loading, useTranslate } from 'react-admin';
import { IssueList } from './IssueList';
import type { Catalogue, Issue, Rule, RulesetDocument } from './model';
import { countUnder } from './model';

const RuleEditor = lazy(() => import('./RuleEditor'));

interface Props {
  doc: RulesetDocument;
  catalogue: Catalogue;
  issues: { errors: readonly Issue[]; warnings: readonly Issue[] };
  readOnly: boolean;
  onChange: (doc: RulesetDocument) => void;
}

export function RulesTab({ doc, catalogue, issues, readOnly, onChange }: Props) {
  const translate = useTranslate();
  const rules = doc.rules ?? [];
  const [selected, setSelected] = useState<number | null>(null);
  const setRules = (next: Rule[]) => onChange({ ...doc, rules: next });
  const add = () => {
    const rule: Rule = {
      name: `ny-regel-${rules.length + 1}`,
      priority: 10,
      conditions: { all: [] },
      event: {
        type: 'manual',
        params: { reason: String((doc.manualReasons as { code: string }[])?.[0]?.code ?? '') },
      },
    };
    setRules([...rules, rule]);
    setSelected(rules.length);
  };
  const current = selected !== null ? rules[selected] : undefined;
  return (
    <Stack spacing={2}>
      <IssueList name="rules" issues={issues} items={rules as unknown as Record<string, unknown>[]} />
      <TableContainer component={Paper} variant="outlined" sx={{ maxHeight: 360 }}>
        <Table size="small" stickyHeader aria-label={translate('ruleset.tabs.rules')}>
          <TableHead>
            <TableRow>
              <TableCell>{translate('ruleset.rules.priority')}</TableCell>
              <TableCell>{translate('ruleset.rules.name')}</TableCell>
              <TableCell>{translate('ruleset.rules.event')}</TableCell>
              <TableCell>{translate('ruleset.rules.reason')}</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {rules.map((r, i) => {
              const errors = countUnder(issues.errors, `/rules/${i}`);
              return (
                <TableRow
                  key={i}
                  hover
                  selected={selected === i}
                  onClick={() => setSelected(i)}
                  sx={{ cursor: 'pointer' }}
                >
                  <TableCell>{r.priority ?? 1}</TableCell>
                  <TableCell>
                    <Stack direction="row" spacing={1} alignItems="center">
                      {r.locked && (
                        <Tooltip title={translate('ruleset.rules.lockedHint')}>
                          <LockIcon fontSize="small" aria-label={translate('ruleset.rules.locked')} />
                        </Tooltip>
                      )}
                      <span>{r.name}</span>
                      {errors > 0 && (
                        <Chip
                          size="small"
                          color="error"
                          label={translate('ruleset.issues.errors', { smart_count: errors })}
                        />
                      )}
                    </Stack>
                  </TableCell>
                  <TableCell>
                    {translate(`ruleset.rules.events.${r.event?.type === 'reject' ? 'reject' : 'manual'}`)}
                  </TableCell>
                  <TableCell>{r.event?.params?.reason}</TableCell>
                  <TableCell align="right">
                    <Button size="small">
                      {translate(r.locked || readOnly ? 'ruleset.rules.show' : 'ruleset.rules.edit')}
                    </Button>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </TableContainer>
      {!readOnly && (
        <Box>
          <Button startIcon={<AddIcon />} onClick={add}>
            {translate('ruleset.rules.add')}
          </Button>
        </Box>
      )}
      {current && selected !== null && (
        <Suspense fallback={<Loading />}>
          <RuleEditor
            key={selected}
            rule={current}
            index={selected}
            doc={doc}
            catalogue={catalogue}
            issues={issues}
            readOnly={readOnly || Boolean(current.locked)}
            onChange={(rule) => setRules(rules.map((r, i) => (i === selected ? rule : r)))}
            onDelete={() => {
              setRules(rules.filter((_, i) => i !== selected));
              setSelected(null);
            }}
          />
        </Suspense>
      )}
    </Stack>
  );
}
