/**
 * Reading the configuration audit log. A municipality's log is its own events; the platform-wide
 * log is everything (platform events have no municipality) for the platform administrator and —
 * since the central check cannot filter a list — only their own municipality's for anyone else.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Page, PageOf } from '../../db/list-query.js';
import { NotFoundError } from '../../http/errors.js';
import type { Principal } from '../auth/auth-service.js';
import {
  findAuditEvent,
  listAuditEvents,
  type AuditEventView,
  type AuditFilter,
  type AuditSortField,
} from './audit-repository.js';

/** A list's filter as asked for: `municipality` (codes, null for platform events) narrows what the caller may see. */
export type AuditListFilter = Omit<AuditFilter, 'municipalities'> & { municipality?: (string | null)[] };

export class AuditService {
  constructor(private readonly db: Kysely<DB>) {}

  /** One municipality's log (the route's `:m`, already authorised). */
  listForMunicipality(
    municipality: string,
    { municipality: requested, ...filter }: AuditListFilter,
    page: Page<AuditSortField>,
  ): Promise<PageOf<AuditEventView>> {
    if (requested && !requested.includes(municipality)) return Promise.resolve({ rows: [], total: 0 });
    return listAuditEvents(this.db, { ...filter, municipalities: [municipality] }, page);
  }

  /** The platform-wide log, narrowed to what the caller may see. */
  listAll(
    principal: Principal,
    { municipality: requested, ...filter }: AuditListFilter,
    page: Page<AuditSortField>,
  ): Promise<PageOf<AuditEventView>> {
    const visible: (string | null)[] | undefined =
      principal.role === 'platform-admin'
        ? undefined
        : principal.municipality
          ? [principal.municipality]
          : [];
    let municipalities = visible;
    if (requested) municipalities = visible ? visible.filter((m) => requested.includes(m)) : requested;
    return listAuditEvents(this.db, { ...filter, ...(municipalities ? { municipalities } : {}) }, page);
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
