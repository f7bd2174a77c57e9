/**
 * Impact-preview jobs in SQL (impact_jobs): created queued, claimed by one server at a time
 * (FOR UPDATE SKIP LOCKED), updated as they run — only by the server holding the claim.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB, ImpactJobsTable } from '../../db/schema.js';

export type ImpactJobRow = Selectable<ImpactJobsTable>;

export async function insertImpactJob(
  db: Kysely<DB>,
  job: { id: string; municipality: string; params: object; createdBy: string; now: Date },
): Promise<void> {
  await db
    .insertInto('impact_jobs')
    .values({
      id: job.id,
      municipality_id: job.municipality,
      params: JSON.stringify(job.params),
      status: 'queued',
      created_by: job.createdBy,
      created_at: job.now,
    })
    .execute();
}

/** Attempts after which a job whose server keeps dying is failed rather than resumed. */
export const MAX_IMPACT_ATTEMPTS = 3;

/**
 * Claims a job for `server`: the given one if it is queued, else the oldest queued one or one
 * whose server has shown no sign of life for `timeoutSeconds` (it died) — locked with SKIP
 * LOCKED, so two servers never claim the same job. A claimed job starts over (processed 0).
 */
export async function claimImpactJob(
  db: Kysely<DB>,
  server: string,
  timeoutSeconds: number,
  id: string | null,
): Promise<ImpactJobRow | undefined> {
  const r = await sql<ImpactJobRow>`
    update impact_jobs j set status = 'running', claimed_by = ${server}, heartbeat_at = now(),
      attempts = j.attempts + 1, processed = 0, progress = 0, total = null
    where j.id = (
      select c.id from impact_jobs c
      where (c.status = 'queued' or (c.status = 'running'
          and c.heartbeat_at < now() - make_interval(secs => ${timeoutSeconds})
          and c.attempts < ${MAX_IMPACT_ATTEMPTS}))
        and (${id}::uuid is null or c.id = ${id}::uuid)
      order by c.created_at
      limit 1
      for update skip locked)
    returning j.*`.execute(db);
  return r.rows[0];
}

/** Fails the jobs whose server died on their last attempt; returns how many. */
export async function failAbandonedImpactJobs(db: Kysely<DB>, timeoutSeconds: number): Promise<number> {
  const r = await db
    .updateTable('impact_jobs')
    .set({
      status: 'failed',
      error: `The server running this job stopped ${MAX_IMPACT_ATTEMPTS} times before it finished; start a new one.`,
      finished_at: sql<Date>`now()`,
      claimed_by: null,
    })
    .where('status', '=', 'running')
    .where('attempts', '>=', MAX_IMPACT_ATTEMPTS)
    .where(sql<boolean>`heartbeat_at < now() - make_interval(secs => ${timeoutSeconds})`)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Gives a job back (this server is closing): another server, or this one restarted, resumes it. */
export async function releaseImpactJob(db: Kysely<DB>, id: string, server: string): Promise<void> {
  await db
    .updateTable('impact_jobs')
    .set({ status: 'queued', claimed_by: null, heartbeat_at: null })
    .where('id', '=', id)
    .where('claimed_by', '=', server)
    .where('status', '=', 'running')
    .execute();
}

/**
 * Updates a job this server holds (heartbeat included); false when the claim was lost (the job
 * was taken over after a timeout): the caller must stop.
 */
export async function updateImpactJob(
  db: Kysely<DB>,
  id: string,
  server: string,
  fields: {
    status?: ImpactJobRow['status'];
    progress?: number;
    processed?: number;
    total?: number;
    summary?: object;
    error?: string;
    finishedAt?: Date;
  },
): Promise<boolean> {
  const r = await db
    .updateTable('impact_jobs')
    .set({
      ...(fields.status !== undefined ? { status: fields.status } : {}),
      ...(fields.progress !== undefined ? { progress: fields.progress } : {}),
      ...(fields.processed !== undefined ? { processed: fields.processed } : {}),
      ...(fields.total !== undefined ? { total: fields.total } : {}),
      ...(fields.summary !== undefined ? { summary: JSON.stringify(fields.summary) } : {}),
      ...(fields.error !== undefined ? { error: fields.error } : {}),
      ...(fields.finishedAt !== undefined ? { finished_at: fields.finishedAt } : {}),
      heartbeat_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .where('claimed_by', '=', server)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function findImpactJob(
  db: Kysely<DB>,
  municipality: string,
  id: string,
): Promise<ImpactJobRow | undefined> {
  return db
    .selectFrom('impact_jobs')
    .selectAll()
    .where('municipality_id', '=', municipality)
    .where('id', '=', id)
    .executeTakeFirst();
}
