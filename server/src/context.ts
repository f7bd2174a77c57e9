/** What every feature's services are built from: configuration, the database, the clock. */
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import type { DB } from './db/schema.js';

export interface AppContext {
  config: Config;
  database: Database;
  db: Kysely<DB>;
  /** Key of the keyed CPR hash; persistent per installation (platform_settings). */
  cprKey: string;
  log: FastifyBaseLogger;
  now(): Date;
}
