/**
 * The platform at a glance (the platform administrator's first screen): every municipality with
 * the version in force, the template it is based on and how far behind that template's latest
 * version it is, its users, manual queue and recent decisions; and every national template with
 * how many municipalities follow it and how many of them are behind. No HTTP here.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { listMunicipalities } from '../municipalities/municipality-repository.js';
import { versionInForceAt } from '../rulesets/version-in-force.js';
import { listTemplates } from '../templates/template-repository.js';
import {
  activeUsersByMunicipality,
  decisionsSinceByMunicipality,
  manualQueueByMunicipality,
  publishedVersions,
} from './platform-repository.js';

/** The period "recent decisions" counts: the last 30 days. */
export const RECENT_DAYS = 30;

export interface MunicipalityAtAGlance {
  id: string;
  name: string;
  eans: string[];
  users: number;
  /** The version in force now, or null when none is (nothing can be decided yet). */
  activeVersion: { version: number; effectiveFrom: Date } | null;
  /** The template the version in force is based on, its version, and the template's latest. */
  basedOn: { template: string; version: number; latestVersion: number | null; behind: number } | null;
  manualQueue: number;
  decisionsRecent: number;
}

export interface TemplateAtAGlance {
  id: string;
  name: string;
  latestVersion: number | null;
  updatedAt: Date | null;
  /** Municipalities whose version in force is based on this template … */
  followers: number;
  /** … of which this many are on an older version of it. */
  behind: number;
}

export interface PlatformOverview {
  recentDays: number;
  municipalities: MunicipalityAtAGlance[];
  nationalTemplates: TemplateAtAGlance[];
}

const ALL = { offset: 0, limit: 10_000, sortOrder: 'asc' } as const;

export class PlatformService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly now: () => Date,
  ) {}

  async overview(): Promise<PlatformOverview> {
    const now = this.now();
    const since = new Date(now.getTime() - RECENT_DAYS * 86_400_000);
    const [municipalities, templates, users, queue, recent, versions] = await Promise.all([
      listMunicipalities(this.db, {}, { ...ALL, sortField: 'id' }),
      listTemplates(this.db, {}, { ...ALL, sortField: 'id' }),
      activeUsersByMunicipality(this.db),
      manualQueueByMunicipality(this.db),
      decisionsSinceByMunicipality(this.db, since),
      publishedVersions(this.db),
    ]);
    const latest = new Map(templates.rows.map((t) => [t.id, t.latestVersion]));
    const rows = municipalities.rows.map((m): MunicipalityAtAGlance => {
      const active = versionInForceAt(
        versions.filter((v) => v.municipality === m.id),
        now,
      );
      const based = active?.basedOn ?? null;
      const latestVersion = based ? (latest.get(based.template) ?? null) : null;
      return {
        id: m.id,
        name: m.name,
        eans: m.eans,
        users: users.get(m.id) ?? 0,
        activeVersion: active ? { version: active.version, effectiveFrom: active.effectiveFrom } : null,
        basedOn: based && {
          template: based.template,
          version: based.version,
          latestVersion,
          behind: latestVersion === null ? 0 : Math.max(0, latestVersion - based.version),
        },
        manualQueue: queue.get(m.id) ?? 0,
        decisionsRecent: recent.get(m.id) ?? 0,
      };
    });
    const nationalTemplates = templates.rows
      .filter((t) => t.municipality === null)
      .map((t): TemplateAtAGlance => {
        const following = rows.filter((m) => m.basedOn?.template === t.id);
        return {
          id: t.id,
          name: t.name,
          latestVersion: t.latestVersion,
          updatedAt: t.updatedAt,
          followers: following.length,
          behind: following.filter((m) => m.basedOn!.behind > 0).length,
        };
      });
    return { recentDays: RECENT_DAYS, municipalities: rows, nationalTemplates };
  }
}
