/**
 * `npm run bench:evaluator` — the evaluator against json-rules-engine, @gorules/zen-engine and a
 * hand-written function on the same decision (kp-standard with a KP EAN, 3-line invoices), plus
 * the scaling rows (10 / 1,000 / 10,000 generated service numbers and opt-outs). PRODUCT.md §8.
 *
 * One process, one thread of JavaScript, tasks run one after another. Before anything is timed
 * every contender decides a varied corpus and must agree with the evaluator (outcome and reason
 * codes, in order); the run aborts otherwise. See bench/README.md for what each row measures.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Bench, type FnReturnedObject, type Task } from 'tinybench';
import { loadZen, type ZenDecision } from './zen-engine.js';
import type { CanonicalDocument } from '../server/src/domain/document.js';
import { compileRuleset, runRules, type CompiledRuleset } from '../server/src/engine/compile.js';
import { decide } from '../server/src/engine/decide.js';
import { computeFacts } from '../server/src/engine/facts.js';
import { EMPTY_SNAPSHOT, type LedgerSnapshot } from '../server/src/engine/ledger.js';
import { ReferenceEngine } from '../server/src/engine/reference.js';
import type { RuleEvent, Ruleset } from '../server/src/engine/ruleset.js';
import {
  approvedDoc,
  baseRuleset,
  manualDoc,
  rejectedDoc,
  scaledDoc,
  scaledRuleset,
  variantRuleset,
  verificationCases,
  type Outcome,
} from './corpus.js';
import { handWritten, prepareHandWritten } from './hand-written.js';
import { buildZenDecision, buildZenExpression, type ZenEvent } from './zen-decision.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const TASK_MS = Number(process.env.BENCH_TIME_MS ?? 600);
/** Every task is measured in each round; a row reports its best round. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 200);
/** Target duration of one timed batch (a tinybench sample is the mean over one batch). */
const BATCH_MS = 1;
const ZEN_IN_FLIGHT = 64;
const SCALING_SIZES = [10, 1000, 10000] as const;

interface Verdict {
  outcome: Outcome;
  reasons: string[];
}

/** reject > manual > approve, as decide() does (including its AUTOMATIK_FRA fallback). */
function verdictOf(
  events: readonly { type: string; reason: string }[],
  automaticProcessing: boolean,
): Verdict {
  const rejects: string[] = [];
  const manuals: string[] = [];
  for (const e of events) {
    const list = e.type === 'reject' ? rejects : manuals;
    if (!list.includes(e.reason)) list.push(e.reason);
  }
  if (rejects.length > 0) return { outcome: 'rejected', reasons: rejects };
  if (manuals.length > 0) return { outcome: 'manual', reasons: manuals };
  return automaticProcessing
    ? { outcome: 'approved', reasons: [] }
    : { outcome: 'manual', reasons: ['AUTOMATIK_FRA'] };
}

type Eval<T> = (doc: CanonicalDocument, ledger: LedgerSnapshot) => T;

interface Contenders {
  compiled: CompiledRuleset;
  evaluator: Eval<Verdict>;
  jsonRulesEngine: Eval<Promise<Verdict>>;
  zenEngine: Eval<Promise<Verdict>>;
  zenExpressionSync: Eval<Verdict>;
  handWritten: Eval<Verdict>;
}

const { ZenEngine, ZenDecisionContent, evaluateExpressionSync } = loadZen();
const zen = new ZenEngine();

