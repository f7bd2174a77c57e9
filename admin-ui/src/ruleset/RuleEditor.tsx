/**
 * One rule: name, priority, event and reason as fields; its conditions in react-querybuilder
 * (MUI) over the fact catalogue from GET /facts, and the same rule as JSON in CodeMirror beside
 * it — kept in sync both ways (conditions.ts converts losslessly). A locked template rule is
 * shown read-only (the server refuses changes too).
 */
import { json } from '@codemirror/lang-json';
import CloseIcon from '@mui/icons-material/Close';
import LockIcon from '@mui/icons-material/Lock';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Grid,
  IconButton,
  InputAdornment,
  MenuItem,
  Stack,
  TextField,
  Tooltip,
  Typography,
} from '@mui/material';
import { QueryBuilderMaterial, MaterialValueEditor } from '@react-querybuilder/material';
import CodeMirror from '@uiw/react-codemirror';
import { useMemo, useState } from 'react';
import { useTranslate } from 'react-admin';
import {
  QueryBuilder,
  type ActionProps,
  type Field,
  type Operator,
  type ValueEditorProps,
} from 'react-querybuilder';
import { parseAmountInput } from '../layout/amount-input';
import { formatAmount } from '../layout/money';
import 'react-querybuilder/dist/query-builder.css';
import { CONDITION_FIELD, CONDITION_OPERATOR, fromQuery, toQuery, type BuilderGroup } from './conditions';
import { useLocale } from './hooks';
import { issueMap, type Catalogue, type Issue, type Rule, type RulesetDocument } from './model';

interface Props {
  rule: Rule;
  index: number;
  doc: RulesetDocument;
  catalogue: Catalogue;
  issues: { errors: readonly Issue[]; warnings: readonly Issue[] };
  readOnly: boolean;
  onChange: (rule: Rule) => void;
  onDelete: () => void;
}

const ORDER = ['name', 'description', 'priority', 'locked', 'conditions', 'event'];

/** The rule as JSON, its keys in the order one reads a rule (the database does not keep key order). */
const pretty = (rule: Rule) => {
  const known = ORDER.filter((k) => k in rule).map((k) => [
    k,
    (rule as unknown as Record<string, unknown>)[k],
  ]);
  const others = Object.entries(rule).filter(([k]) => !ORDER.includes(k));
  return JSON.stringify(Object.fromEntries([...known, ...others]), null, 2);
};

/** The operators the builder offers for a fact type, as the catalogue names them (plus "ikke: …"). */
function operatorsFor(catalogue: Catalogue, type: string, locale: 'da' | 'en'): Operator[] {
  const base = catalogue.operators.filter((o) => o.factTypes.includes(type));
  const not = catalogue.decorators.find((d) => d.name === 'not');
  const out: Operator[] = base.map((o) => ({ name: o.name, label: o.label[locale] }));
  if (not)
    for (const o of base)
      out.push({ name: `not:${o.name}`, label: `${not.label[locale]}: ${o.label[locale]}` });
  if (type.endsWith('[]')) {
    for (const d of catalogue.decorators.filter((x) => x.name === 'someFact' || x.name === 'everyFact'))
      for (const o of catalogue.operators.filter((x) => x.factTypes.includes(type.slice(0, -2))))
        out.push({ name: `${d.name}:${o.name}`, label: `${d.label[locale]}: ${o.label[locale]}` });
  }
  return out;
}

/** The value as the fact's type wants it: numbers for integers, booleans, lists for in/notIn, money as text. */
function coerce(value: unknown, factType: string | undefined, kind: string | undefined): unknown {
  const one = (v: unknown): unknown => {
    if (typeof v !== 'string') return v;
    const t = v.trim();
    if (factType === 'integer' && /^-?\d+$/.test(t)) return Number(t);
    if (factType === 'boolean' && (t === 'true' || t === 'false')) return t === 'true';
    return v;
  };
  if (kind === 'list') {
    const list = Array.isArray(value) ? value : String(value ?? '').split(',');
    return list.map((v) => one(typeof v === 'string' ? v.trim() : v));
  }
  return one(value);
}

interface EditorContext {
  typeOf: Map<string, string>;
  kindOf: Map<string, string>;
  locale: 'da' | 'en';
  /** "Fjern betingelse" / "Fjern gruppe": the remove buttons' names and tooltips. */
  removeRule: string;
  removeGroup: string;
  notAmount: string;
}

/**
 * A money value as the console writes amounts everywhere ("30.000,00 kr." in Danish), stored as
 * the API's decimal string ("30000.00"). What is typed is kept while it is not an amount, and
 * said so; the rule keeps its last amount.
 */
