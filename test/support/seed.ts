/**
 * Seeding for API tests, straight into the database so each feature's tests stand on their own:
 * a municipality with one user per role and an integration API key, and published versions.
 */
import { randomUUID } from 'node:crypto';
import type { Ruleset } from '../../server/src/engine/ruleset.js';
import { rulesetHash } from '../../server/src/engine/index.js';
import { hashPassword, newApiKey, sha256 } from '../../server/src/features/auth/credentials.js';
import { RULESET_CHANNEL } from '../../server/src/features/rulesets/ruleset-resolver.js';
import type { TestPlatform } from './platform.js';

export const USER_PASSWORD = 'municipality-user-password-1';

export interface SeededMunicipality {
  id: string;
  users: { admin: string; admin2: string; caseworker: string; auditor: string };
  /** Session cookies per role. */
  cookies: { admin: string; admin2: string; caseworker: string; auditor: string };
  /** Bearer keys per role. */
  keys: { integration: string; admin: string };
  headers(
    role: 'admin' | 'admin2' | 'caseworker' | 'auditor' | 'integration' | 'adminKey',
  ): Record<string, string>;
}

let passwordHash: Promise<string> | undefined;

export async function seedMunicipality(
  p: TestPlatform,
  id: string,
  name = `Kommune ${id}`,
  eans: string[] = ['5798000012349'],
): Promise<SeededMunicipality> {
  const db = p.database.db;
  await db
    .insertInto('municipalities')
    .values({ id, name, eans: JSON.stringify(eans) })
    .execute();
  passwordHash ??= hashPassword(USER_PASSWORD);
  const hash = await passwordHash;
  const users = {
    admin: `admin-${id}`,
    admin2: `admin2-${id}`,
    caseworker: `caseworker-${id}`,
    auditor: `auditor-${id}`,
  };
  for (const [role, username] of [
    ['admin', users.admin],
    ['admin', users.admin2],
    ['caseworker', users.caseworker],
    ['auditor', users.auditor],
  ] as const) {
    await db
      .insertInto('users')
      .values({ id: randomUUID(), username, password_hash: hash, role, municipality_id: id })
      .execute();
  }
  const keys = { integration: '', admin: '' };
  for (const role of ['integration', 'admin'] as const) {
    const { key, prefix } = newApiKey();
    await db
      .insertInto('api_keys')
      .values({
        id: randomUUID(),
        municipality_id: id,
        name: `${role}-key-${id}`,
        role,
        prefix,
        key_hash: sha256(key),
        created_by: 'test',
      })
      .execute();
    keys[role] = key;
  }
  const cookies = {
    admin: await p.login(users.admin, USER_PASSWORD),
    admin2: await p.login(users.admin2, USER_PASSWORD),
    caseworker: await p.login(users.caseworker, USER_PASSWORD),
    auditor: await p.login(users.auditor, USER_PASSWORD),
  };
  return {
    id,
    users,
    cookies,
    keys,
    headers(role): Record<string, string> {
      if (role === 'integration') return { authorization: `Bearer ${keys.integration}` };
      if (role === 'adminKey') return { authorization: `Bearer ${keys.admin}` };
      return { cookie: cookies[role] };
    },
  };
}

/** Inserts a published version directly (bypassing the publish workflow) and notifies the servers. */
export async function seedPublishedVersion(
  p: TestPlatform,
  municipality: string,
  ruleset: Ruleset,
  opts: { version?: number; effectiveFrom?: string; comment?: string } = {},
): Promise<number> {
  const db = p.database.db;
  const last = await db
    .selectFrom('ruleset_versions')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('municipality_id', '=', municipality)
    .executeTakeFirst();
  const version = opts.version ?? Number(last?.v ?? 0) + 1;
  await db
    .insertInto('ruleset_versions')
    .values({
      municipality_id: municipality,
      version,
      document: JSON.stringify(ruleset),
      hash: rulesetHash(ruleset),
      comment: opts.comment ?? 'seeded by test',
      effective_from: opts.effectiveFrom ?? '2000-01-01T00:00:00Z',
      published_by: 'test',
    })
    .execute();
  await p.database.notify(RULESET_CHANNEL, municipality);
  return version;
}
