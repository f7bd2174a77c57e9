/** The roles an API key can have (the server's API_KEY_ROLES). */
export const API_KEY_ROLES = ['integration', 'admin', 'caseworker', 'auditor'] as const;
