/**
 * `npx tsx bench/intake.bench.ts` — XML intake throughput: documents parsed per second per source
 * format, each from its public sample invoice (two lines, ~9–10 KB), through the whole
 * `parseDocumentXml` path (decode, safe saxes parse into a tree, format detection, canonical
 * reading with the default intake settings, validateDocument on the result).
 *
 * One process, one thread, tasks run one after another. Before timing, each document is parsed
 * once and must give the expected id, so a broken parser cannot produce a fast number.
 * Writes bench/results/intake.json: {"docsPerSec": {"oioubl21": n, "oioubl3": n, "peppol-bis3": n}}.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Bench } from 'tinybench';
import { parseDocumentXml } from '../server/src/intake/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const samples = path.resolve(here, '../test/fixtures/samples');
const TASK_MS = Number(process.env.BENCH_TIME_MS ?? 1500);
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 300);

const CASES = [
  { format: 'oioubl21', file: 'oioubl21/OIOUBL_Invoice_v2p2.xml', id: 'A00095678' },
  {
    format: 'oioubl3',
    file: 'oioubl3/OIOUBL3_Invoice_billing_with_response_Example.xml',
    id: '202400095678',
  },
  { format: 'peppol-bis3', file: 'peppol-bis3/base-example.xml', id: 'Snippet1' },
] as const;

type Format = (typeof CASES)[number]['format'];

function load(file: string): string {
  try {
    return readFileSync(path.join(samples, file), 'utf8');
  } catch {
    throw new Error(
      `Sample ${file} not found under ${samples} (the public samples live in test/fixtures/samples).`,
    );
  }
}

const inputs = CASES.map((c) => {
  const xml = load(c.file);
  const doc = parseDocumentXml(xml);
  if (doc.id !== c.id || doc.format !== c.format) {
    throw new Error(`${c.file} parsed to ${doc.format}/${doc.id}, expected ${c.format}/${c.id}`);
  }
  return { ...c, xml, bytes: Buffer.byteLength(xml, 'utf8') };
});

// Warm the shared code paths on all formats first, so the first task does not pay for the JIT.
for (let i = 0; i < 2000; i++) for (const input of inputs) parseDocumentXml(input.xml);

const bench = new Bench({ name: 'intake', time: TASK_MS, warmupTime: WARMUP_MS });
for (const input of inputs) {
  bench.add(input.format, () => {
    parseDocumentXml(input.xml);
  });
}
await bench.run();

const docsPerSec = {} as Record<Format, number>;
const rows: string[][] = [];
for (const input of inputs) {
  const task = bench.getTask(input.format);
  const result = task?.result;
  if (result === undefined || result.state !== 'completed') {
    throw new Error(`task ${input.format} did not complete (${result?.state ?? 'missing'})`);
  }
  // Sustained rate: documents per second of wall time (1 / mean latency; tinybench reports ms).
  // tinybench's throughput.mean is the mean of per-sample rates, which overstates it.
  const perSec = Math.round(1000 / result.latency.mean);
  docsPerSec[input.format] = perSec;
  rows.push([
    input.format,
    path.basename(input.file),
    `${(input.bytes / 1024).toFixed(1)} KB`,
    perSec.toLocaleString('en-US'),
    `${(result.latency.mean * 1000).toFixed(1)} µs`,
    `${(result.latency.p99 * 1000).toFixed(1)} µs`,
    `±${result.latency.rme.toFixed(1)} %`,
    `${((perSec * input.bytes) / 1024 / 1024).toFixed(1)} MB/s`,
  ]);
}

const header = ['format', 'sample', 'size', 'docs/s', 'mean', 'p99', 'rme', 'throughput'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
console.log(`\nXML intake (parseDocumentXml), Node ${process.version}, ${TASK_MS} ms per task\n`);
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const row of rows) console.log(line(row));

const dir = path.join(here, 'results');
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, 'intake.json'), `${JSON.stringify({ docsPerSec }, null, 2)}\n`);
console.log(`\nwrote ${path.relative(process.cwd(), path.join(dir, 'intake.json'))}`);
