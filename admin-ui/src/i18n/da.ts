/**
 * The console in Danish (the default): react-admin's messages (ra-da.ts) and the console's own.
 * The menu words are PRODUCT.md §6's vocabulary — all of them, also for screens not built yet,
 * so every screen uses the same word. A resource's own keys live in its folder's messages.ts.
 */
import type { TranslationMessages } from 'react-admin';
import { raDanish } from './ra-da';

export const da: TranslationMessages = {
  ...raDanish,
  app: {
    title: 'Regelværk',
    language: 'Sprog',
    municipality: 'Kommune %{id}',
    no_municipality: 'Platformen',
    copy: 'Kopiér',
    copied: 'Kopieret',
    status: { active: 'Aktiv', disabled: 'Deaktiveret', revoked: 'Tilbagekaldt' },
  },
  menu: {
    dashboard: 'Oversigt',
    ruleset: 'Regelsæt',
    versions: 'Versioner',
    approvals: 'Godkendelser',
    templates: 'Skabeloner',
    simulate: 'Simulér',
    impact: 'Konsekvensberegning',
    manual: 'Manuel behandling',
    documents: 'Dokumenter',
    decisions: 'Afgørelser',
    audit: 'Revisionslog',
    users: 'Brugere',
    apiKeys: 'API-nøgler',
    municipalities: 'Kommuner',
    platform: 'Oversigt',
  },
  roles: {
    'platform-admin': 'Platformsadministrator',
    admin: 'Administrator',
    caseworker: 'Sagsbehandler',
    auditor: 'Revisor',
    integration: 'Integration (ERP)',
  },
  auth: {
    wrong_credentials: 'Forkert brugernavn eller adgangskode.',
    too_many_attempts: 'For mange forsøg. Vent et minut, og prøv igen.',
    subtitle: 'Regler for eFaktura i KP',
  },
};