function contenders(rs: Ruleset): Contenders {
  const compiled = compileRuleset(rs);
  const reference = new ReferenceEngine(rs);
  const events = new Map<string, RuleEvent>(rs.rules.map((r) => [r.name, r.event]));
  const decision: ZenDecision = zen.createDecision(new ZenDecisionContent(buildZenDecision(rs)));
  const expression = buildZenExpression(rs);
  const hand = prepareHandWritten(rs);
  return {
    compiled,
    evaluator: (doc, ledger) => {
      const d = decide(compiled, doc, ledger);
      return { outcome: d.outcome, reasons: d.reasons.map((r) => r.code) };
    },
    jsonRulesEngine: async (doc, ledger) => {
      const facts = computeFacts(compiled.tables, doc, ledger);
      const fired = await reference.run(facts);
      return verdictOf(
        fired.map((name) => ({ type: events.get(name)!.type, reason: events.get(name)!.params.reason })),
        facts.automaticProcessing,
      );
    },
    zenEngine: async (doc, ledger) => {
      const facts = computeFacts(compiled.tables, doc, ledger);
      const r = await decision.evaluate(facts);
      return verdictOf(r.result as ZenEvent[], facts.automaticProcessing);
    },
    zenExpressionSync: (doc, ledger) => {
      const facts = computeFacts(compiled.tables, doc, ledger);
      return verdictOf(evaluateExpressionSync(expression, facts) as ZenEvent[], facts.automaticProcessing);
    },
    handWritten: (doc, ledger) => handWritten(hand, doc, ledger),
  };
}

// ---- Verification ------------------------------------------------------------------------------

const show = (v: Verdict): string => `${v.outcome}${v.reasons.length ? ` [${v.reasons.join(', ')}]` : ''}`;

async function verify(
  label: string,
  c: Contenders,
  cases: { name: string; doc: CanonicalDocument; ledger: LedgerSnapshot }[],
): Promise<{ checked: number; rows: string[] }> {
  const problems: string[] = [];
  const rows: string[] = [];
  for (const { name, doc, ledger } of cases) {
    const expected = c.evaluator(doc, ledger);
    const others: [string, Verdict][] = [
      ['jsonRulesEngine', await c.jsonRulesEngine(doc, ledger)],
      ['zenEngine', await c.zenEngine(doc, ledger)],
      ['zenExpressionSync', c.zenExpressionSync(doc, ledger)],
      ['handWritten', c.handWritten(doc, ledger)],
    ];
    for (const [who, got] of others) {
      if (show(got) !== show(expected)) {
        problems.push(`  ${label} / ${name}: evaluator ${show(expected)} but ${who} ${show(got)}`);
      }
    }
    rows.push(`  ${label.padEnd(9)} ${name.padEnd(38)} ${show(expected)}`);
  }
  if (problems.length > 0) {
    throw new Error(`Contenders disagree with the evaluator — nothing was timed:\n${problems.join('\n')}`);
  }
  return { checked: cases.length, rows };
}

// ---- Timing helpers ----------------------------------------------------------------------------

let sink: unknown;

/**
 * Calls per batch so that one batch takes about BATCH_MS: 50 ms of warm-up calls first (so the
 * estimate is made on optimised code), then the fastest of five 10 ms probes.
 */
async function batchSize(fn: () => unknown): Promise<number> {
  const probe = async (ms: number): Promise<number> => {
    let calls = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < ms) {
      sink = await fn();
      calls++;
    }
    return (performance.now() - t0) / calls;
  };
  await probe(50);
  let per = Infinity;
  for (let i = 0; i < 5; i++) per = Math.min(per, await probe(10));
  return Math.max(1, Math.min(20_000, Math.round(BATCH_MS / per)));
}

/** A batched synchronous task: each tinybench sample is the mean over `k` calls. */
function syncBatch(fn: () => unknown, k: number): () => FnReturnedObject {
  return () => {
    const t0 = performance.now();
    let r: unknown;
    for (let i = 0; i < k; i++) r = fn();
    const dt = performance.now() - t0;
    sink = r;
    return { overriddenDuration: dt / k, overriddenIterationCost: dt };
  };
}

/** A batched asynchronous task: `k` strictly sequential awaits. */
function asyncBatch(fn: () => Promise<unknown>, k: number): () => Promise<FnReturnedObject> {
  return async () => {
    const t0 = performance.now();
    let r: unknown;
    for (let i = 0; i < k; i++) r = await fn();
    const dt = performance.now() - t0;
    sink = r;
    return { overriddenDuration: dt / k, overriddenIterationCost: dt };
  };
}

/** `k` evaluations in flight at once (Promise.all), for zen only. */
function concurrentBatch(fn: () => Promise<unknown>, k: number): () => Promise<FnReturnedObject> {
  return async () => {
    const t0 = performance.now();
    const all = new Array<Promise<unknown>>(k);
    for (let i = 0; i < k; i++) all[i] = fn();
    sink = await Promise.all(all);
    const dt = performance.now() - t0;
    return { overriddenDuration: dt / k, overriddenIterationCost: dt };
  };
}

