/**
 * A decision's trace, readably: each rule with its priority and whether it fired, and each
 * condition as "fact (its Danish name) = value  operator  expected → true/false", nested
 * all/any/not indented as the rule has them. The trace holds the leaves in the order the rule's
 * condition tree lists them (named conditions expanded), so the tree comes from the deciding
 * version's document; without it (or if they do not line up) the leaves are shown in order.
 */
import { Box, Chip, FormControlLabel, Stack, Switch, Tooltip, Typography } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import { useRulesetVersion } from '../ruleset/hooks';
import type { Ruleset } from '../../../server/src/engine/ruleset.js';
import { useFacts, type FactCatalogue } from './format';
import type { TraceCondition, TraceRule } from './types';

type Node =
  | { kind: 'all' | 'any'; children: Node[] }
  | { kind: 'not'; child: Node }
  | { kind: 'named'; name: string; child: Node }
  | { kind: 'leaf'; condition: TraceCondition };

class Mismatch extends Error {}

/** The rule's condition tree with the trace's leaves in place; throws Mismatch when they do not line up. */
export function treeOf(conditions: unknown, named: Record<string, unknown>, leaves: TraceCondition[]): Node {
  let i = 0;
  const walk = (c: unknown, depth: number): Node => {
    if (depth > 50 || c === null || typeof c !== 'object') throw new Mismatch();
    const o = c as Record<string, unknown>;
    if (Array.isArray(o.all)) return { kind: 'all', children: o.all.map((x) => walk(x, depth + 1)) };
    if (Array.isArray(o.any)) return { kind: 'any', children: o.any.map((x) => walk(x, depth + 1)) };
    if (o.not !== undefined) return { kind: 'not', child: walk(o.not, depth + 1) };
    if (typeof o.condition === 'string') {
      if (!Object.hasOwn(named, o.condition)) throw new Mismatch();
      return { kind: 'named', name: o.condition, child: walk(named[o.condition], depth + 1) };
    }
    const leaf = leaves[i++];
    if (!leaf || leaf.fact !== o.fact) throw new Mismatch();
    return { kind: 'leaf', condition: leaf };
  };
  const tree = walk(conditions, 0);
  if (i !== leaves.length) throw new Mismatch();
  return tree;
}

export function resultOf(n: Node): boolean | null {
  switch (n.kind) {
    case 'leaf':
      return n.condition.result;
    case 'not': {
      const r = resultOf(n.child);
      return r === null ? null : !r;
    }
    case 'named':
      return resultOf(n.child);
    case 'all': {
      const rs = n.children.map(resultOf);
      return rs.includes(false) ? false : rs.includes(null) ? null : true;
    }
    case 'any': {
      const rs = n.children.map(resultOf);
      return rs.includes(true) ? true : rs.includes(null) ? null : false;
    }
  }
}

function ResultChip({ result }: { result: boolean | null }) {
  const translate = useTranslate();
  const key = result === null ? 'skipped' : String(result);
  return (
    <Chip
      size="small"
      variant={result ? 'filled' : 'outlined'}
      color={result ? 'success' : 'default'}
      label={translate(`resources.decisions.trace.${key}`)}
      sx={{ height: 20, fontSize: 12 }}
    />
  );
}

