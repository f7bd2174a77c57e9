/** Indstillinger: the draft's settings, intake paths and credit-note / reminder / governance policies, as a form. */
import { Card, CardContent, FormControlLabel, Stack, Switch, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import { formatAmount } from '../layout/money';
import { listOfLines, parseMoneyInput, type RulesetDocument } from './model';

type Obj = Record<string, unknown>;

interface Props {
  doc: RulesetDocument;
  errors: Map<string, string>;
  warnings: Map<string, string>;
  readOnly: boolean;
  onChange: (doc: RulesetDocument) => void;
}

/** The message at `pointer` or any pointer below it (a list's items). */
function at(map: Map<string, string>, pointer: string): string | undefined {
  const out: string[] = [];
  for (const [p, m] of map) if (p === pointer || p.startsWith(`${pointer}/`)) out.push(m);
  return out.length ? out.join(' ') : undefined;
}

function Section({ title, children }: { title?: string; children: React.ReactNode }) {
  return (
    <Card variant="outlined">
      <CardContent>
        {title && (
          <Typography variant="h6" component="h2" gutterBottom>
            {title}
          </Typography>
        )}
        <Stack spacing={2}>{children}</Stack>
      </CardContent>
    </Card>
  );
}

/**
 * An amount field: shows the ruleset's "100.50" as the console's language writes it ("100,50"),
 * takes it typed either way, and stores it as the ruleset writes it when the field is left. What
 * is not an amount stays as typed, for the server to mark.
 */
function MoneyField(props: {
  label: string;
  value: unknown;
  disabled: boolean;
  onChange: (value: string | null) => void;
  error: boolean;
  helperText?: string;
}) {
  const [locale] = useLocaleState();
  const [typing, setTyping] = useState<string | null>(null);
  const stored = props.value == null ? '' : String(props.value);
  const shown = formatAmount(stored, locale) ?? stored;
  return (
    <TextField
      label={props.label}
      value={typing ?? shown}
      disabled={props.disabled}
      slotProps={{ htmlInput: { inputMode: 'decimal' } }}
      onFocus={() => setTyping(shown)}
      onChange={(e) => {
        setTyping(e.target.value);
        props.onChange(e.target.value === '' ? null : e.target.value);
      }}
      onBlur={() => {
        // only a change is a change: focusing and leaving the field does not dirty the draft
        const parsed = typing === null || typing === '' ? null : parseMoneyInput(typing);
        if (parsed !== null && parsed !== stored) props.onChange(parsed);
        setTyping(null);
      }}
      error={props.error}
      helperText={props.helperText}
    />
  );
}

export function SettingsTab({ doc, errors, warnings, readOnly, onChange }: Props) {
  const translate = useTranslate();
  const section = (key: string): Obj => (doc[key] as Obj | undefined) ?? {};
  const set = (key: string, field: string, value: unknown) => {
    const next = { ...section(key) };
    if (value === undefined) delete next[field];
    else next[field] = value;
    onChange({ ...doc, [key]: next });
  };
  const helper = (pointer: string, hint?: string) => {
    const e = at(errors, pointer);
    const w = at(warnings, pointer);
    return { error: Boolean(e), helperText: e ?? w ?? hint };
  };
  const label = (k: string) => translate(`ruleset.settings.${k}`);

  const toggle = (key: string, field: string) => {
    const h = helper(`/${key}/${field}`);
    return (
      <Stack key={`${key}.${field}`}>
        <FormControlLabel
          control={
            <Switch
              checked={Boolean(section(key)[field])}
              disabled={readOnly}
              onChange={(e) => set(key, field, e.target.checked)}
            />
          }
          label={label(`${key}.${field}`)}
        />
        {h.helperText && (
          <Typography variant="caption" color={h.error ? 'error' : 'warning.dark'}>
            {h.helperText}
          </Typography>
        )}
      </Stack>
    );
  };

  /** `emptyIsDefault`: an emptied list is left out of the ruleset (the default places), not []. */
  const list = (key: string, field: string, hint: string, emptyIsDefault = false) => {
    const value = (section(key)[field] as string[] | undefined) ?? [];
    return (
      <TextField
        label={label(`${key}.${field}`)}
        value={value.join('\n')}
        multiline
        minRows={2}
        disabled={readOnly}
        onChange={(e) => set(key, field, listOfLines(e.target.value, { emptyIsDefault }))}
        onBlur={() => set(key, field, listOfLines(value.join('\n'), { emptyIsDefault, trim: true }))}
        {...helper(`/${key}/${field}`, translate(hint))}
      />
    );
  };

  const text = (key: string, field: string, opts: { hint?: string } = {}) => {
    const v = section(key)[field];
    return (
      <TextField
        label={label(`${key}.${field}`)}
        value={v == null ? '' : String(v)}
        disabled={readOnly}
        onChange={(e) => set(key, field, e.target.value === '' ? undefined : e.target.value)}
        {...helper(`/${key}/${field}`, opts.hint ? translate(opts.hint) : undefined)}
      />
    );
  };

  /** An amount that may be empty (null: the setting is off). */
  const money = (key: string, field: string, hint: string) => (
    <MoneyField
      label={label(`${key}.${field}`)}
      value={section(key)[field]}
      disabled={readOnly}
      onChange={(value) => set(key, field, value)}
      {...helper(`/${key}/${field}`, translate(hint))}
    />
  );

  const split = section('settings').invoiceSplit as { enabled?: boolean } | undefined;

  return (
    <Stack spacing={2} sx={{ maxWidth: 900 }}>
      <Card variant="outlined">
        <CardContent>
          <Stack spacing={2}>
            <TextField
              label={label('name')}
              value={String(doc.name ?? '')}
              disabled={readOnly}
              onChange={(e) => onChange({ ...doc, name: e.target.value })}
              {...helper('/name')}
            />
            <TextField
              label={label('description')}
              value={String(doc.description ?? '')}
              multiline
              disabled={readOnly}
              onChange={(e) => onChange({ ...doc, description: e.target.value })}
              {...helper('/description')}
            />
          </Stack>
        </CardContent>
      </Card>
      <Section title={label('general')}>
        {toggle('settings', 'automaticProcessing')}
        {toggle('settings', 'acceptVat')}
        <Stack>
          <FormControlLabel
            control={
              <Switch
                checked={Boolean(split?.enabled)}
                disabled={readOnly}
                onChange={(e) => set('settings', 'invoiceSplit', { enabled: e.target.checked })}
              />
            }
            label={label('settings.invoiceSplit')}
          />
        </Stack>
        {list('settings', 'kpEans', 'ruleset.settings.oneEachLine')}
        {text('settings', 'currency')}
      </Section>
      <Section title={label('intake.title')}>
        {list('intake', 'cpr', 'ruleset.settings.cprPathHint', true)}
        {text('intake', 'cprPattern', { hint: 'ruleset.settings.cprPatternHint' })}
        {list('intake', 'serviceNumber', 'ruleset.settings.servicePathHint', true)}
      </Section>
      <Section title={label('policies')}>
        {toggle('creditNotes', 'autoApproveWhenInvoiceApproved')}
        {text('reminders', 'feeAccount')}
        {money('reminders', 'autoAcceptFeeUpTo', 'ruleset.settings.moneyHint')}
        {toggle('governance', 'requireApproval')}
      </Section>
    </Stack>
  );
}
