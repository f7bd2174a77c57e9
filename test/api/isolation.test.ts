/**
 * The isolation matrix (PRODUCT.md §5): every route under /api/v1 × every role × own/other
 * municipality, asserted against ROLE_PERMISSIONS — and a sweep of every GET route, called by
 * municipality B's users and keys, for any trace of municipality A's data.
 *
 * Routes are not listed here: a test-only plugin, put first in FEATURES, adds an onRoute hook to
 * the /api/v1 context, so every feature registered after it — including ones added later — is
 * collected with its `config.permission`. The OpenAPI document is the cross-check: a documented
 * /api/v1 route that was not collected (registered outside FEATURES) fails the test, unless it
 * is one of the public auth routes that app.ts registers itself.
 */
import fp from 'fastify-plugin';
import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoutePlugin } from '../../server/src/http/route-plugin.js';
import type { Services } from '../../server/src/services.js';
import type { Role } from '../../server/src/db/schema.js';
import { FEATURES } from '../../server/src/features/index.js';
import { ROLE_PERMISSIONS, type Permission } from '../../server/src/features/auth/permissions.js';
import { createTestPlatform, testDatabases, type TestPlatform } from '../support/platform.js';
import { seedMunicipality, seedPublishedVersion, type SeededMunicipality } from '../support/seed.js';
import { invoice, KP_EAN, municipalityRuleset } from '../support/fixtures.js';

interface CollectedRoute {
  method: string;
  url: string;
  permission?: Permission | readonly Permission[];
  public?: boolean;
}

let collected: CollectedRoute[] = [];
const collector = fp(
  async (api) => {
    api.addHook('onRoute', (route: RouteOptions) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      const config = (route.config ?? {}) as { permission?: Permission | Permission[]; public?: boolean };
      for (const method of methods) {
        if (method === 'HEAD') continue; // Fastify's automatic HEAD twin of a GET route
        collected.push({
          method,
          url: route.url,
          ...(config.permission ? { permission: config.permission } : {}),
          ...(config.public ? { public: true } : {}),
        });
      }
    });
  },
  { name: 'test-route-collector' },
);
FEATURES.unshift(collector as unknown as RoutePlugin<Services>);

/** Routes app.ts registers itself, outside FEATURES; all public (they check what they need). */
const OUTSIDE_FEATURES = new Set([
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/logout',
  'GET /api/v1/auth/me',
]);

const A = '101';
const B = '147';
const PLACEHOLDER_ID = '00000000-0000-4000-8000-000000000000';
const CANARY = 'Kanariefugl-A';

type Actor =
  'platform-admin' | 'admin' | 'caseworker' | 'auditor' | 'integration key' | 'admin API key' | 'anonymous';
const ACTORS: readonly Actor[] = [
  'platform-admin',
  'admin',
  'caseworker',
  'auditor',
  'integration key',
  'admin API key',
  'anonymous',
];
const ROLE_OF: Record<Actor, Role | null> = {
  'platform-admin': 'platform-admin',
  admin: 'admin',
  caseworker: 'caseworker',
  auditor: 'auditor',
  'integration key': 'integration',
  'admin API key': 'admin',
  anonymous: null,
};

/**
 * 'narrowed': the role holds some but not all of a route's permissions (a list means "any one of
 * them"), so the handler may still refuse with 403 what this particular request does (a stored
 * evaluation needs 'evaluate'; a dry run 'simulate' is enough) — but never 401, and the tenant
 * check still applies.
 */
type Expected = 401 | 403 | 'allowed' | 'narrowed';

/**
 * Routes whose declared `config.permission` is wider than what they enforce (an extra route-level
 * hook refuses some roles that the declaration lets through). The matrix asserts the effective
 * permission; the declaration should be fixed to say it (then delete the entry: a test below
 * fails while an entry no longer differs from the declaration).
 */
const EFFECTIVE_PERMISSION: Record<string, readonly Permission[]> = {};

