/**
 * THE place a screen is registered: its react-admin resource (or custom page), the permission
 * it needs (from the list the server reports in GET /auth/me) and its menu word (i18n `menu.*`).
 * The menu shows exactly the entries the logged-in role may access, in this order (PRODUCT.md
 * §6): Oversigt, Regelsæt, Versioner, Godkendelser, Skabeloner, Simulér, Konsekvensberegning,
 * Manuel behandling, Dokumenter, Afgørelser, Revisionslog, Brugere, API-nøgler, Kommuner.
 * A screen that does not exist yet has no entry (no dead menu items). The landing page is the
 * first resource whose `landingFor` permission the user holds, else the first resource the role
 * may open (react-admin starts on the first registered resource; pages are never the start).
 */
import type { ComponentType, ReactElement, ReactNode } from 'react';
import type { SvgIconComponent } from '@mui/icons-material';
import type { RaRecord } from 'react-admin';
import dashboard from './dashboard';
import decisions from './decisions';
import auditEvents from './auditEvents';
import users from './users';
import apiKeys from './apiKeys';
import municipalities from './municipalities';
import platform from './platform';
import versions from './versions';
import { SimulateIcon, SimulatePage } from './simulate';
import { ImpactIcon, ImpactPage } from './impact';
import templates from './templates';
import documents, { manual } from './documents';
import { RulesetIcon, RulesetPage } from './ruleset';
import { ApprovalsIcon, ApprovalsPage } from './approvals';

export type MenuKey =
  | 'dashboard'
  | 'ruleset'
  | 'versions'
  | 'approvals'
  | 'templates'
  | 'simulate'
  | 'impact'
  | 'manual'
  | 'documents'
  | 'decisions'
  | 'audit'
  | 'users'
  | 'apiKeys'
  | 'municipalities'
  | 'platform';

export type Action = 'list' | 'show' | 'create' | 'edit' | 'delete';

/** What a resource folder's index.ts exports, spread into <Resource>. */
export interface ResourceDefinition {
  list?: ComponentType;
  edit?: ComponentType;
  create?: ComponentType;
  show?: ComponentType;
  icon: SvgIconComponent;
  recordRepresentation?: string | ((record: RaRecord) => string) | ReactElement;
  /** More routes under the resource's path (react-router <Route>s, e.g. `templates/updates`). */
  children?: ReactNode;
}

interface EntryBase {
  /** The resource name (= API path segment, see dataProvider/index.ts) or the page's route. */
  name: string;
  menu: MenuKey;
  /** The permission needed to open it. */
  permission: string;
  /** Stricter permissions for some actions (e.g. create), when they differ. */
  actions?: Partial<Record<Action, string>>;
  /** Needs the user's own municipality (every /municipalities/:m screen); default true. */
  municipal?: boolean;
  /**
   * The landing page of whoever holds this permission, before the first entry of the menu
   * (a caseworker starts in the queue, not on Oversigt). Only resources can be landing pages.
   */
  landingFor?: string;
}

export interface ResourceEntry extends EntryBase {
  kind: 'resource';
  resource: ResourceDefinition;
}

/** A screen that is not a list of records (Simulér, Konsekvensberegning …): a route of its own. */
export interface PageEntry extends EntryBase {
  kind: 'page';
  icon: SvgIconComponent;
  component: ComponentType;
}

export type ConsoleEntry = ResourceEntry | PageEntry;

export const CONSOLE: readonly ConsoleEntry[] = [
  {
    kind: 'resource',
    name: 'platform',
    menu: 'platform',
    permission: 'municipalities:manage',
    landingFor: 'municipalities:manage',
    municipal: false,
    resource: platform,
  },
  {
    kind: 'resource',
    name: 'dashboard',
    menu: 'dashboard',
    permission: 'decisions:read',
    resource: dashboard,
  },
  {
    kind: 'page',
    name: 'ruleset',
    menu: 'ruleset',
    permission: 'ruleset:read',
    icon: RulesetIcon,
    component: RulesetPage,
  },
  { kind: 'resource', name: 'versions', menu: 'versions', permission: 'ruleset:read', resource: versions },
  {
    kind: 'page',
    name: 'approvals',
    menu: 'approvals',
    permission: 'ruleset:approve',
    icon: ApprovalsIcon,
    component: ApprovalsPage,
  },
  {
    kind: 'resource',
    name: 'templates',
    menu: 'templates',
    permission: 'templates:read',
    actions: { create: 'templates:share' },
    municipal: false,
    resource: templates,
  },
  {
    kind: 'page',
    name: 'simulate',
    menu: 'simulate',
    permission: 'simulate',
    icon: SimulateIcon,
    component: SimulatePage,
  },
  {
    kind: 'page',
    name: 'impact',
    menu: 'impact',
    permission: 'impact',
    icon: ImpactIcon,
    component: ImpactPage,
  },
  {
    kind: 'resource',
    name: 'manual',
    menu: 'manual',
    permission: 'documents:process',
    landingFor: 'documents:process',
    resource: manual,
  },
  {
    kind: 'resource',
    name: 'documents',
    menu: 'documents',
    permission: 'documents:read',
    resource: documents,
  },
  {
    kind: 'resource',
    name: 'decisions',
    menu: 'decisions',
    permission: 'decisions:read',
    resource: decisions,
  },
  { kind: 'resource', name: 'audit-events', menu: 'audit', permission: 'audit:read', resource: auditEvents },
  { kind: 'resource', name: 'users', menu: 'users', permission: 'users:manage', resource: users },
  { kind: 'resource', name: 'api-keys', menu: 'apiKeys', permission: 'apikeys:manage', resource: apiKeys },
  {
    kind: 'resource',
    name: 'municipalities',
    menu: 'municipalities',
    permission: 'municipalities:manage',
    municipal: false,
    resource: municipalities,
  },
];

const BY_NAME = new Map(CONSOLE.map((e) => [e.name, e]));

export function entryFor(name: string | undefined): ConsoleEntry | undefined {
  return name === undefined ? undefined : BY_NAME.get(name);
}

/** Who is asking, as GET /auth/me reports it. */
export interface Principal {
  municipality: string | null;
  permissions: readonly string[];
}

/** The entries `who` may open, the landing page first (the menu keeps CONSOLE's order). */
export function openEntries(who: Principal): ConsoleEntry[] {
  const open = CONSOLE.filter((entry) => allows(entry, 'list', who));
  const landing = open.find((e) => e.landingFor !== undefined && who.permissions.includes(e.landingFor));
  return landing ? [landing, ...open.filter((e) => e !== landing)] : open;
}

/** May `who` do `action` on the screen `entry`? (The server checks again, on every call.) */
export function allows(entry: ConsoleEntry | undefined, action: string | undefined, who: Principal): boolean {
  if (!entry) return false;
  if ((entry.municipal ?? true) && !who.municipality) return false;
  return who.permissions.includes(entry.actions?.[action as Action] ?? entry.permission);
}
