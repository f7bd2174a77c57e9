/** What the logged-in principal may do here (from GET /auth/me; the server checks every call again). */
import { usePermissions } from 'react-admin';
import type { Principal } from '../resources';

export interface Access {
  municipality: string | null;
  may(permission: string): boolean;
  /** A municipality's user who reads its ruleset: the upstream comparison applies to them. */
  followsTemplate: boolean;
}

export function useAccess(): Access {
  const { permissions } = usePermissions<Principal>();
  const list = permissions?.permissions ?? [];
  const municipality = permissions?.municipality ?? null;
  return {
    municipality,
    may: (p) => list.includes(p),
    followsTemplate: municipality !== null && list.includes('ruleset:read'),
  };
}
