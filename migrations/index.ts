/**
 * Every migration, in order, imported statically — so the bundled server (dist/server.mjs, what
 * `npm start` runs on plain Node) carries the very same migration code as the TypeScript sources
 * and the tests, and never has to load a .ts file at run time. Add a new migration's file here
 * as well; test/db/migrations.test.ts fails when this list and the folder disagree.
 *
 * The migrations themselves are frozen (never edit one once merged) and import no application code.
 */
import type { Migration } from 'kysely';
import * as m20261121T1200 from './20261121T1200_initial.js';
import * as m20261121T1310 from './20261121T1310_ruleset_workflow.js';
import * as m20261121T1340 from './20261121T1340_ledger_lookups.js';
import * as m20261121T1352 from './20261121T1352_api_key_active_names.js';
import * as m20261202T1000 from './20261202T1000_case_types_and_redecisions.js';
import * as m20261202T1050 from './20261202T1050_dashboard_covering_index.js';
import * as m20261202T1100 from './20261202T1100_group_commit_and_jobs.js';
import * as m20261202T1105 from './20261202T1105_split_and_payment_groups.js';
import * as m20261203T0900 from './20261203T0900_decisions_lz4.js';

export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '20261121T1200_initial': m20261121T1200,
  '20261121T1310_ruleset_workflow': m20261121T1310,
  '20261121T1340_ledger_lookups': m20261121T1340,
  '20261121T1352_api_key_active_names': m20261121T1352,
  '20261202T1000_case_types_and_redecisions': m20261202T1000,
  '20261202T1050_dashboard_covering_index': m20261202T1050,
  '20261202T1100_group_commit_and_jobs': m20261202T1100,
  '20261202T1105_split_and_payment_groups': m20261202T1105,
  '20261203T0900_decisions_lz4': m20261203T0900,
};
