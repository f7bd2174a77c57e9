/** An audit event as GET …/audit-events answers it (server audit-repository.ts). */
export interface AuditEvent {
  id: string;
  municipality: string | null;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  comment: string | null;
  createdAt: string;
}

/** "user:demo-admin" → "demo-admin" (keys and the system keep their prefix). */
export function actorName(actor: string): string {
  return actor.startsWith('user:') ? actor.slice(5) : actor;
}
