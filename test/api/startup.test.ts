/**
 * Starting the platform with DEMO=true (PRODUCT.md §9): the demo municipality, its users with
 * printed passwords, the Aalborg ruleset published as version 1 through the four-eyes workflow,
 * and sample documents — seeded once, and left alone (passwords not printed, hashes never) on
 * every later start. Without DEMO nothing of it exists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config.js';
import type { Database } from '../../server/src/db/database.js';
import { DEMO_USERS } from '../../server/src/features/demo/demo-seed.js';
import { startPlatform, type StartedPlatform } from '../../server/src/platform.js';
import { freshDatabase, testDatabases } from '../support/platform.js';

const config = (demo: boolean) =>
  loadConfig({
    ADMIN_PASSWORD: 'platform-admin-password-1',
    SESSION_SECRET: 'x'.repeat(40),
    LOGIN_RATE_LIMIT: '1000',
    DEMO: String(demo),
  });

describe.each(await testDatabases())('startup with DEMO=true on %s', (kind) => {
  let database: Database & { dropUrl?: string };
  let first: StartedPlatform;
  beforeAll(async () => {
    database = await freshDatabase(kind);
    first = await startPlatform(config(true), { database, logger: false });
    await first.app.ready();
  });
  afterAll(async () => {
    await first?.app.close();
    await database?.close();
  });

  const login = (username: string, password: string) =>
    first.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });

  it('prints each demo user with a password that logs in', async () => {
    const text = first.notices.join('\n');
    expect(text).toContain('Demo municipality 851 "Aalborg Kommune (demo)"');
    for (const u of DEMO_USERS) {
      const m = new RegExp(`^\\s+${u.username}\\s+(\\S+)\\s+${u.role}\\b`, 'm').exec(text);
      expect(m, `${u.username} in:\n${text}`).not.toBeNull();
      const res = await login(u.username, m![1]!);
      expect(res.statusCode, u.username).toBe(200);
      expect(res.json()).toMatchObject({ role: u.role, municipality: '851' });
    }
    expect(text).not.toMatch(/\$argon2/);
  });

  it('creates municipality 851 with its EAN', async () => {
    const m = await database.db
      .selectFrom('municipalities')
      .selectAll()
      .where('id', '=', '851')
      .executeTakeFirstOrThrow();
    expect(m).toMatchObject({ name: 'Aalborg Kommune (demo)', eans: ['5798000420434'] });
  });

  it('publishes the Aalborg ruleset as version 1: requested by demo-admin, approved by demo-admin2', async () => {
    const versions = await database.db
      .selectFrom('ruleset_versions')
      .selectAll()
      .where('municipality_id', '=', '851')
      .execute();
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({
      version: 1,
      published_by: 'user:demo-admin',
      approved_by: 'user:demo-admin2',
    });
    expect(versions[0]!.document.name).toBe('Aalborg Kommune — eFaktura i KP');
    const actions = await database.db
      .selectFrom('audit_events')
      .select(['entity', 'action', 'actor'])
      .where('municipality_id', '=', '851')
      .orderBy('id')
      .execute();
    expect(actions.map((a) => `${a.entity}:${a.action}:${a.actor}`)).toEqual(
      expect.arrayContaining([
        'municipality:create:system',
        'user:create:system',
        'ruleset_draft:create:user:demo-admin',
        'publish_request:request:user:demo-admin',
        'publish_request:approve:user:demo-admin2',
      ]),
    );
  });

  it('evaluates the sample documents: approved, rejected, manual, manual, approved, manual, manual', async () => {
    const decisions = await database.db
      .selectFrom('decisions')
      .select(['document_key', 'outcome', 'reasons', 'ruleset_version'])
      .where('municipality_id', '=', '851')
      .orderBy('created_at')
      .execute();
    expect(first.notices.join('\n')).not.toContain('WARNING');
    // the history (HIST-…, received 1–8 weeks ago) first, then the samples
    const history = decisions.filter((d) => d.document_key.id.startsWith('HIST-'));
    expect(history.length).toBeGreaterThan(30);
    expect(new Set(history.map((d) => d.outcome))).toEqual(new Set(['approved', 'manual', 'rejected']));
    expect(decisions.slice(0, history.length)).toEqual(history);
    expect(
      decisions
        .slice(history.length)
        .map((d) => [d.document_key.documentType, d.outcome, d.reasons.map((r) => r.code)[0] ?? null]),
    ).toEqual([
      ['invoice', 'approved', null],
      ['invoice', 'rejected', 'SAMLEREGNING'],
      ['invoice', 'manual', expect.any(String)],
      ['invoice', 'manual', 'OVER_BELOEBSGRAENSE'],
      ['creditNote', 'approved', null],
      ['reminder', 'manual', 'RYKKER_AFVENTER_FAKTURA'], // its invoice is pending
      ['invoice', 'manual', expect.any(String)], // dentist and dentures: two case types
    ]);
    expect(decisions.every((d) => d.ruleset_version === 1)).toBe(true);
    // the caseworker has a manual queue to look at
    const cookie = String(
      (await login('demo-caseworker', /demo-caseworker\s+(\S+)/.exec(first.notices.join('\n'))![1]!)).headers[
        'set-cookie'
      ],
    ).split(';')[0]!;
    const docs = await first.app.inject({
      url: `/api/v1/municipalities/851/documents?filter=${encodeURIComponent('{"status":"manual"}')}`,
      headers: { cookie },
    });
    expect(docs.statusCode).toBe(200);
    expect(docs.json().length).toBe(4);
  });

  it('a second start leaves everything as it was and prints no password', async () => {
    const count = async () => ({
      users: (await database.db.selectFrom('users').select('id').execute()).length,
      versions: (await database.db.selectFrom('ruleset_versions').select('version').execute()).length,
      decisions: (await database.db.selectFrom('decisions').select('id').execute()).length,
      hashes: (
        await database.db.selectFrom('users').select('password_hash').orderBy('username').execute()
      ).map((u) => u.password_hash),
    });
    const before = await count();
    const again = await startPlatform(config(true), { database, logger: false });
    try {
      const text = again.notices.join('\n');
      expect(text).toContain('demo-admin, demo-admin2, demo-caseworker, demo-auditor exist already');
      expect(text).toMatch(/To reset one: .*PATCH \/api\/v1\/municipalities\/851\/users\/<id>/);
      expect(text).not.toMatch(/\$argon2/);
      for (const h of before.hashes) expect(text).not.toContain(h);
      expect(again.generatedAdminPassword).toBeUndefined();
      expect(await count()).toEqual(before);
    } finally {
      await again.app.close();
    }
  });
});

describe('startup without DEMO', () => {
  it('seeds no demo municipality', async () => {
    const database = await freshDatabase('pglite');
    try {
      const started = await startPlatform(config(false), { database, logger: false });
      await started.app.close();
      expect(started.notices).toEqual([]);
      expect(await database.db.selectFrom('municipalities').select('id').execute()).toEqual([]);
    } finally {
      await database.close();
    }
  });
});