function permissionsOf(route: CollectedRoute): readonly Permission[] {
  const effective = EFFECTIVE_PERMISSION[`${route.method} ${route.url}`];
  if (effective) return effective;
  return typeof route.permission === 'string' ? [route.permission] : (route.permission ?? []);
}

/**
 * What the server must answer, from ROLE_PERMISSIONS alone: anonymous → 401; a role holding none
 * of the route's permissions → 403; a route about a municipality (`:m`) that is not the caller's
 * → 403, except for the platform administrator, whose permissions hold in every municipality.
 */
function expected(
  actor: Actor,
  actorMunicipality: string | null,
  route: CollectedRoute,
  target: string | undefined,
): Expected {
  const role = ROLE_OF[actor];
  if (role === null) return 401;
  const perms = permissionsOf(route);
  const held = perms.filter((p) => ROLE_PERMISSIONS[role].has(p));
  if (held.length === 0) return 403;
  const granted = held.length === perms.length ? 'allowed' : 'narrowed';
  if (target === undefined || role === 'platform-admin') return granted;
  return actorMunicipality === target ? granted : 403;
}

/** Fills a route's parameters: `:m` with the municipality, versions with 1, anything else with `other`. */
function fill(url: string, m: string, other: string): string {
  return url.replace(/:(\w+)/g, (_, name: string) => {
    if (name === 'm') return m;
    if (/^(n|version|from|to)$/.test(name)) return /^\d+$/.test(other) ? other : '1';
    return encodeURIComponent(other);
  });
}

