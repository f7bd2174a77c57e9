/**
 * The initial schema. Frozen: never edit a migration once merged — add a new one. Runs the same
 * SQL on PostgreSQL and on the embedded PGlite. Money is numeric(15,2); decisions, document
 * outcomes, audit events and published versions are append-only, enforced by the database.
 */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time and typeless
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception 'table % is append-only: % is not allowed', tg_table_name, tg_op
        using errcode = 'P0001';
    end $$`.execute(db);

  // Installation-wide secrets and settings, e.g. the key of the CPR hash (it must survive restarts,
  // or documents for the same person would no longer match).
  await sql`
    create table platform_settings (
      key text primary key,
      value text not null,
      created_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table municipalities (
      id text primary key,
      name text not null,
      eans jsonb not null default '[]',
      created_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table users (
      id uuid primary key,
      username text not null unique,
      password_hash text not null,
      role text not null check (role in ('platform-admin', 'admin', 'caseworker', 'auditor')),
      municipality_id text references municipalities(id),
      disabled boolean not null default false,
      created_at timestamptz not null default now(),
      check ((role = 'platform-admin') = (municipality_id is null))
    )`.execute(db);

  await sql`
    create table sessions (
      token_hash text primary key,
      user_id uuid not null references users(id),
      created_at timestamptz not null default now(),
      expires_at timestamptz not null
    )`.execute(db);
  await sql`create index sessions_user on sessions (user_id)`.execute(db);

  await sql`
    create table api_keys (
      id uuid primary key,
      municipality_id text not null references municipalities(id),
      name text not null,
      role text not null check (role in ('admin', 'caseworker', 'auditor', 'integration')),
      prefix text not null,
      key_hash text not null unique,
      created_by text not null,
      created_at timestamptz not null default now(),
      revoked_at timestamptz
    )`.execute(db);

  await sql`
    create table templates (
      id text primary key,
      name text not null,
      municipality_id text references municipalities(id),
      created_by text not null,
      created_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table template_versions (
      template_id text not null references templates(id),
      version integer not null check (version > 0),
      document jsonb not null,
      hash text not null,
      source_municipality text,
      source_version integer,
      comment text,
      created_by text not null,
      created_at timestamptz not null default now(),
      primary key (template_id, version)
    )`.execute(db);

  await sql`
    create table ruleset_drafts (
      municipality_id text primary key references municipalities(id),
      revision integer not null check (revision > 0),
      document jsonb not null,
      updated_by text not null,
      updated_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table ruleset_versions (
      municipality_id text not null references municipalities(id),
      version integer not null check (version > 0),
      document jsonb not null,
      hash text not null,
      comment text not null,
      effective_from timestamptz not null,
      published_by text not null,
      approved_by text,
      created_at timestamptz not null default now(),
      primary key (municipality_id, version)
    )`.execute(db);
  await sql`create index ruleset_versions_effective on ruleset_versions (municipality_id, effective_from desc)`.execute(
    db,
  );

  await sql`
    create table publish_requests (
      id uuid primary key,
      municipality_id text not null references municipalities(id),
      draft_revision integer not null,
      document jsonb not null,
      comment text not null,
      effective_from timestamptz,
      requested_by text not null,
      status text not null check (status in ('pending', 'approved', 'void', 'rejected')),
      decided_by text,
      decided_at timestamptz,
      version integer,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index publish_requests_pending on publish_requests (municipality_id) where status = 'pending'`.execute(
    db,
  );

  // The ledger: one row per document key, holding its current status. Mutable by design (a
  // caseworker's outcome changes it); its history is in decisions and document_outcomes.
  await sql`
    create table documents (
      id uuid primary key,
      municipality_id text not null references municipalities(id),
      supplier_key text not null,
      supplier_id text not null,
      document_type text not null check (document_type in ('invoice', 'creditNote', 'reminder')),
      number text not null,
      issue_date date not null,
      payable numeric(15, 2) not null,
      status text not null check (status in ('approved', 'rejected', 'manual', 'annulled')),
      stage text check (stage in ('review', 'approval', 'investigation')),
      cpr_hashes jsonb not null default '[]',
      case_kinds jsonb not null default '[]',
      postings jsonb not null default '[]',
      content_hash text not null,
      first_decision_id uuid,
      latest_decision_id uuid,
      billing_reference text,
      split jsonb,
      parent_id uuid references documents(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (municipality_id, supplier_key, document_type, number)
    )`.execute(db);
  await sql`create index documents_status on documents (municipality_id, status, created_at desc)`.execute(
    db,
  );

  await sql`
    create table decisions (
      id uuid primary key,
      municipality_id text not null references municipalities(id),
      document_id uuid not null references documents(id),
      document_key jsonb not null,
      document jsonb not null,
      content_hash text not null,
      ledger_snapshot jsonb not null,
      ruleset_version integer not null,
      ruleset_hash text not null,
      engine_version text not null,
      outcome text not null check (outcome in ('approved', 'manual', 'rejected')),
      reasons jsonb not null,
      comment text,
      actions jsonb not null,
      payment_groups jsonb not null,
      postings jsonb not null,
      explanation jsonb not null,
      facts jsonb not null,
      trace jsonb not null,
      payable numeric(15, 2) not null,
      duplicate boolean not null default false,
      received_at timestamptz not null,
      created_at timestamptz not null default now(),
      timing_ms double precision not null
    )`.execute(db);
  await sql`create index decisions_log on decisions (municipality_id, created_at desc, id)`.execute(db);
  await sql`create index decisions_received on decisions (municipality_id, received_at, id)`.execute(db);
  await sql`create index decisions_document on decisions (document_id)`.execute(db);

  await sql`
    create table document_outcomes (
      id uuid primary key,
      municipality_id text not null references municipalities(id),
      document_id uuid not null references documents(id),
      outcome text not null check (outcome in ('approved', 'rejected', 'stage', 'split', 'annulled')),
      reason text,
      comment text,
      stage text,
      actor text not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index document_outcomes_document on document_outcomes (document_id, created_at)`.execute(
    db,
  );

  await sql`
    create table audit_events (
      id bigserial primary key,
      municipality_id text,
      actor text not null,
      action text not null,
      entity text not null,
      entity_id text,
      before jsonb,
      after jsonb,
      comment text,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index audit_events_municipality on audit_events (municipality_id, id desc)`.execute(db);

  await sql`
    create table impact_jobs (
      id uuid primary key,
      municipality_id text not null references municipalities(id),
      params jsonb not null,
      status text not null check (status in ('queued', 'running', 'done', 'failed')),
      progress double precision not null default 0,
      total integer,
      processed integer not null default 0,
      summary jsonb,
      error text,
      created_by text not null,
      created_at timestamptz not null default now(),
      finished_at timestamptz
    )`.execute(db);

  for (const table of [
    'decisions',
    'document_outcomes',
    'audit_events',
    'ruleset_versions',
    'template_versions',
  ]) {
    await sql`
      create trigger ${sql.raw(`${table}_append_only`)}
      before update or delete on ${sql.table(table)}
      for each row execute function refuse_change()`.execute(db);
    await sql`
      create trigger ${sql.raw(`${table}_no_truncate`)}
      before truncate on ${sql.table(table)}
      for each statement execute function refuse_change()`.execute(db);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'platform_settings',
    'impact_jobs',
    'audit_events',
    'document_outcomes',
    'decisions',
    'documents',
    'publish_requests',
    'ruleset_versions',
    'ruleset_drafts',
    'template_versions',
    'templates',
    'api_keys',
    'sessions',
    'users',
    'municipalities',
  ]) {
    await sql`drop table if exists ${sql.table(table)} cascade`.execute(db);
  }
  await sql`drop function if exists refuse_change()`.execute(db);
}
