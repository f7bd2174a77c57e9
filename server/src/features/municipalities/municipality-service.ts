/**
 * Municipalities: the platform administrator creates them and edits their name and EANs; every
 * role of a municipality reads its own. No HTTP here — the routes translate. Every change is
 * audited in the same transaction as the change.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isValidEan } from '../../domain/ean.js';
import { issue, type Issue } from '../../domain/issues.js';
import { BadRequestError, ConflictError, NotFoundError } from '../../http/errors.js';
import type { Page, PageOf } from '../../db/list-query.js';
import { recordAudit } from '../audit/audit-repository.js';
import { actorOf, type Principal } from '../auth/auth-service.js';
import {
  findMunicipality,
  insertMunicipality,
  listMunicipalities,
  lockMunicipality,
  updateMunicipality,
  type Municipality,
  type MunicipalityFilter,
  type MunicipalitySortField,
} from './municipality-repository.js';

export interface NewMunicipality {
  id: string;
  name: string;
  eans: string[];
  comment?: string;
}

export interface MunicipalityPatch {
  name?: string;
  eans?: string[];
  comment?: string;
}

/** EANs must carry a correct GS1 check digit; duplicates are refused. Pointers are relative to the body. */
export function eanIssues(eans: readonly string[], base = '/eans'): Issue[] {
  const issues: Issue[] = [];
  eans.forEach((ean, i) => {
    if (!isValidEan(ean)) {
      issues.push(
        issue(
          `${base}/${i}`,
          'ean.checkDigit',
          `"${ean}" er ikke et gyldigt EAN-nummer (13 cifre med GS1-kontrolciffer).`,
          `"${ean}" is not a valid EAN number (13 digits with a GS1 check digit).`,
        ),
      );
    } else if (eans.indexOf(ean) !== i) {
      issues.push(
        issue(
          `${base}/${i}`,
          'ean.duplicate',
          `"${ean}" står allerede på listen.`,
          `"${ean}" is already on the list.`,
        ),
      );
    }
  });
  return issues;
}

function checkEans(eans: readonly string[] | undefined): void {
  if (!eans) return;
  const issues = eanIssues(eans);
  if (issues.length) throw new BadRequestError('One or more EAN numbers are not valid.', issues);
}

const snapshot = (m: Municipality): { id: string; name: string; eans: string[] } => ({
  id: m.id,
  name: m.name,
  eans: m.eans,
});

export class MunicipalityService {
  constructor(private readonly db: Kysely<DB>) {}

  /**
   * The municipalities the caller may see: all for the platform administrator, otherwise only
   * their own (the central permission check cannot filter a list, so it is done here).
   */
  list(
    principal: Principal,
    filter: Omit<MunicipalityFilter, 'only'>,
    page: Page<MunicipalitySortField>,
  ): Promise<PageOf<Municipality>> {
    const only =
      principal.role === 'platform-admin'
        ? undefined
        : principal.municipality !== null
          ? [principal.municipality]
          : [];
    return listMunicipalities(this.db, only ? { ...filter, only } : filter, page);
  }

  async get(id: string): Promise<Municipality> {
    const m = await findMunicipality(this.db, id);
    if (!m) throw new NotFoundError(`Municipality ${id}`);
    return m;
  }

  async create(principal: Principal, input: NewMunicipality): Promise<Municipality> {
    checkEans(input.eans);
    return this.db.transaction().execute(async (trx) => {
      const created = await insertMunicipality(trx, {
        id: input.id,
        name: input.name.trim(),
        eans: input.eans,
      });
      if (!created) throw new ConflictError(`Municipality ${input.id} already exists.`);
      await recordAudit(trx, {
        municipality: created.id,
        actor: actorOf(principal),
        action: 'create',
        entity: 'municipality',
        entityId: created.id,
        after: snapshot(created),
        comment: input.comment ?? null,
      });
      return created;
    });
  }

  async update(principal: Principal, id: string, patch: MunicipalityPatch): Promise<Municipality> {
    if (patch.name === undefined && patch.eans === undefined) {
      throw new BadRequestError('Nothing to change: send "name" and/or "eans".', [
        issue('', 'patch.empty', 'Angiv "name" og/eller "eans".', 'Send "name" and/or "eans".'),
      ]);
    }
    checkEans(patch.eans);
    return this.db.transaction().execute(async (trx) => {
      const before = await lockMunicipality(trx, id);
      if (!before) throw new NotFoundError(`Municipality ${id}`);
      const after = (await updateMunicipality(trx, id, {
        ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
        ...(patch.eans !== undefined ? { eans: patch.eans } : {}),
      }))!;
      await recordAudit(trx, {
        municipality: id,
        actor: actorOf(principal),
        action: 'update',
        entity: 'municipality',
        entityId: id,
        before: snapshot(before),
        after: snapshot(after),
        comment: patch.comment ?? null,
      });
      return after;
    });
  }
}
