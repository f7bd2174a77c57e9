/**
 * Oversigt (the dashboard): the control of the automation that the KP guide advises through the
 * event report — how many documents were approved automatically per week — with the reasons for
 * manual and rejected documents, documents per supplier, and the open manual queue by age.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { issue } from '../../domain/issues.js';
import { BadRequestError } from '../../http/errors.js';
import {
  documentsPerSupplier,
  documentsPerWeek,
  manualQueueByAge,
  reasonCounts,
  type AgeBucket,
  type Period,
  type QueueAgeRow,
  type ReasonRow,
  type SupplierRow,
  type WeekRow,
} from './dashboard-repository.js';

export const AGE_BUCKETS: readonly AgeBucket[] = ['under1d', 'd1to7', 'd8to30', 'over30d'];

/** The default period: the last twelve weeks. */
const DEFAULT_DAYS = 84;
const MAX_DAYS = 3 * 366;
const DAY_MS = 86_400_000;

export interface Dashboard {
  period: { from: string; to: string };
  totals: {
    documents: number;
    approvedAutomatically: number;
    manual: number;
    rejected: number;
    automationShare: number | null;
  };
  weeks: (WeekRow & { automationShare: number | null })[];
  reasons: ReasonRow[];
  suppliers: SupplierRow[];
  manualQueue: QueueAgeRow[];
}

function instant(name: 'from' | 'to', value: string | undefined): Date | undefined {
  if (value === undefined || value === '') return undefined;
  const d = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(d.getTime()))
    throw new BadRequestError(`${name} must be an ISO 8601 date or timestamp.`, [
      issue(
        `/querystring/${name}`,
        'dashboard.period',
        `${name} skal være en dato eller et tidspunkt (ISO 8601).`,
        `${name} must be an ISO 8601 date or timestamp.`,
      ),
    ]);
  return d;
}

const share = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;

export class DashboardService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly now: () => Date,
  ) {}

  async get(m: string, query: { from?: string; to?: string }): Promise<Dashboard> {
    const now = this.now();
    const to = instant('to', query.to) ?? now;
    const from = instant('from', query.from) ?? new Date(to.getTime() - DEFAULT_DAYS * DAY_MS);
    if (from >= to)
      throw new BadRequestError('from must be before to.', [
        issue('/querystring/from', 'dashboard.period', 'from skal ligge før to.', 'from must be before to.'),
      ]);
    if (to.getTime() - from.getTime() > MAX_DAYS * DAY_MS)
      throw new BadRequestError('The period may be at most three years.', [
        issue(
          '/querystring/from',
          'dashboard.period',
          'Perioden må højst være tre år.',
          'The period may be at most three years.',
        ),
      ]);
    const period: Period = { from, to };
    const [weeks, reasons, suppliers, queue] = await Promise.all([
      documentsPerWeek(this.db, m, period),
      reasonCounts(this.db, m, period),
      documentsPerSupplier(this.db, m, period, 10),
      manualQueueByAge(this.db, m, now),
    ]);
    const sum = (f: (w: WeekRow) => number): number => weeks.reduce((n, w) => n + f(w), 0);
    const documents = sum((w) => w.documents);
    const approved = sum((w) => w.approved);
    const byBucket = new Map(queue.map((q) => [q.bucket, q]));
    return {
      period: { from: from.toISOString(), to: to.toISOString() },
      totals: {
        documents,
        approvedAutomatically: approved,
        manual: sum((w) => w.manual),
        rejected: sum((w) => w.rejected),
        automationShare: share(approved, documents),
      },
      weeks: weeks.map((w) => ({ ...w, automationShare: share(w.approved, w.documents) })),
      reasons,
      suppliers,
      manualQueue: AGE_BUCKETS.map(
        (bucket) => byBucket.get(bucket) ?? { bucket, documents: 0, amount: '0.00' },
      ),
    };
  }
}
