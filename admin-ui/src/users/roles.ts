/** The roles a municipality's console user can have (the server's MUNICIPALITY_ROLES). */
export const USER_ROLES = ['admin', 'caseworker', 'auditor'] as const;
