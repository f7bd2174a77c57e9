/**
 * Table types for Kysely, one interface per table, collected in `DB`. jsonb columns are typed as
 * what the application stores in them; numeric columns come back as strings (exact decimals).
 */
import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { CanonicalDocument, DocumentKey } from '../domain/document.js';
import type { DecisionReason, PaymentGroup, TraceRule } from '../engine/decide.js';
import type { Facts } from '../engine/facts.js';
import type { LedgerSnapshot, Posting } from '../engine/ledger.js';
import type { Ruleset } from '../engine/ruleset.js';

export type Role = 'platform-admin' | 'admin' | 'caseworker' | 'auditor' | 'integration';
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** numeric(15,2): read as a decimal string, written as one. */
export type Numeric = ColumnType<string, string, string>;

export interface PlatformSettingsTable {
  key: string;
  value: string;
  created_at: Generated<Date>;
}

export interface MunicipalitiesTable {
  id: string;
  name: string;
  eans: JSONColumnType<string[]>;
  created_at: Generated<Date>;
}

export interface UsersTable {
  id: string;
  username: string;
  password_hash: string;
  role: Exclude<Role, 'integration'>;
  municipality_id: string | null;
  disabled: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
}

export interface ApiKeysTable {
  id: string;
  municipality_id: string;
  name: string;
  role: Exclude<Role, 'platform-admin'>;
  prefix: string;
  key_hash: string;
  created_by: string;
  created_at: Generated<Date>;
  revoked_at: Timestamp | null;
}

export interface TemplatesTable {
  id: string;
  name: string;
  municipality_id: string | null;
  created_by: string;
  created_at: Generated<Date>;
}

export interface TemplateVersionsTable {
  template_id: string;
  version: number;
  document: JSONColumnType<Ruleset>;
  hash: string;
  source_municipality: string | null;
  source_version: number | null;
  comment: string | null;
  created_by: string;
  created_at: Generated<Date>;
}

export interface RulesetDraftsTable {
  municipality_id: string;
  revision: number;
  document: JSONColumnType<Ruleset | Record<string, unknown>>;
  updated_by: string;
  updated_at: Timestamp;
}

export interface RulesetVersionsTable {
  municipality_id: string;
  version: number;
  document: JSONColumnType<Ruleset>;
  hash: string;
  comment: string;
  effective_from: Timestamp;
  published_by: string;
  approved_by: string | null;
  created_at: Generated<Date>;
}

export interface PublishRequestsTable {
  id: string;
  municipality_id: string;
  draft_revision: number;
  document: JSONColumnType<Ruleset>;
  comment: string;
  effective_from: Timestamp | null;
  requested_by: string;
  status: 'pending' | 'approved' | 'void' | 'rejected';
  decided_by: string | null;
  decided_at: Timestamp | null;
  /** Why a request was rejected, or a note on approval (migration 20261121T1310). */
  decision_comment: ColumnType<string | null, string | null | undefined, string | null>;
  version: number | null;
  created_at: Generated<Date>;
}

/** The last draft revision a municipality has used, so numbering continues across drafts. */
export interface RulesetDraftCountersTable {
  municipality_id: string;
  last_revision: number;
}

export type LedgerStatusColumn = 'approved' | 'rejected' | 'manual' | 'annulled';
export type Stage = 'review' | 'approval' | 'investigation';