function MoneyValueEditor(props: ValueEditorProps & { locale: 'da' | 'en'; notAmount: string }) {
  const shown = (v: unknown) => formatAmount(typeof v === 'string' ? v : '', props.locale) ?? String(v ?? '');
  const [text, setText] = useState(() => shown(props.value));
  const [editing, setEditing] = useState(false);
  const parsed = parseAmountInput(text);
  return (
    <TextField
      size="small"
      variant="standard"
      className={props.className}
      disabled={props.disabled}
      value={editing ? text : shown(props.value)}
      error={editing && text.trim() !== '' && parsed === null}
      helperText={editing && text.trim() !== '' && parsed === null ? props.notAmount : undefined}
      onFocus={() => {
        setText(shown(props.value));
        setEditing(true);
      }}
      onBlur={() => setEditing(false)}
      onChange={(e) => {
        setText(e.target.value);
        const amount = parseAmountInput(e.target.value);
        if (amount !== null) props.handleOnChange(amount);
      }}
      slotProps={{
        htmlInput: { 'aria-label': props.title, inputMode: 'decimal' },
        input: {
          endAdornment:
            props.locale === 'da' ? <InputAdornment position="end">kr.</InputAdornment> : undefined,
          startAdornment:
            props.locale === 'en' ? <InputAdornment position="start">DKK</InputAdornment> : undefined,
        },
      }}
    />
  );
}

/** The remove buttons: an icon with its name (aria-label) and a tooltip saying what it removes. */
function RemoveAction(props: ActionProps & { name: string }) {
  return (
    <Tooltip title={props.name}>
      <span>
        <IconButton
          size="small"
          aria-label={props.name}
          className={props.className}
          disabled={props.disabled}
          onClick={(e) => props.handleOnClick(e)}
        >
          <CloseIcon fontSize="small" />
        </IconButton>
      </span>
    </Tooltip>
  );
}

function RemoveRuleAction(props: ActionProps) {
  return <RemoveAction {...props} name={(props.context as EditorContext).removeRule} />;
}

function RemoveGroupAction(props: ActionProps) {
  return <RemoveAction {...props} name={(props.context as EditorContext).removeGroup} />;
}

/** The value editor: gives the fact's type back (booleans and integers come back from inputs as text). */
function TypedValueEditor(props: ValueEditorProps) {
  const { typeOf, kindOf, locale, notAmount } = props.context as EditorContext;
  const factType = typeOf.get(props.field);
  const kind = kindOf.get(props.operator.split(':').pop() ?? '');
  if (props.valueSource !== 'field' && factType?.startsWith('money') && kind !== 'list')
    return <MoneyValueEditor {...props} locale={locale} notAmount={notAmount} />;
  const shown =
    props.valueSource !== 'field' && typeof props.value === 'boolean' ? String(props.value) : props.value;
  return (
    <MaterialValueEditor
      {...props}
      value={shown}
      handleOnChange={(v: unknown) =>
        props.handleOnChange(props.valueSource === 'field' ? v : coerce(v, factType, kind))
      }
    />
  );
}

