/**
 * Roles and what they may do (PRODUCT.md §5). The server checks this on every route, together
 * with tenant isolation: a user or key of one municipality never reaches another's data.
 */
import type { Role } from '../../db/schema.js';

export type Permission =
  | 'municipalities:read'
  | 'municipalities:manage'
  | 'users:manage'
  | 'apikeys:manage'
  | 'ruleset:read'
  | 'ruleset:write'
  | 'ruleset:publish'
  | 'ruleset:approve'
  | 'templates:read'
  | 'templates:manage'
  | 'templates:share'
  | 'evaluate'
  | 'simulate'
  | 'decisions:read'
  | 'documents:read'
  | 'documents:outcome'
  | 'documents:process'
  | 'replay'
  | 'impact'
  | 'audit:read';

export const ROLE_PERMISSIONS: Readonly<Record<Role, ReadonlySet<Permission>>> = {
  // National templates, municipalities and their users — not the municipalities' documents.
  'platform-admin': new Set<Permission>([
    'municipalities:read',
    'municipalities:manage',
    'users:manage',
    'templates:read',
    'templates:manage',
    'audit:read',
  ]),
  // A municipality's system administrator: rules, publishing, users, API keys; reads decisions.
  admin: new Set<Permission>([
    'municipalities:read',
    'users:manage',
    'apikeys:manage',
    'ruleset:read',
    'ruleset:write',
    'ruleset:publish',
    'ruleset:approve',
    'templates:read',
    'templates:share',
    'simulate',
    'decisions:read',
    'documents:read',
    'replay',
    'impact',
    'audit:read',
  ]),
  // Handles what was routed to them; reads the rules.
  caseworker: new Set<Permission>([
    'municipalities:read',
    'ruleset:read',
    'templates:read',
    'decisions:read',
    'documents:read',
    'documents:outcome',
    'documents:process',
  ]),
  // Read-only, and replays decisions.
  auditor: new Set<Permission>([
    'municipalities:read',
    'ruleset:read',
    'templates:read',
    'decisions:read',
    'documents:read',
    'replay',
    'impact',
    'audit:read',
  ]),
  // An ERP: evaluates documents, reads the decisions it got, records outcomes.
  integration: new Set<Permission>(['evaluate', 'decisions:read', 'documents:read', 'documents:outcome']),
};

export const ROLES = Object.keys(ROLE_PERMISSIONS) as Role[];

/** Permissions a platform administrator holds across every municipality. */
export const GLOBAL_PERMISSIONS: ReadonlySet<Permission> = ROLE_PERMISSIONS['platform-admin'];

/** A role's permissions, sorted: what `GET /auth/me` reports so the console shows only what the role may do. */
export function permissionsOf(role: Role): Permission[] {
  return [...ROLE_PERMISSIONS[role]].sort();
}

export function roleAllows(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}
