/**
 * Who did something, as a reader wants it: `user:demo-caseworker` → demo-caseworker, `api-key:ERP`
 * → ERP (the server names actors by kind, auth-service.ts). The audit log keeps the kind
 * (auditEvents/types.ts): its Hvem filter takes the actor exactly as stored.
 */
export function actorName(actor: unknown): string {
  return actor === null || actor === undefined ? '–' : String(actor).replace(/^(user|api-key):/, '');
}