export default function RuleEditor({
  rule,
  index,
  doc,
  catalogue,
  issues,
  readOnly,
  onChange,
  onDelete,
}: Props) {
  const translate = useTranslate();
  const locale = useLocale();
  const [query, setQuery] = useState<BuilderGroup>(() => toQuery(rule.conditions));
  const [text, setText] = useState(() => pretty(rule));
  const [jsonError, setJsonError] = useState<string | null>(null);

  const facts = catalogue.facts;
  const typeOf = useMemo(() => new Map(facts.map((f) => [f.name, f.type])), [facts]);
  const kindOf = useMemo(() => new Map(catalogue.operators.map((o) => [o.name, o.value])), [catalogue]);

  const editorContext = useMemo<EditorContext>(
    () => ({
      typeOf,
      kindOf,
      locale,
      removeRule: translate('ruleset.builder.removeRule'),
      removeGroup: translate('ruleset.builder.removeGroup'),
      notAmount: translate('ruleset.builder.notAmount'),
    }),
    [typeOf, kindOf, locale, translate],
  );

  const fields = useMemo<Field[]>(() => {
    const named = Object.keys(doc.conditions ?? {});
    return [
      ...facts.map((f) => ({
        name: f.name,
        label: `${f.description[locale].replace(/\.$/, '')} (${f.name})`,
        operators: operatorsFor(catalogue, f.type, locale),
        ...(f.values
          ? { valueEditorType: 'select' as const, values: f.values.map((v) => ({ name: v, label: v })) }
          : {}),
        ...(f.type === 'boolean'
          ? {
              valueEditorType: 'select' as const,
              values: [
                { name: 'true', label: translate('ruleset.yes') },
                { name: 'false', label: translate('ruleset.no') },
              ],
            }
          : {}),
      })),
      {
        name: CONDITION_FIELD,
        label: translate('ruleset.rules.namedCondition'),
        operators: [{ name: CONDITION_OPERATOR, label: translate('ruleset.rules.holds') }],
        valueEditorType: 'select' as const,
        values: named.map((n) => ({ name: n, label: n })),
        valueSources: ['value'],
      },
    ];
  }, [facts, catalogue, doc.conditions, locale, translate]);

  const apply = (next: Rule, fromJson = false) => {
    if (!fromJson) setText(pretty(next));
    onChange(next);
  };

  const onQuery = (q: BuilderGroup) => {
    setQuery(q);
    setJsonError(null);
    apply({ ...rule, conditions: fromQuery(q) });
  };

  const onText = (value: string) => {
    setText(value);
    try {
      const parsed = JSON.parse(value) as Rule;
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      setJsonError(null);
      setQuery(toQuery(parsed.conditions));
      apply(parsed, true);
    } catch (err) {
      setJsonError((err as Error).message);
    }
  };

  const errors = issueMap(
    issues.errors.filter((i) => i.pointer.includes(`/rules/${index}`)),
    locale,
  );
  const fieldError = (f: string) => {
    const e = errors.get(`/rules/${index}/${f}`);
    return e ? { error: true, helperText: e } : {};
  };
  const reasons = (
    rule.event?.type === 'reject'
      ? ((doc.rejectionReasons as { code: string; text: string; manualOnly?: boolean }[]) ?? []).filter(
          (r) => !r.manualOnly,
        )
      : ((doc.manualReasons as { code: string; text: string }[]) ?? [])
  ).map((r) => r.code);
  if (rule.event?.params?.reason && !reasons.includes(rule.event.params.reason))
    reasons.push(rule.event.params.reason);
  const setEvent = (patch: Partial<Rule['event']>, params?: Partial<Rule['event']['params']>) =>
    apply({ ...rule, event: { ...rule.event, ...patch, params: { ...rule.event.params, ...params } } });

  return (
    <Card
      variant="outlined"
      component="section"
      aria-label={translate('ruleset.rules.editorFor', { name: rule.name })}
    >
      <CardContent>
        <Stack spacing={2}>
          <Stack direction="row" spacing={1} alignItems="center" justifyContent="space-between">
            <Typography variant="h6" component="h2">
              {rule.name}
            </Typography>
            {!readOnly && (
              <Button color="error" onClick={onDelete}>
                {translate('ruleset.rules.delete')}
              </Button>
            )}
          </Stack>
          {rule.locked && (
            <Alert severity="info" icon={<LockIcon />}>
              {translate('ruleset.rules.lockedHint')}
            </Alert>
          )}
          <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
            <TextField
              label={translate('ruleset.rules.name')}
              value={rule.name}
              disabled={readOnly}
              onChange={(e) => apply({ ...rule, name: e.target.value })}
              {...fieldError('name')}
            />
            <TextField
              label={translate('ruleset.rules.priority')}
              type="number"
              value={rule.priority ?? ''}
              disabled={readOnly}
              onChange={(e) =>
                apply({ ...rule, priority: e.target.value === '' ? undefined! : Number(e.target.value) })
              }
              {...fieldError('priority')}
            />
            <TextField
              select
              sx={{ minWidth: 180 }}
              label={translate('ruleset.rules.event')}
              value={rule.event?.type ?? 'manual'}
              disabled={readOnly}
              onChange={(e) => setEvent({ type: e.target.value as 'reject' | 'manual' })}
            >
              <MenuItem value="reject">{translate('ruleset.rules.events.reject')}</MenuItem>
              <MenuItem value="manual">{translate('ruleset.rules.events.manual')}</MenuItem>
            </TextField>
            <TextField
              select
              sx={{ minWidth: 260 }}
              label={translate('ruleset.rules.reason')}
              value={rule.event?.params?.reason ?? ''}
              disabled={readOnly}
              onChange={(e) => setEvent({}, { reason: e.target.value })}
              {...fieldError('event/params/reason')}
            >
              {reasons.map((code) => (
                <MenuItem key={code} value={code}>
                  {code}
                </MenuItem>
              ))}
            </TextField>
          </Stack>
          <TextField
            label={translate('ruleset.rules.description')}
            value={rule.description ?? ''}
            multiline
            disabled={readOnly}
            onChange={(e) => apply({ ...rule, description: e.target.value })}
          />
          <Grid container spacing={2}>
            <Grid size={{ xs: 12, lg: 7 }}>
              <Typography variant="subtitle2" gutterBottom>
                {translate('ruleset.rules.builder')}
              </Typography>
              <Box
                role="group"
                aria-label={translate('ruleset.rules.builder')}
                sx={{
                  // One condition, one line: fact · operator · value · remove.
                  '& .rule': { display: 'flex', flexWrap: 'nowrap', alignItems: 'flex-end', gap: 1 },
                  '& .rule > .MuiFormControl-root, & .rule > .MuiTextField-root': {
                    width: 'auto',
                    minWidth: 0,
                    m: 0,
                  },
                  '& .rule-fields': { flex: '3 1 0' },
                  '& .rule-operators': { flex: '2 1 0' },
                  '& .rule-valueSource': { flex: '0 1 auto' },
                  '& .rule-value': { flex: '2 1 0' },
                  '& .rule-remove, & .ruleGroup-remove': { flexShrink: 0 },
                  '& .ruleGroup-header': { flexWrap: 'wrap', rowGap: 1, alignItems: 'center' },
                  '& .ruleGroup-header button': { whiteSpace: 'nowrap', flexShrink: 0 },
                }}
              >
                <QueryBuilderMaterial>
                  <QueryBuilder
                    fields={fields}
                    query={query}
                    onQueryChange={(q) => onQuery(q as BuilderGroup)}
                    getValueSources={(field) =>
                      field === CONDITION_FIELD
                        ? [{ name: 'value', value: 'value', label: translate('ruleset.builder.sourceValue') }]
                        : [
                            {
                              name: 'value',
                              value: 'value',
                              label: translate('ruleset.builder.sourceValue'),
                            },
                            { name: 'field', value: 'field', label: translate('ruleset.builder.sourceFact') },
                          ]
                    }
                    controlElements={{
                      valueEditor: TypedValueEditor,
                      removeRuleAction: RemoveRuleAction,
                      removeGroupAction: RemoveGroupAction,
                    }}
                    context={editorContext}
                    showNotToggle
                    disabled={readOnly}
                    translations={{
                      addRule: {
                        label: translate('ruleset.builder.addRule'),
                        title: translate('ruleset.builder.addRule'),
                      },
                      addGroup: {
                        label: translate('ruleset.builder.addGroup'),
                        title: translate('ruleset.builder.addGroup'),
                      },
                      removeRule: { label: '', title: translate('ruleset.builder.removeRule') },
                      removeGroup: { label: '', title: translate('ruleset.builder.removeGroup') },
                      notToggle: {
                        label: translate('ruleset.builder.not'),
                        title: translate('ruleset.builder.not'),
                      },
                      fields: {
                        title: translate('ruleset.builder.fact'),
                        placeholderLabel: translate('ruleset.builder.chooseFact'),
                      },
                      operators: { title: translate('ruleset.builder.operator') },
                      value: { title: translate('ruleset.builder.value') },
                      valueSourceSelector: { title: translate('ruleset.builder.valueSource') },
                      combinators: { title: translate('ruleset.builder.combinator') },
                    }}
                    combinators={[
                      { name: 'and', label: translate('ruleset.builder.and') },
                      { name: 'or', label: translate('ruleset.builder.or') },
                    ]}
                    resetOnFieldChange
                  />
                </QueryBuilderMaterial>
              </Box>
            </Grid>
            <Grid size={{ xs: 12, lg: 5 }}>
              <Typography variant="subtitle2" gutterBottom>
                {translate('ruleset.rules.json')}
              </Typography>
              <Box
                sx={{ border: 1, borderColor: jsonError ? 'error.main' : 'divider', borderRadius: 1 }}
                aria-label={translate('ruleset.rules.json')}
              >
                <CodeMirror
                  value={text}
                  extensions={[json()]}
                  readOnly={readOnly}
                  editable={!readOnly}
                  onChange={onText}
                  maxHeight="520px"
                  basicSetup={{ foldGutter: false, lineNumbers: false }}
                />
              </Box>
              {jsonError && (
                <Typography variant="caption" color="error">
                  {translate('ruleset.rules.jsonInvalid', { message: jsonError })}
                </Typography>
              )}
            </Grid>
          </Grid>
        </Stack>
      </CardContent>
    </Card>
  );
}
