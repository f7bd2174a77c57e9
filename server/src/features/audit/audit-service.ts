/**
 * Reading the configuration audit log. A municipality's log is its own events; the platform-wide
 * log is everything (platform events have no municipality) for the platform administrator and —
 * since the central check cannot filter a list — only their own municipality's for anyone else.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { issue } from '../../domain/issues.js';
import { BadRequestError, NotFoundError } from '../../http/errors.js';
import type { ListParams } from '../../http/list.js';
import type { Principal } from '../auth/auth-service.js';
import { idFilter, stringsFilter, timeFilter } from '../municipalities/query-helpers.js';
import {
  findAuditEvent,
  listAuditEvents,
  type AuditEventView,
  type AuditFilter,
  type AuditSortField,
} from './audit-repository.js';

function filterFrom(raw: Record<string, unknown>): AuditFilter {
  const f: AuditFilter = {};
  const ids = idFilter(raw.id);
  if (ids) f.ids = ids;
  const entities = stringsFilter('entity', raw.entity);
  if (entities) f.entities = entities;
  const entityIds = stringsFilter('entityId', raw.entityId);
  if (entityIds) f.entityIds = entityIds;
  const actions = stringsFilter('action', raw.action);
  if (actions) f.actions = actions;
  const actors = stringsFilter('actor', raw.actor);
  if (actors) f.actors = actors;
  const from = timeFilter('from', raw.from);
  if (from) f.from = from;
  const to = timeFilter('to', raw.to);
  if (to) f.to = to;
  const q = stringsFilter('q', raw.q)?.[0];
  if (q) f.q = q;
  return f;
}

/** `filter.municipality`: a code, null (platform events), or a list of them. */
function municipalityFilter(value: unknown): (string | null)[] | null {
  if (value === undefined) return null;
  const list = Array.isArray(value) ? value : [value];
  if (!list.every((v) => v === null || typeof v === 'string')) {
    throw new BadRequestError('filter.municipality must be a municipality code, null, or a list of them.', [
      issue(
        '/filter/municipality',
        'list.filterValue',
        'filter.municipality skal være en kommunekode, null eller en liste af dem.',
        'filter.municipality must be a municipality code, null, or a list of them.',
      ),
    ]);
  }
  return list as (string | null)[];
}

export class AuditService {
  constructor(private readonly db: Kysely<DB>) {}

  /** One municipality's log (the route's `:m`, already authorised). */
  listForMunicipality(
    municipality: string,
    params: ListParams<AuditSortField>,
  ): Promise<{ rows: AuditEventView[]; total: number }> {
    const filter = filterFrom(params.filter);
    if (params.filter.municipality !== undefined) {
      const requested = municipalityFilter(params.filter.municipality)!;
      if (!requested.includes(municipality)) return Promise.resolve({ rows: [], total: 0 });
    }
    return listAuditEvents(this.db, { ...filter, municipalities: [municipality] }, params);
  }

  /** The platform-wide log, narrowed to what the caller may see. */
  listAll(
    principal: Principal,
    params: ListParams<AuditSortField>,
  ): Promise<{ rows: AuditEventView[]; total: number }> {
    const filter = filterFrom(params.filter);
    const visible: (string | null)[] | undefined =
      principal.role === 'platform-admin'
        ? undefined
        : principal.municipality
          ? [principal.municipality]
          : [];
    const requested = municipalityFilter(params.filter.municipality);
    let municipalities = visible;
    if (requested) municipalities = visible ? visible.filter((m) => requested.includes(m)) : requested;
    return listAuditEvents(this.db, { ...filter, ...(municipalities ? { municipalities } : {}) }, params);
  }

  async getForMunicipality(municipality: string, id: string): Promise<AuditEventView> {
    const e = await findAuditEvent(this.db, id);
    if (!e || e.municipality !== municipality) throw new NotFoundError(`Audit event ${id}`);
    return e;
  }

  async get(principal: Principal, id: string): Promise<AuditEventView> {
    const e = await findAuditEvent(this.db, id);
    if (!e || (principal.role !== 'platform-admin' && e.municipality !== principal.municipality)) {
      throw new NotFoundError(`Audit event ${id}`);
    }
    return e;
  }
}
