import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../server/src/cli/main.js';
import { repoRoot } from '../support/fixtures.js';

const exec = promisify(execFile);
const bin = path.join(repoRoot, 'bin/regelvaerk.mjs');
const aalborg = path.join(repoRoot, 'rulesets/examples/aalborg-851.json');
const fixture = (f: string): string => path.join(repoRoot, 'test/fixtures/cli', f);

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [bin, ...args], { cwd: repoRoot });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

async function inProcess(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function tmpFile(name: string, content: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'regelvaerk-cli-'));
  const f = path.join(dir, name);
  writeFileSync(f, content);
  return f;
}

describe('regelvaerk CLI (real process)', () => {
  it('validate: exit 0 for a valid ruleset, 1 for an invalid one, 2 for wrong usage', async () => {
    const ok = await cli('validate', aalborg, '--lang', 'en');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('valid (0 errors');
    const broken = tmpFile('broken.json', JSON.stringify({ schemaVersion: 1, name: 'x' }));
    const bad = await cli('validate', broken, '--lang', 'en');
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('ERROR /settings: "settings" is missing and is required.');
    expect((await cli('validate')).code).toBe(2);
    expect((await cli('no-such-command')).code).toBe(2);
    expect((await cli('evaluate', '--ruleset', aalborg)).code).toBe(2); // --document missing
  }, 60_000);

  it('evaluate prints the decision JSON, never a CPR number', async () => {
    const r = await cli('evaluate', '--ruleset', aalborg, '--document', fixture('invoice-samleregning.json'));
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d.outcome).toBe('rejected');
    expect(d.reasons[0].code).toBe('SAMLEREGNING');
    expect(d.documentKey).toEqual({ supplier: 'DK16356706', documentType: 'invoice', id: 'F-2026-0117' });
    expect(d.ruleset.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(d.explanation.da).toBe('Afvist: fakturaen indeholder 2 CPR-numre (enkeltsagsprincippet).');
    expect(r.stdout).not.toContain('0101501234');
    expect(r.stdout).not.toContain('3112991234');
  }, 60_000);
});

