/** Impact-preview jobs in SQL (impact_jobs): created queued, updated as they run. */
import type { Kysely, Selectable } from 'kysely';
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

export async function updateImpactJob(
  db: Kysely<DB>,
  id: string,
  fields: {
    status?: ImpactJobRow['status'];
    progress?: number;
    processed?: number;
    total?: number;
    summary?: object;
    error?: string;
    finishedAt?: Date;
  },
): Promise<void> {
  await db
    .updateTable('impact_jobs')
    .set({
      ...(fields.status !== undefined ? { status: fields.status } : {}),
      ...(fields.progress !== undefined ? { progress: fields.progress } : {}),
      ...(fields.processed !== undefined ? { processed: fields.processed } : {}),
      ...(fields.total !== undefined ? { total: fields.total } : {}),
      ...(fields.summary !== undefined ? { summary: JSON.stringify(fields.summary) } : {}),
      ...(fields.error !== undefined ? { error: fields.error } : {}),
      ...(fields.finishedAt !== undefined ? { finished_at: fields.finishedAt } : {}),
    })
    .where('id', '=', id)
    .execute();
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
