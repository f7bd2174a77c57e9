/** GET /platform/overview, as the server answers it (platform-routes.ts). */
export interface MunicipalityAtAGlance {
  id: string;
  name: string;
  eans: string[];
  users: number;
  activeVersion: { version: number; effectiveFrom: string } | null;
  basedOn: { template: string; version: number; latestVersion: number | null; behind: number } | null;
  manualQueue: number;
  decisionsRecent: number;
}

export interface TemplateAtAGlance {
  id: string;
  name: string;
  latestVersion: number | null;
  updatedAt: string | null;
  followers: number;
  behind: number;
}

export interface PlatformOverviewData {
  recentDays: number;
  municipalities: MunicipalityAtAGlance[];
  nationalTemplates: TemplateAtAGlance[];
}
