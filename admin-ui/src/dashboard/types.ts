/** GET /municipalities/:m/dashboard (server dashboard-routes.ts). */
export interface DashboardData {
  period: { from: string; to: string };
  totals: {
    documents: number;
    approvedAutomatically: number;
    manual: number;
    rejected: number;
    automationShare: number | null;
  };
  weeks: {
    week: string;
    documents: number;
    approved: number;
    manual: number;
    rejected: number;
    automationShare: number | null;
  }[];
  reasons: { code: string; kind: 'reject' | 'manual'; text: string; documents: number }[];
  suppliers: { supplier: string; name: string | null; documents: number; amount: string }[];
  manualQueue: { bucket: 'under1d' | 'd1to7' | 'd8to30' | 'over30d'; documents: number; amount: string }[];
}

/** The ISO week number of a date ("2026-11-30" → 49). */
export function isoWeek(ymd: string): number {
  const d = new Date(`${ymd.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 4 - (d.getUTCDay() || 7));
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  return Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
}