describe('regelvaerk CLI', () => {
  it('evaluate --explain prints plain Danish (or English) text', async () => {
    const r = await inProcess(
      'evaluate',
      '--ruleset',
      aalborg,
      '--document',
      fixture('invoice-samleregning.json'),
      '--explain',
      '--lang',
      'en',
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain('Outcome: REJECTED');
    expect(r.out).toContain('Rejected: the invoice contains 2 CPR numbers (the single-case principle).');
    expect(r.out).toContain('✓ cprCount greaterThan 1   (actual: 2)');
  });

  it('evaluate --ledger matches a credit note to its approved invoice (Aalborg approves those automatically)', async () => {
    const without = JSON.parse(
      (await inProcess('evaluate', '--ruleset', aalborg, '--document', fixture('credit-note.json'))).out,
    );
    expect(without.outcome).toBe('rejected');
    expect(without.reasons[0].code).toBe('KREDITNOTA_UDEN_FAKTURA');
    const r = await inProcess(
      'evaluate',
      '--ruleset',
      aalborg,
      '--document',
      fixture('credit-note.json'),
      '--ledger',
      fixture('ledger.json'),
    );
    const d = JSON.parse(r.out);
    expect(d.outcome).toBe('approved');
    expect(d.postings).toEqual([{ account: '5.32.32.001', amount: '-500.00' }]);
  });

  it('refuses a document with a JSON number for money: exit 1, naming the field', async () => {
    const doc = JSON.parse(
      JSON.stringify(
        await import('../fixtures/cli/invoice-samleregning.json', { with: { type: 'json' } }).then(
          (m) => m.default,
        ),
      ),
    );
    doc.totals.payable = 500;
    const f = tmpFile('doc.json', JSON.stringify(doc));
    const r = await inProcess('evaluate', '--ruleset', aalborg, '--document', f, '--lang', 'en');
    expect(r.code).toBe(1);
    expect(r.err).toContain(`Document ${f} is not valid`);
    expect(r.err).toContain(
      'ERROR /totals/payable: Money must be a decimal string with at most two decimals, e.g. "500", not a JSON number.',
    );
  });

  it('refuses unreadable and non-JSON input with exit 1', async () => {
    expect(
      (
        await inProcess(
          'evaluate',
          '--ruleset',
          '/nonexistent.json',
          '--document',
          fixture('credit-note.json'),
        )
      ).code,
    ).toBe(1);
    const notJson = tmpFile('x.json', '{ nope');
    const r = await inProcess('evaluate', '--ruleset', aalborg, '--document', notJson);
    expect(r.code).toBe(1);
    expect(r.err).toContain('is not valid JSON');
    const badLedger = tmpFile('l.json', JSON.stringify([{ documentType: 'invoice' }]));
    const l = await inProcess(
      'evaluate',
      '--ruleset',
      aalborg,
      '--document',
      fixture('credit-note.json'),
      '--ledger',
      badLedger,
      '--lang',
      'en',
    );
    expect(l.code).toBe(1);
    expect(l.err).toContain('ERROR /0/supplier');
  });

  it('diff lists structural differences per JSON path, matching items by their code', async () => {
    const r = await inProcess('diff', path.join(repoRoot, 'rulesets/templates/kp-standard.json'), aalborg);
    expect(r.code).toBe(0);
    const diff = JSON.parse(r.out) as { path: string; op: string; before?: unknown; after?: unknown }[];
    expect(diff).toContainEqual({
      path: '/serviceNumbers/0/maxAmount',
      op: 'replace',
      before: '1500.00',
      after: '1800.00',
    });
    expect(diff).toContainEqual({
      path: '/reminders/autoAcceptFeeUpTo',
      op: 'replace',
      before: null,
      after: '100.00',
    });
    expect(diff).toContainEqual(expect.objectContaining({ path: '/rules/26', op: 'add' }));
    expect(diff).toContainEqual(
      expect.objectContaining({
        path: '/basedOn',
        op: 'add',
        after: { template: 'kp-standard', version: 1 },
      }),
    );
    const same = await inProcess('diff', aalborg, aalborg);
    expect(JSON.parse(same.out)).toEqual([]);
  });

  it("evaluate reads OIOUBL/Peppol XML with the ruleset's intake settings", async () => {
    const sample = path.join(repoRoot, 'test/fixtures/samples/oioubl21/OIOUBL_Invoice_v2p2.xml');
    const r = await inProcess('evaluate', '--ruleset', aalborg, '--document', sample);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.out);
    expect(d.documentKey).toMatchObject({ documentType: 'invoice', id: 'A00095678' });
    // the public sample is addressed to another EAN and carries no CPR number
    expect(d.reasons.map((x: { code: string }) => x.code)).toEqual(['FORKERT_EAN', 'MANGLER_CPR']);
  });

  it('refuses broken XML and a DOCTYPE with exit 1 and the element path', async () => {
    const broken = tmpFile(
      'broken.xml',
      '<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><cbc:ID',
    );
    const r = await inProcess('evaluate', '--ruleset', aalborg, '--document', broken, '--lang', 'en');
    expect(r.code).toBe(1);
    expect(r.err).toContain('cannot be read (400)');
    const doctype = tmpFile('dt.xml', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><Invoice/>');
    const d = await inProcess('evaluate', '--ruleset', aalborg, '--document', doctype, '--lang', 'en');
    expect(d.code).toBe(1);
    expect(d.err).toMatch(/DOCTYPE/i);
  });

  it('validate checks the intake settings too', async () => {
    const rs = JSON.parse((await import('node:fs')).readFileSync(aalborg, 'utf8'));
    rs.intake = { cpr: ['OrderReference/ID'], cprPattern: '(\\d+)+x' };
    const f = tmpFile('rs.json', JSON.stringify(rs));
    const r = await inProcess('validate', f, '--lang', 'en');
    expect(r.code).toBe(1);
    expect(r.out).toContain('ERROR /intake/cprPattern');
  });
});