interface Row {
  key: string;
  label: string;
  group: string;
  batch: number;
  opsPerSec: number;
  meanUs: number;
  rmePct: number;
  samples: number;
  /** CPU time of the whole process (all threads) / wall time, over the measured phase. */
  coresBusy: number;
  /** Evaluations per second of process CPU time. */
  opsPerCpuSec: number;
}

// ---- Main --------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const started = performance.now();
  const cpu = os.cpus()[0]?.model ?? 'unknown';
  console.log(`Regelværk evaluator benchmark — node ${process.version}, ${os.cpus().length}× ${cpu}`);
  const load = os.loadavg().map((l) => l.toFixed(2));
  console.log(`load average at start: ${load.join(' ')} (other processes on the machine add noise)`);
  console.log(
    `tinybench: ${ROUNDS} rounds × ${TASK_MS} ms per task after ${WARMUP_MS} ms warm-up; samples are ~${BATCH_MS} ms batches; each row reports its best round\n`,
  );

  // 1. Verification: every contender agrees with the evaluator before anything is timed.
  const base = contenders(baseRuleset());
  const variant = contenders(variantRuleset());
  const scaled = SCALING_SIZES.map((n) => ({ n, c: contenders(scaledRuleset(n)), doc: scaledDoc(n) }));
  const cases = verificationCases();
  const v1 = await verify('kp-std', base, cases);
  const v2 = await verify('variant', variant, cases);
  let scaledChecked = 0;
  for (const s of scaled) {
    scaledChecked += (
      await verify(`scale-${s.n}`, s.c, [{ name: 'scaling doc', doc: s.doc, ledger: EMPTY_SNAPSHOT }])
    ).checked;
  }
  const measured: [string, CanonicalDocument, Outcome][] = [
    ['approved', approvedDoc(), 'approved'],
    ['manual', manualDoc(), 'manual'],
    ['rejected', rejectedDoc(), 'rejected'],
  ];
  for (const [name, doc, want] of measured) {
    const got = base.evaluator(doc, EMPTY_SNAPSHOT).outcome;
    if (got !== want) throw new Error(`The measured ${name} document is ${got}, expected ${want}`);
  }
  for (const s of scaled) {
    const got = s.c.evaluator(s.doc, EMPTY_SNAPSHOT);
    if (got.outcome !== 'approved')
      throw new Error(`Scaling document (${s.n}) is ${show(got)}, expected approved`);
  }
  const verified = v1.checked + v2.checked + scaledChecked;
  console.log(
    `Verified: evaluator, json-rules-engine, zen (JDM decision and sync expression) and hand-written agree on ${verified} evaluations:`,
  );
  console.log([...v1.rows, ...v2.rows].join('\n'));
  console.log();

  // 2. Tasks.
  const [approved, manual, rejected] = measured.map(([, d]) => d) as [
    CanonicalDocument,
    CanonicalDocument,
    CanonicalDocument,
  ];
  const L = EMPTY_SNAPSHOT;
  const compiled = base.compiled;
  interface Spec {
    key: string;
    label: string;
    group: string;
    fn: () => unknown;
    mode: 'sync' | 'async' | 'concurrent';
  }
  const specs: Spec[] = [
    {
      key: 'evaluator',
      label: 'decide() approved [headline]',
      group: 'evaluator',
      mode: 'sync',
      fn: () => decide(compiled, approved, L),
    },
    {
      key: 'evaluator.manual',
      label: 'decide() manual',
      group: 'evaluator',
      mode: 'sync',
      fn: () => decide(compiled, manual, L),
    },
    {
      key: 'evaluator.rejected',
      label: 'decide() rejected',
      group: 'evaluator',
      mode: 'sync',
      fn: () => decide(compiled, rejected, L),
    },
    {
      key: 'evaluator.noTrace',
      label: 'decide({trace:false}) approved',
      group: 'evaluator',
      mode: 'sync',
      fn: () => decide(compiled, approved, L, { trace: false }),
    },
    {
      key: 'evaluator.factsAndRules',
      label: 'computeFacts+runRules approved',
      group: 'evaluator',
      mode: 'sync',
      fn: () => runRules(compiled, computeFacts(compiled.tables, approved, L)),
    },
    {
      key: 'jsonRulesEngine',
      label: 'approved [headline]',
      group: 'jsonRulesEngine',
      mode: 'async',
      fn: () => base.jsonRulesEngine(approved, L),
    },
    {
      key: 'jsonRulesEngine.manual',
      label: 'manual',
      group: 'jsonRulesEngine',
      mode: 'async',
      fn: () => base.jsonRulesEngine(manual, L),
    },
    {
      key: 'jsonRulesEngine.rejected',
      label: 'rejected',
      group: 'jsonRulesEngine',
      mode: 'async',
      fn: () => base.jsonRulesEngine(rejected, L),
    },
    {
      key: 'zenEngine',
      label: 'JDM, sequential await, approved [headline]',
      group: 'zenEngine',
      mode: 'async',
      fn: () => base.zenEngine(approved, L),
    },
    {
      key: 'zenEngine.manual',
      label: 'JDM, sequential await, manual',
      group: 'zenEngine',
      mode: 'async',
      fn: () => base.zenEngine(manual, L),
    },
    {
      key: 'zenEngine.rejected',
      label: 'JDM, sequential await, rejected',
      group: 'zenEngine',
      mode: 'async',
      fn: () => base.zenEngine(rejected, L),
    },
    {
      key: 'zenEngine.concurrent',
      label: `JDM, ${ZEN_IN_FLIGHT} in flight (Promise.all), approved`,
      group: 'zenEngine',
      mode: 'concurrent',
      fn: () => base.zenEngine(approved, L),
    },
    {
      key: 'zenEngine.expressionSync',
      label: 'evaluateExpressionSync (1 expression), approved',
      group: 'zenEngine',
      mode: 'sync',
      fn: () => base.zenExpressionSync(approved, L),
    },
    {
      key: 'handWritten',
      label: 'approved [headline]',
      group: 'handWritten',
      mode: 'sync',
      fn: () => base.handWritten(approved, L),
    },
    {
      key: 'handWritten.manual',
      label: 'manual',
      group: 'handWritten',
      mode: 'sync',
      fn: () => base.handWritten(manual, L),
    },
    {
      key: 'handWritten.rejected',
      label: 'rejected',
      group: 'handWritten',
      mode: 'sync',
      fn: () => base.handWritten(rejected, L),
    },
    ...scaled.map((s): Spec => ({
      key: `scaling.${s.n}`,
      label: `decide() +${s.n} services & opt-outs`,
      group: 'scaling',
      mode: 'sync',
      fn: () => decide(s.c.compiled, s.doc, L),
    })),
  ];

  // Warm every task up once before sizing batches, so no estimate is made on cold code.
  for (const s of specs) {
    const t0 = performance.now();
    while (performance.now() - t0 < 100) sink = await s.fn();
  }
  const batches = new Map<string, number>();
  const fns = new Map<string, () => unknown>();
  for (const s of specs) {
    const k = s.mode === 'concurrent' ? ZEN_IN_FLIGHT : await batchSize(s.fn);
    batches.set(s.key, k);
    fns.set(
      s.key,
      s.mode === 'sync'
        ? syncBatch(s.fn, k)
        : s.mode === 'async'
          ? asyncBatch(s.fn as () => Promise<unknown>, k)
          : concurrentBatch(s.fn as () => Promise<unknown>, k),
    );
  }

  /** One round: every task once, in order, with tinybench. */
  async function round(n: number): Promise<Row[]> {
    const bench = new Bench({
      time: TASK_MS,
      warmupTime: WARMUP_MS,
      iterations: 20,
      warmupIterations: 5,
      throws: true,
    });
    const usage = new Map<string, { cpu: NodeJS.CpuUsage; wall: number; cores?: number }>();
    for (const s of specs) {
      bench.add(s.key, fns.get(s.key)!, {
        beforeAll(this: Task, mode) {
          if (mode === 'run') usage.set(s.key, { cpu: process.cpuUsage(), wall: performance.now() });
        },
        afterAll(this: Task, mode) {
          const u = usage.get(s.key);
          if (mode !== 'run' || !u) return;
          const d = process.cpuUsage(u.cpu);
          u.cores = (d.user + d.system) / 1000 / (performance.now() - u.wall);
        },
      });
    }
    process.stdout.write(`round ${n}/${ROUNDS}:`);
    bench.addEventListener('cycle', () => process.stdout.write('.'));
    await bench.run();
    process.stdout.write('\n');
    return specs.map((s) => {
      const r = bench.getTask(s.key)?.result;
      if (!r || (r.state !== 'completed' && r.state !== 'aborted-with-statistics')) {
        throw new Error(`Task ${s.key} did not complete (${r?.state ?? 'missing'})`);
      }
      const meanMs = r.period;
      const cores = usage.get(s.key)?.cores ?? Number.NaN;
      return {
        key: s.key,
        label: s.label,
        group: s.group,
        batch: batches.get(s.key)!,
        opsPerSec: 1000 / meanMs,
        meanUs: meanMs * 1000,
        rmePct: r.latency.rme,
        samples: r.latency.samplesCount,
        coresBusy: cores,
        opsPerCpuSec: 1000 / meanMs / cores,
      };
    });
  }
  const rounds: Row[][] = [];
  for (let n = 1; n <= ROUNDS; n++) rounds.push(await round(n));
  // Per row, the better round: interference from other processes only ever slows a task down.
  const rows: Row[] = specs.map((_, i) =>
    rounds.map((r) => r[i]!).reduce((best, r) => (r.opsPerSec > best.opsPerSec ? r : best)),
  );
  const get = (key: string): Row => rows.find((r) => r.key === key)!;

  // 3. Report.
  const fmtInt = (n: number): string => Math.round(n).toLocaleString('en-US');
  const header = ['contender', 'row', 'ops/s', 'mean µs', '±%', 'batch', 'cores', 'ops/CPU-s'];
  const table = rows.map((r) => [
    r.group,
    r.label,
    fmtInt(r.opsPerSec),
    r.meanUs < 10 ? r.meanUs.toFixed(3) : r.meanUs.toFixed(1),
    r.rmePct.toFixed(1),
    String(r.batch),
    r.coresBusy.toFixed(2),
    fmtInt(r.opsPerCpuSec),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log();
  console.log(line(header));
  console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const row of table) console.log(line(row));

  const ev = get('evaluator').opsPerSec;
  const jre = get('jsonRulesEngine').opsPerSec;
  const zenSeq = get('zenEngine').opsPerSec;
  const hw = get('handWritten').opsPerSec;
  const s10 = get('scaling.10').opsPerSec;
  const s1k = get('scaling.1000').opsPerSec;
  const s10k = get('scaling.10000').opsPerSec;
  const ratios = {
    evaluatorOverJsonRulesEngine: ev / jre,
    evaluatorOverZenEngine: ev / zenSeq,
    evaluatorOverZenEngineConcurrentPerCpu:
      get('evaluator').opsPerCpuSec / get('zenEngine.concurrent').opsPerCpuSec,
    evaluatorOverZenExpressionSync: ev / get('zenEngine.expressionSync').opsPerSec,
    handWrittenOverEvaluator: hw / ev,
    scaling10000Over10: s10k / s10,
  };
  const targets = [
    ['evaluator ≥ 200,000 evaluations/s', ev >= 200_000, `${fmtInt(ev)}/s`],
    [
      '≥ 50× json-rules-engine',
      ratios.evaluatorOverJsonRulesEngine >= 50,
      `${ratios.evaluatorOverJsonRulesEngine.toFixed(1)}×`,
    ],
    [
      '≥ 10× zen-engine (JDM, sequential await)',
      ratios.evaluatorOverZenEngine >= 10,
      `${ratios.evaluatorOverZenEngine.toFixed(1)}×`,
    ],
    [
      'within 10× of hand-written',
      ratios.handWrittenOverEvaluator <= 10,
      `hand-written is ${ratios.handWrittenOverEvaluator.toFixed(1)}× faster`,
    ],
    [
      'flat 10 → 10,000 (10,000-size ≥ 0.8× the 10-size)',
      ratios.scaling10000Over10 >= 0.8,
      `${ratios.scaling10000Over10.toFixed(2)}×`,
    ],
  ] as const;
  console.log('\nRatios');
  console.log(`  evaluator / jsonRulesEngine            ${ratios.evaluatorOverJsonRulesEngine.toFixed(1)}×`);
  console.log(`  evaluator / zenEngine (sequential)     ${ratios.evaluatorOverZenEngine.toFixed(1)}×`);
  console.log(
    `  evaluator / zenEngine (${ZEN_IN_FLIGHT} in flight, per CPU-second) ${ratios.evaluatorOverZenEngineConcurrentPerCpu.toFixed(1)}×`,
  );
  console.log(
    `  evaluator / zen evaluateExpressionSync ${ratios.evaluatorOverZenExpressionSync.toFixed(1)}×`,
  );
  console.log(`  handWritten / evaluator                ${ratios.handWrittenOverEvaluator.toFixed(1)}×`);
  console.log(`  scaling 10,000 / 10 (ops/s)            ${ratios.scaling10000Over10.toFixed(2)}×`);
  console.log('\nTargets (PRODUCT.md §8)');
  for (const [name, ok, value] of targets) console.log(`  ${ok ? 'MET   ' : 'MISSED'}  ${name}: ${value}`);

  // 4. Results.
  const results = {
    opsPerSec: {
      evaluator: Math.round(ev),
      jsonRulesEngine: Math.round(jre),
      zenEngine: Math.round(zenSeq),
      handWritten: Math.round(hw),
    },
    scaling: { '10': Math.round(s10), '1000': Math.round(s1k), '10000': Math.round(s10k) },
  };
  const dir = path.join(here, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'evaluator.json'), JSON.stringify(results, null, 2) + '\n');
  const details = {
    date: new Date().toISOString(),
    environment: {
      node: process.version,
      v8: process.versions.v8,
      platform: `${os.platform()} ${os.release()} ${os.arch()}`,
      cpuModel: cpu,
      cpuCount: os.cpus().length,
      totalMemoryMiB: Math.round(os.totalmem() / 2 ** 20),
      loadAverageAtStart: load.map(Number),
      loadAverageAtEnd: os.loadavg().map((l) => Number(l.toFixed(2))),
      tinybench: { timeMs: TASK_MS, warmupMs: WARMUP_MS, batchMs: BATCH_MS, rounds: ROUNDS },
    },
    setup: {
      ruleset: 'rulesets/templates/kp-standard.json with settings.kpEans = [5798000012349]',
      rules: compiled.rules.length,
      documents: '3-line dentist invoices (test/support/fixtures.ts invoice()), EMPTY_SNAPSHOT ledger',
      zen: `@gorules/zen-engine: createDecision once (ZenDecisionContent), then decision.evaluate(facts) — async only (no sync decision API); headline = strictly sequential awaits; also ${ZEN_IN_FLIGHT} in flight and evaluateExpressionSync`,
      verifiedEvaluations: verified,
    },
    rows: rows.map((r) => ({
      ...r,
      opsPerSec: Math.round(r.opsPerSec),
      meanUs: Number(r.meanUs.toFixed(3)),
      rmePct: Number(r.rmePct.toFixed(2)),
      coresBusy: Number(r.coresBusy.toFixed(2)),
      opsPerCpuSec: Math.round(r.opsPerCpuSec),
    })),
    opsPerSecByRound: Object.fromEntries(
      specs.map((sp, i) => [sp.key, rounds.map((r) => Math.round(r[i]!.opsPerSec))]),
    ),
    ratios: Object.fromEntries(Object.entries(ratios).map(([k, v]) => [k, Number(v.toFixed(2))])),
    targets: targets.map(([name, met, value]) => ({ name, met, value })),
    results,
  };
  writeFileSync(path.join(dir, 'evaluator-details.json'), JSON.stringify(details, null, 2) + '\n');
  console.log(
    `\nWrote bench/results/evaluator.json and evaluator-details.json (${((performance.now() - started) / 1000).toFixed(0)} s)`,
  );
  if (sink === Symbol.for('never')) console.log('');
  zen.dispose?.();
}

await main();
