/** The console in English: react-admin's English package and the console's own keys (as da.ts). */
import type { TranslationMessages } from 'react-admin';
import englishMessages from 'ra-language-english';

export const en: TranslationMessages = {
  ...englishMessages,
  app: {
    title: 'Regelværk',
    language: 'Language',
    municipality: 'Municipality %{id}',
    no_municipality: 'The platform',
    copy: 'Copy',
    copied: 'Copied',
    status: { active: 'Active', disabled: 'Disabled', revoked: 'Revoked' },
  },
  menu: {
    dashboard: 'Dashboard',
    ruleset: 'Ruleset',
    versions: 'Versions',
    approvals: 'Approvals',
    templates: 'Templates',
    simulate: 'Simulate',
    impact: 'Impact preview',
    manual: 'Manual queue',
    documents: 'Documents',
    decisions: 'Decisions',
    audit: 'Audit log',
    users: 'Users',
    apiKeys: 'API keys',
    municipalities: 'Municipalities',
    platform: 'Overview',
  },
  roles: {
    'platform-admin': 'Platform administrator',
    admin: 'Administrator',
    caseworker: 'Caseworker',
    auditor: 'Auditor',
    integration: 'Integration (ERP)',
  },
  auth: {
    wrong_credentials: 'Wrong username or password.',
    too_many_attempts: 'Too many attempts. Wait a minute and try again.',
    subtitle: 'Rules for eFaktura in KP',
  },
};