export interface DocumentsTable {
  id: string;
  municipality_id: string;
  supplier_key: string;
  supplier_id: string;
  document_type: 'invoice' | 'creditNote' | 'reminder';
  number: string;
  issue_date: ColumnType<string, string, string>;
  payable: Numeric;
  status: LedgerStatusColumn;
  stage: Stage | null;
  cpr_hashes: JSONColumnType<string[]>;
  case_kinds: JSONColumnType<string[]>;
  /** The case types of an invoice's known service numbers (openCaseThisYear matches on them). */
  case_types: ColumnType<string[], string | undefined, string>;
  postings: JSONColumnType<Posting[]>;
  content_hash: string;
  first_decision_id: string | null;
  latest_decision_id: string | null;
  billing_reference: string | null;
  split: JSONColumnType<object> | null;
  /** A caseworker's payment groups (null: as the decision proposed them). */
  payment_groups: JSONColumnType<object[]> | null;
  parent_id: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface DecisionsTable {
  id: string;
  municipality_id: string;
  document_id: string;
  document_key: JSONColumnType<DocumentKey>;
  document: JSONColumnType<CanonicalDocument>;
  content_hash: string;
  ledger_snapshot: JSONColumnType<LedgerSnapshot>;
  ruleset_version: number;
  ruleset_hash: string;
  engine_version: string;
  outcome: 'approved' | 'manual' | 'rejected';
  reasons: JSONColumnType<DecisionReason[]>;
  comment: string | null;
  actions: JSONColumnType<string[]>;
  payment_groups: JSONColumnType<PaymentGroup[]>;
  postings: JSONColumnType<Posting[]>;
  explanation: JSONColumnType<{ da: string; en: string }>;
  facts: JSONColumnType<Facts>;
  trace: JSONColumnType<TraceRule[]>;
  payable: Numeric;
  duplicate: Generated<boolean>;
  received_at: Timestamp;
  created_at: Generated<Date>;
  timing_ms: number;
  /** Why a decision was made other than the ERP sending the document (a re-decision); null otherwise. */
  cause: ColumnType<DecisionCause | null, string | null | undefined, never>;
}

/** A re-decision's cause: the caseworker's outcome on the invoice the document waits on. */
export type DecisionCause =
  | {
      kind: 'outcome';
      /** The invoice's ledger id, and the recorded outcome (document_outcomes.id) that caused it. */
      documentId: string;
      outcomeId: string;
      outcome: 'approved' | 'rejected';
    }
  | {
      kind: 'split';
      /** The original invoice's ledger id and number, and which part of how many this is. */
      documentId: string;
      originalNumber: string;
      part: number;
      parts: number;
    };

export interface DocumentOutcomesTable {
  id: string;
  municipality_id: string;
  document_id: string;
  outcome:
    | 'approved'
    | 'rejected'
    | 'stage'
    | 'split'
    | 'split-removed'
    | 'split-completed'
    | 'annulled'
    | 'payment-groups';
  reason: string | null;
  comment: string | null;
  stage: string | null;
  actor: string;
  created_at: Generated<Date>;
}

export interface AuditEventsTable {
  id: Generated<string>;
  municipality_id: string | null;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  before: JSONColumnType<object> | null;
  after: JSONColumnType<object> | null;
  comment: string | null;
  created_at: Generated<Date>;
}

export interface ImpactJobsTable {
  id: string;
  municipality_id: string;
  params: JSONColumnType<object>;
  status: 'queued' | 'running' | 'done' | 'failed';
  progress: Generated<number>;
  total: number | null;
  processed: Generated<number>;
  summary: JSONColumnType<object> | null;
  error: string | null;
  created_by: string;
  created_at: Generated<Date>;
  finished_at: Timestamp | null;
  /** The server running it (a random id per process), while it runs. */
  claimed_by: string | null;
  /** Last sign of life of the server running it; a stale one means that server died. */
  heartbeat_at: Timestamp | null;
  attempts: Generated<number>;
}

export interface TraceSkeletonsTable {
  id: string;
  skeleton: JSONColumnType<object>;
  created_at: Generated<Date>;
}

export interface DB {
  platform_settings: PlatformSettingsTable;
  municipalities: MunicipalitiesTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  templates: TemplatesTable;
  template_versions: TemplateVersionsTable;
  ruleset_drafts: RulesetDraftsTable;
  ruleset_versions: RulesetVersionsTable;
  publish_requests: PublishRequestsTable;
  ruleset_draft_counters: RulesetDraftCountersTable;
  documents: DocumentsTable;
  decisions: DecisionsTable;
  document_outcomes: DocumentOutcomesTable;
  audit_events: AuditEventsTable;
  impact_jobs: ImpactJobsTable;
  trace_skeletons: TraceSkeletonsTable;
}