describe.each(await testDatabases())('isolation matrix on %s', (kind) => {
  let p: TestPlatform;
  let routes: CollectedRoute[];
  let a: SeededMunicipality;
  let b: SeededMunicipality;
  let platformAdmin: string;
  /** Municipality A's ids (users, keys, decisions, documents…), to try on B's detail routes. */
  const aIds: string[] = [];
  /** A's numeric ids (audit events): tried as parameters, too short to search for in bodies. */
  const aNumericIds: string[] = [];
  /** Strings that only A's data contains. */
  const aMarkers: string[] = [];

  const has = (method: string, url: string): boolean =>
    routes.some((r) => r.method === method && r.url === `/api/v1${url}`);

  beforeAll(async () => {
    collected = [];
    p = await createTestPlatform(kind);
    routes = collected;
    platformAdmin = await p.adminCookie();
    a = await seedMunicipality(p, A, `${CANARY} Kommune`);
    b = await seedMunicipality(p, B, 'Kommune B');

    // --- real data in A, through the API where it exists ----------------------------------------
    const asAdminA = { ...a.headers('admin') };
    const user = await p.app.inject({
      method: 'POST',
      url: `/api/v1/municipalities/${A}/users`,
      headers: asAdminA,
      payload: { username: 'kanariefugl.a', password: 'canary password', role: 'caseworker' },
    });
    expect(user.statusCode).toBe(201);
    aIds.push(user.json().id);
    const key = await p.app.inject({
      method: 'POST',
      url: `/api/v1/municipalities/${A}/api-keys`,
      headers: asAdminA,
      payload: { name: `${CANARY} ERP`, role: 'integration' },
    });
    expect(key.statusCode).toBe(201);
    aIds.push(key.json().id);
    aMarkers.push(key.json().prefix);
    const aUsers = await p.database.db
      .selectFrom('users')
      .select('id')
      .where('municipality_id', '=', A)
      .execute();
    const aKeys = await p.database.db
      .selectFrom('api_keys')
      .select(['id', 'prefix'])
      .where('municipality_id', '=', A)
      .execute();
    aIds.push(...aUsers.map((u) => u.id), ...aKeys.map((k) => k.id));
    aMarkers.push(...aKeys.map((k) => k.prefix));
    const aAudit = await p.database.db
      .selectFrom('audit_events')
      .select('id')
      .where('municipality_id', '=', A)
      .execute();
    aNumericIds.push(...aAudit.map((e) => String(e.id)));

    // Rulesets: a published version in each municipality, A's named with the canary.
    await seedPublishedVersion(
      p,
      A,
      municipalityRuleset((rs) => (rs.name = `${CANARY} regelsæt`)),
    );
    await seedPublishedVersion(
      p,
      B,
      municipalityRuleset((rs) => (rs.name = 'Regelsæt B')),
    );
    if (has('POST', '/municipalities/:m/ruleset/draft')) {
      const draft = await p.app.inject({
        method: 'POST',
        url: `/api/v1/municipalities/${A}/ruleset/draft`,
        headers: asAdminA,
        payload: { from: { version: 1 } },
      });
      expect(draft.statusCode, draft.body).toBeLessThan(300);
    }
    // Decisions and documents, when evaluation exists.
    if (has('POST', '/municipalities/:m/evaluate')) {
      const doc = invoice({
        id: 'KANARIE-1',
        supplier: { id: 'DK16356706', scheme: 'DK:CVR', name: `${CANARY} Tandlæge` },
        buyer: { ean: KP_EAN },
      });
      const res = await p.app.inject({
        method: 'POST',
        url: `/api/v1/municipalities/${A}/evaluate`,
        headers: a.headers('integration'),
        payload: doc as unknown as Record<string, unknown>,
      });
      expect(res.statusCode, res.body).toBeLessThan(300);
      const decision = res.json() as { id?: string; documentId?: string };
      if (decision.id) aIds.push(decision.id);
      if (decision.documentId) aIds.push(decision.documentId);
      aMarkers.push('KANARIE-1');
    }
    aMarkers.push(
      CANARY,
      'kanariefugl.a',
      `admin-${A}`,
      `admin2-${A}`,
      `caseworker-${A}`,
      `auditor-${A}`,
      `integration-key-${A}`,
      `admin-key-${A}`,
      `"municipality":"${A}"`,
      `"municipalityId":"${A}"`,
      `"municipality_id":"${A}"`,
    );
  });
  afterAll(async () => p?.close());

  function headersOf(actor: Actor): Record<string, string> {
    switch (actor) {
      case 'platform-admin':
        return { cookie: platformAdmin };
      case 'admin':
      case 'caseworker':
      case 'auditor':
        return a.headers(actor);
      case 'integration key':
        return a.headers('integration');
      case 'admin API key':
        return a.headers('adminKey');
      case 'anonymous':
        return {};
    }
  }

  async function call(method: string, url: string, headers: Record<string, string>) {
    const withBody = method === 'POST' || method === 'PUT' || method === 'PATCH';
    // A parseable body: content-type parsing runs before authorization, validation after it.
    return p.app.inject({
      method: method as 'GET',
      url,
      headers: withBody ? { ...headers, 'content-type': 'application/json' } : headers,
      ...(withBody ? { payload: '{}' } : {}),
    });
  }

  it('collects every /api/v1 route, each declaring a permission or public, with the tenant as :m', async () => {
    const docs = (await p.app.inject('/docs/json')).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(docs.paths)
      .filter(([path]) => path.startsWith('/api/v1/'))
      .flatMap(([path, ops]) =>
        Object.keys(ops)
          .filter((m) => m !== 'head')
          .map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
      );
    const seen = new Set(routes.map((r) => `${r.method} ${r.url}`));
    const missing = documented.filter((r) => !seen.has(r) && !OUTSIDE_FEATURES.has(r));
    expect(missing, 'documented routes the matrix cannot see (registered outside FEATURES?)').toEqual([]);
    expect(routes.length).toBeGreaterThanOrEqual(14);
    for (const r of routes) {
      expect(r.permission !== undefined || r.public === true, `${r.method} ${r.url}`).toBe(true);
      // The central check reads the municipality from `:m`; any other name would bypass it.
      expect(r.url, 'a municipality route must name its parameter :m').not.toMatch(
        /\/municipalities\/:(?!m(\/|$))/,
      );
    }
  });

  it('the effective-permission exceptions still differ from what the routes declare', () => {
    for (const [key, effective] of Object.entries(EFFECTIVE_PERMISSION)) {
      const route = routes.find((r) => `${r.method} ${r.url}` === key);
      if (!route) continue; // the route is gone: the entry is harmless
      const declared =
        typeof route.permission === 'string' ? [route.permission] : [...(route.permission ?? [])];
      expect([...declared].sort(), `${key} now declares its permission: remove the exception`).not.toEqual(
        [...effective].sort(),
      );
    }
  });

  it('every route × every role × own/other municipality answers as ROLE_PERMISSIONS says', async () => {
    const mismatches: string[] = [];
    let checked = 0;
    const guarded = routes.filter((r) => !r.public);
    for (const route of guarded) {
      const scoped = route.url.includes(':m');
      for (const actor of ACTORS) {
        const actorMunicipality = actor === 'platform-admin' || actor === 'anonymous' ? null : A;
        for (const target of scoped ? [A, B] : [undefined]) {
          const url = fill(route.url, target ?? A, PLACEHOLDER_ID);
          const res = await call(route.method, url, headersOf(actor));
          const want = expected(actor, actorMunicipality, route, target);
          const ok =
            want === 'allowed'
              ? res.statusCode !== 401 && res.statusCode !== 403
              : want === 'narrowed'
                ? res.statusCode !== 401
                : res.statusCode === want;
          checked++;
          if (!ok) {
            mismatches.push(
              `${route.method} ${url} as ${actor}${target ? ` (${target === A ? 'own' : 'other'})` : ''}: ` +
                `expected ${want}, got ${res.statusCode} ${res.body.slice(0, 160)}`,
            );
          }
        }
      }
    }
    console.info(
      `isolation matrix (${kind}): ${guarded.length} guarded routes (+${routes.length - guarded.length} public) × ` +
        `${ACTORS.length} actors × own/other = ${checked} requests`,
    );
    expect(mismatches).toEqual([]);
  });

  it("every GET route, called by municipality B's users and keys, shows none of A's data", async () => {
    const leaks: string[] = [];
    const gets = routes.filter((r) => r.method === 'GET' && !r.public);
    const bActors = [
      ['admin', b.headers('admin')],
      ['caseworker', b.headers('caseworker')],
      ['auditor', b.headers('auditor')],
      ['integration key', b.headers('integration')],
      ['admin API key', b.headers('adminKey')],
    ] as const;
    let calls = 0;
    for (const route of gets) {
      const variants = /:(?!m\b)\w+/.test(route.url)
        ? [PLACEHOLDER_ID, '1', ...aIds, ...aNumericIds]
        : [PLACEHOLDER_ID];
      for (const [actor, headers] of bActors) {
        for (const v of new Set(variants)) {
          const url = fill(route.url, B, v);
          const res = await p.app.inject({ url, headers });
          calls++;
          for (const marker of [...aMarkers, ...aIds]) {
            if (url.includes(marker)) continue; // an error may echo what was asked for
            if (res.body.includes(marker)) {
              leaks.push(`${url} as B's ${actor} (${res.statusCode}) contains A's ${JSON.stringify(marker)}`);
            }
          }
        }
      }
    }
    console.info(`data sweep (${kind}): ${gets.length} GET routes, ${calls} requests by B's users and keys`);
    expect(leaks).toEqual([]);
    // and the sweep is not vacuous: A's own admin does see A's data
    const own = await p.app.inject({ url: `/api/v1/municipalities/${A}/users`, headers: a.headers('admin') });
    expect(own.body).toContain('kanariefugl.a');
    if (has('GET', '/municipalities/:m/decisions')) {
      const decisions = await p.app.inject({
        url: `/api/v1/municipalities/${A}/decisions`,
        headers: a.headers('caseworker'),
      });
      expect(decisions.body).toContain('KANARIE-1');
    }
  });
});
