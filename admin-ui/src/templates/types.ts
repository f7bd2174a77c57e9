/** The shapes of the /templates and …/ruleset/upstream answers (server/src/features/templates, rulesets). */
import type { RaRecord } from 'react-admin';

export interface TemplateVersionSummary {
  id: number;
  template: string;
  version: number;
  hash: string;
  comment: string | null;
  sourceMunicipality: string | null;
  sourceVersion: number | null;
  createdBy: string;
  createdAt: string;
}

export interface TemplateVersion extends TemplateVersionSummary {
  document: Record<string, unknown>;
}

export interface Template extends RaRecord {
  id: string;
  name: string;
  municipality: string | null;
  national: boolean;
  latestVersion: number | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string | null;
  versions?: TemplateVersionSummary[];
}

export interface ChangeText {
  da: string;
  en: string;
}

export interface Change {
  path: string;
  op: 'add' | 'remove' | 'replace' | 'move';
  before?: unknown;
  after?: unknown;
  text: ChangeText;
}

export interface UpstreamChange extends Change {
  conflict: boolean;
}

export interface Upstream {
  template: string;
  baseVersion: number;
  latestVersion: number;
  upToDate: boolean;
  ours: { draft: number } | { version: number };
  upstreamChanges: UpstreamChange[];
  ownChanges: Change[];
}

export interface ApplyResult {
  revision: number;
  basedOn: { template: string; version: number };
  createdDraft: boolean;
  applied: Omit<Change, 'text'>[];
  skipped: { path: string; reason: 'conflict' | 'notSelected' }[];
  validation: { valid: boolean; errors: unknown[]; warnings: unknown[] };
  voidedRequests: string[];
}
