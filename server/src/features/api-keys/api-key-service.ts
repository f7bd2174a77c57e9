/**
 * API keys of a municipality ('apikeys:manage': its administrators). The key is random
 * (credentials.newApiKey), handed out once on creation and stored only as its SHA-256 with a
 * visible prefix. Revoking is immediate: every request looks the key up and refuses a revoked one.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { ConflictError, NotFoundError } from '../../http/errors.js';
import type { Page, PageOf } from '../../db/list-query.js';
import { recordAudit } from '../audit/audit-repository.js';
import { actorOf, type Principal } from '../auth/auth-service.js';
import { newApiKey, sha256 } from '../auth/credentials.js';
import { API_KEY_CHANNEL } from '../auth/api-key-cache.js';
import {
  findApiKey,
  insertApiKey,
  listApiKeys,
  revokeApiKey,
  type ApiKey,
  type ApiKeyFilter,
  type ApiKeyRole,
  type ApiKeySortField,
} from './api-key-repository.js';

export interface NewApiKey {
  name: string;
  role: ApiKeyRole;
  comment?: string;
}

const snapshot = (k: ApiKey): { name: string; role: string; prefix: string; revoked: boolean } => ({
  name: k.name,
  role: k.role,
  prefix: k.prefix,
  revoked: k.revoked,
});

export class ApiKeyService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly now: () => Date,
    /** Called after a revocation committed: this server's cache drops the key at once. */
    private readonly onRevoked: (id: string) => Promise<void> = async () => {},
  ) {}

  list(municipality: string, filter: ApiKeyFilter, page: Page<ApiKeySortField>): Promise<PageOf<ApiKey>> {
    return listApiKeys(this.db, municipality, filter, page);
  }

  async get(municipality: string, id: string): Promise<ApiKey> {
    const k = await findApiKey(this.db, municipality, id);
    if (!k) throw new NotFoundError(`API key ${id} of municipality ${municipality}`);
    return k;
  }

  /** Creates a key; the returned `key` is the only time anyone sees it. */
  async create(
    principal: Principal,
    municipality: string,
    input: NewApiKey,
  ): Promise<ApiKey & { key: string }> {
    const { key, prefix } = newApiKey();
    return this.db.transaction().execute(async (trx) => {
      const m = await trx
        .selectFrom('municipalities')
        .select('id')
        .where('id', '=', municipality)
        .executeTakeFirst();
      if (!m) throw new NotFoundError(`Municipality ${municipality}`);
      const created = await insertApiKey(trx, {
        id: randomUUID(),
        municipality,
        name: input.name,
        role: input.role,
        prefix,
        keyHash: sha256(key),
        createdBy: actorOf(principal),
      });
      if (!created) {
        throw new ConflictError(`An active API key named "${input.name}" already exists.`, {
          errors: [{ pointer: '/name', message: `An active API key named "${input.name}" already exists.` }],
        });
      }
      await recordAudit(trx, {
        municipality,
        actor: actorOf(principal),
        action: 'create',
        entity: 'api-key',
        entityId: created.id,
        after: snapshot(created),
        comment: input.comment ?? null,
      });
      return { ...created, key };
    });
  }

  /** Revokes a key (idempotent: revoking a revoked key changes nothing and records nothing). */
  async revoke(principal: Principal, municipality: string, id: string, comment?: string): Promise<ApiKey> {
    const revoked = await this.db.transaction().execute(async (trx) => {
      const before = await findApiKey(trx, municipality, id, { forUpdate: true });
      if (!before) throw new NotFoundError(`API key ${id} of municipality ${municipality}`);
      if (before.revoked) return { key: before, changed: false };
      const after = await revokeApiKey(trx, id, this.now());
      await recordAudit(trx, {
        municipality,
        actor: actorOf(principal),
        action: 'revoke',
        entity: 'api-key',
        entityId: id,
        before: snapshot(before),
        after: snapshot(after),
        comment: comment ?? null,
      });
      // Delivered at commit to every server's API-key cache (features/auth/api-key-cache.ts).
      await sql`select pg_notify(${API_KEY_CHANNEL}, ${id})`.execute(trx);
      return { key: after, changed: true };
    });
    if (revoked.changed) await this.onRevoked(id);
    return revoked.key;
  }
}