/** "Dokumenttype: faktura, kreditnota eller rykker." → "Dokumenttype". */
function shortName(description: string): string {
  const cut = description.search(/[:.(]/);
  return (cut > 0 ? description.slice(0, cut) : description).trim();
}

function useLabels(catalogue: FactCatalogue | undefined) {
  const [locale] = useLocaleState();
  const lang = locale === 'da' ? 'da' : 'en';
  const translate = useTranslate();
  const fact = (name: string) => {
    const f = catalogue?.facts.find((x) => x.name === name);
    return { label: f ? shortName(f.description[lang]) : name, description: f?.description[lang] ?? '' };
  };
  const operator = (name: string) => {
    const parts = name.split(':');
    const op = parts.pop()!;
    const words = parts.map((d) => catalogue?.decorators.find((x) => x.name === d)?.label[lang] ?? d);
    words.push(catalogue?.operators.find((x) => x.name === op)?.label[lang] ?? op);
    return words.join(' ');
  };
  const value = (v: unknown): string => {
    if (v === undefined || v === null) return translate('resources.decisions.trace.missing');
    if (typeof v === 'boolean') return translate(`resources.decisions.trace.${String(v)}`);
    if (typeof v === 'string') return v;
    return JSON.stringify(v);
  };
  return { fact, operator, value };
}

type Labels = ReturnType<typeof useLabels>;

function Leaf({ c, labels }: { c: TraceCondition; labels: Labels }) {
  const f = labels.fact(c.fact);
  const ref =
    c.value !== null && typeof c.value === 'object' && 'fact' in (c.value as object)
      ? (c.value as { fact: string; path?: string })
      : null;
  const expected = ref
    ? `${labels.fact(ref.fact).label}${ref.path ? ` ${ref.path}` : ''} (= ${labels.value(c.valueResult)})`
    : labels.value(c.value);
  return (
    <Stack direction="row" spacing={1} alignItems="baseline" useFlexGap flexWrap="wrap">
      <Tooltip title={f.description}>
        <Typography component="span" variant="body2" sx={{ fontWeight: 500 }}>
          {f.label}
        </Typography>
      </Tooltip>
      <Typography component="span" variant="caption" color="text.secondary" sx={{ fontFamily: 'monospace' }}>
        ({c.fact}
        {c.path ? ` ${c.path}` : ''})
      </Typography>
      <Typography component="span" variant="body2">
        = <code>{labels.value(c.factValue)}</code>
      </Typography>
      <Typography component="span" variant="body2" color="primary" sx={{ fontStyle: 'italic' }}>
        {labels.operator(c.operator)}
      </Typography>
      <Typography component="span" variant="body2">
        <code>{expected}</code>
      </Typography>
      <Typography component="span" variant="body2">
        →
      </Typography>
      <ResultChip result={c.result} />
    </Stack>
  );
}

function NodeView({ node, labels }: { node: Node; labels: Labels }): ReactNode {
  const translate = useTranslate();
  if (node.kind === 'leaf') return <Leaf c={node.condition} labels={labels} />;
  const heading =
    node.kind === 'named'
      ? translate('resources.decisions.trace.named', { name: node.name })
      : translate(`resources.decisions.trace.${node.kind}`);
  const children = 'children' in node ? node.children : [node.child];
  return (
    <Box>
      <Stack direction="row" spacing={1} alignItems="center">
        <Typography variant="body2" color="text.secondary">
          {heading}
        </Typography>
        <ResultChip result={resultOf(node)} />
      </Stack>
      <Stack spacing={0.5} sx={{ pl: 2.5, ml: 0.75, mt: 0.5, borderLeft: 2, borderColor: 'divider' }}>
        {children.map((child, i) => (
          <NodeView key={i} node={child} labels={labels} />
        ))}
      </Stack>
    </Box>
  );
}

function RuleView({ rule, doc, labels }: { rule: TraceRule; doc?: Ruleset; labels: Labels }) {
  const translate = useTranslate();
  const source = doc?.rules.find((r) => r.name === rule.rule);
  let tree: Node | null = null;
  if (source) {
    try {
      tree = treeOf(source.conditions, doc?.conditions ?? {}, rule.conditions);
    } catch (e) {
      if (!(e instanceof Mismatch)) throw e;
    }
  }
  return (
    <Box
      sx={{
        p: 1.5,
        border: 1,
        borderRadius: 1,
        borderColor: rule.fired ? 'warning.main' : 'divider',
        bgcolor: rule.fired ? 'rgba(237, 108, 2, 0.04)' : undefined,
      }}
    >
      <Stack direction="row" spacing={1} alignItems="center" useFlexGap flexWrap="wrap">
        <Typography variant="subtitle2" sx={{ fontFamily: 'monospace' }}>
          {rule.rule}
        </Typography>
        <Chip
          size="small"
          variant="outlined"
          label={translate('resources.decisions.trace.priority', { priority: rule.priority })}
        />
        <Chip
          size="small"
          color={rule.fired ? 'warning' : 'default'}
          label={translate(`resources.decisions.trace.${rule.fired ? 'fired' : 'notFired'}`)}
        />
        {rule.event && (
          <Typography variant="body2">
            {translate('resources.decisions.trace.event', {
              kind: translate(`resources.decisions.kinds.${rule.event.type}`),
              reason: rule.event.reason,
            })}
          </Typography>
        )}
      </Stack>
      {source?.description && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
          {source.description}
        </Typography>
      )}
      <Box sx={{ mt: 1 }}>
        {tree ? (
          <NodeView node={tree} labels={labels} />
        ) : (
          <Stack spacing={0.5}>
            {doc && (
              <Typography variant="caption" color="text.secondary">
                {translate('resources.decisions.trace.flat')}
              </Typography>
            )}
            {rule.conditions.map((c, i) => (
              <Leaf key={i} c={c} labels={labels} />
            ))}
          </Stack>
        )}
      </Box>
    </Box>
  );
}

export default function Trace({ trace, version }: { trace: TraceRule[]; version: number | null }) {
  const translate = useTranslate();
  const facts = useFacts();
  const doc = useRulesetVersion<Ruleset>(version).data;
  const labels = useLabels(facts.data);
  const [onlyFired, setOnlyFired] = useState(false);
  const fired = trace.filter((r) => r.fired).length;
  const shown = onlyFired ? trace.filter((r) => r.fired) : trace;
  return (
    <Stack spacing={1}>
      <Stack direction="row" spacing={2} alignItems="center">
        <Typography variant="body2">
          {translate('resources.decisions.trace.rules', { fired, total: trace.length })}
        </Typography>
        <FormControlLabel
          control={
            <Switch size="small" checked={onlyFired} onChange={(e) => setOnlyFired(e.target.checked)} />
          }
          label={translate('resources.decisions.trace.onlyFired')}
        />
      </Stack>
      {shown.map((rule) => (
        <RuleView key={rule.rule} rule={rule} doc={doc} labels={labels} />
      ))}
    </Stack>
  );
}
