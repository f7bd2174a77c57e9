/**
 * Impact jobs survive their server (issue 12): two built servers (dist/server.mjs, child
 * processes) on one PostgreSQL database; the one running a job is killed (SIGKILL) mid-job, and
 * the other takes the job over once its heartbeat is older than IMPACT_JOB_TIMEOUT_SECONDS and
 * finishes it. A job whose server died on its last attempt is failed with a clear error, never
 * left `running`. Runs where PostgreSQL is reachable (always in CI).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../server/src/db/database.js';
import { M, seedDecisions, setupBenchMunicipality } from '../../bench/seed-ledger.js';
import { startBuiltServer, type BuiltServer } from '../support/built-server.js';
import { createPostgresDatabase, testDatabases } from '../support/platform.js';

const kinds = await testDatabases();
const N = 40_000;

describe.runIf(kinds.includes('postgres'))('impact jobs when their server dies (PostgreSQL)', () => {
  let pg: Awaited<ReturnType<typeof createPostgresDatabase>> | undefined;
  let database: Database | undefined;
  const servers: BuiltServer[] = [];
  afterAll(async () => {
    for (const s of servers) await s.stop();
    await database?.close();
    await pg?.drop();
  });

  it(
    'a killed server’s job is taken over by another server and finished; one that keeps dying is failed',
    { timeout: 180_000 },
    async () => {
      pg = await createPostgresDatabase();
      const env = {
        DATABASE_URL: pg.url,
        DEMO: 'false',
        ADMIN_PASSWORD: 'impact-restart-admin-1',
        IMPACT_JOB_TIMEOUT_SECONDS: '2',
      };
      const a = await startBuiltServer({ env });
      servers.push(a);
      database = await openDatabase({ databaseUrl: pg.url, poolSize: 2 });
      const { key, hash } = await setupBenchMunicipality(database.db);
      await seedDecisions(database.db, { number: 1, hash }, N);
      const b = await startBuiltServer({ env });
      servers.push(b);
      const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
      const jobOn = async (s: BuiltServer, id: string) =>
        (await (await fetch(`${s.base}/api/v1/municipalities/${M}/impact/${id}`, { headers })).json()) as {
          status: string;
          processed: number;
          total: number | null;
          attempts: number;
          error?: string;
        };

      const started = await fetch(`${a.base}/api/v1/municipalities/${M}/impact`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ from: '2026-01-01', to: '2026-12-31', against: { draft: true } }),
      });
      expect(started.status).toBe(202);
      const { job } = (await started.json()) as { job: string };
      // kill A as soon as the job has made progress, long before it is done
      for (let i = 0; ; i++) {
        const v = await jobOn(a, job);
        if (v.status === 'running' && v.processed > 0) {
          expect(v.processed).toBeLessThan(N);
          break;
        }
        expect(v.status).not.toBe('done');
        expect(i).toBeLessThan(2000);
        await new Promise((r) => setTimeout(r, 5));
      }
      a.child.kill('SIGKILL');
      await a.stop();
      // B reads the progress A left, then takes the job over and finishes it
      expect((await jobOn(b, job)).status).toBe('running');
      const deadline = Date.now() + 60_000;
      let view = await jobOn(b, job);
      while (view.status !== 'done' && view.status !== 'failed' && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        view = await jobOn(b, job);
      }
      expect(view, JSON.stringify({ ...view, summary: undefined })).toMatchObject({
        status: 'done',
        processed: N,
        total: N,
        attempts: 2,
      });

      // a job whose server died on its third attempt is failed, not resumed
      const dead = randomUUID();
      await database.db
        .insertInto('impact_jobs')
        .values({
          id: dead,
          municipality_id: M,
          params: JSON.stringify({}),
          status: 'running',
          created_by: 'test',
          claimed_by: 'a-dead-server',
          heartbeat_at: new Date(Date.now() - 60_000),
          attempts: 3,
        })
        .execute();
      const deadline2 = Date.now() + 30_000;
      let deadView = await jobOn(b, dead);
      while (deadView.status === 'running' && Date.now() < deadline2) {
        await new Promise((r) => setTimeout(r, 100));
        deadView = await jobOn(b, dead);
      }
      expect(deadView.status).toBe('failed');
      expect(deadView.error).toMatch(/stopped 3 times/);
    },
  );
});
