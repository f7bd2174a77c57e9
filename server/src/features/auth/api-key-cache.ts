/**
 * API keys looked up once and then served from memory. A key is only ever revoked (never changed
 * otherwise), so an entry stays right until its key is revoked: the revoking server drops it at
 * once and sends NOTIFY on {@link API_KEY_CHANNEL} in the revoking transaction, and every server
 * (itself included) drops it when the notification arrives — the revoking request answers once
 * its own server has received that notification, so by then it is on its way to every server
 * (a server in another process refuses the key as soon as it arrives, typically within a
 * millisecond; there is no acknowledgement from every server). While the LISTEN connection is down a
 * notification could be missed, so then nothing is served from memory, and everything cached
 * before is dropped when it is back. Unknown and revoked keys are not cached (every such request
 * asks the database, as before).
 */
import type { Database, RawSql } from '../../db/database.js';
import type { Role } from '../../db/schema.js';
import type { Principal } from './auth-service.js';
import { sha256 } from './credentials.js';

export const API_KEY_CHANNEL = 'regelvaerk_api_key_revoked';
const API_KEY_SHAPE = /^rvk_[A-Za-z0-9_-]{8}_[A-Za-z0-9_-]{43}$/;
const LOOKUP_SQL =
  'select id, name, role, municipality_id from api_keys where key_hash = $1 and revoked_at is null';

export class ApiKeyCache {
  private readonly byHash = new Map<string, Principal>();
  /** Bumped by every revocation and reset: a lookup that started before one is not cached. */
  private generation = 0;
  private live = true;
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(
    private readonly raw: RawSql,
    private readonly maxEntries = 10_000,
  ) {}

  /** Subscribes to revocations; returns the unsubscribe function. */
  static async listen(database: Database, cache: ApiKeyCache): Promise<() => Promise<void>> {
    return database.listen(API_KEY_CHANNEL, (id) => cache.revoked(id), {
      onStatus: (connected) => cache.reset(connected),
    });
  }

  async principal(key: string): Promise<Principal | null> {
    if (!API_KEY_SHAPE.test(key)) return null;
    const hash = sha256(key);
    if (this.live) {
      const hit = this.byHash.get(hash);
      if (hit) return hit;
    }
    const generation = this.generation;
    const rows = await this.raw.query<{ id: string; name: string; role: Role; municipality_id: string }>(
      'rv_api_key',
      LOOKUP_SQL,
      [hash],
    );
    const row = rows[0];
    if (!row) return null;
    const p: Principal = {
      kind: 'apiKey',
      id: row.id,
      name: row.name,
      role: row.role,
      municipality: row.municipality_id,
    };
    if (this.live && generation === this.generation) {
      if (this.byHash.size >= this.maxEntries) this.byHash.delete(this.byHash.keys().next().value!);
      this.byHash.set(hash, p);
    }
    return p;
  }

  /** A key was revoked (here, or on another server through NOTIFY). */
  revoked(id: string): void {
    this.generation++;
    for (const [hash, p] of this.byHash) if (p.id === id) this.byHash.delete(hash);
    const waiting = this.waiting.get(id);
    this.waiting.delete(id);
    for (const w of waiting ?? []) w();
  }

  /**
   * This server revoked a key (committed): dropped here at once, and resolved when the NOTIFY
   * sent at that commit has come back through this server's LISTEN (at most `timeoutMs`) — the
   * other servers' connections get it at the same commit, so the revoking request answers only
   * once the revocation is on its way everywhere.
   */
  async revokedHere(id: string, timeoutMs = 5000): Promise<void> {
    this.revoked(id);
    if (!this.live) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      timer.unref();
      const list = this.waiting.get(id) ?? [];
      list.push(() => {
        clearTimeout(timer);
        resolve();
      });
      this.waiting.set(id, list);
    });
    // and let this process read what else has arrived (another server's LISTEN in this process)
    await new Promise((r) => setTimeout(r, 1));
    await new Promise((r) => setTimeout(r, 1));
  }

  /** The LISTEN connection dropped (false) or is back (true): forget everything. */
  reset(live: boolean): void {
    this.generation++;
    this.live = live;
    this.byHash.clear();
  }
}
