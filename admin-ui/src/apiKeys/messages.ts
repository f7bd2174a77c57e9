import type { ResourceMessages } from '../i18n';

export const messages: ResourceMessages = {
  da: {
    resources: {
      'api-keys': {
        name: 'API-nøgle |||| API-nøgler',
        page: { create: 'Opret API-nøgle' },
        fields: {
          name: 'Navn',
          role: 'Rolle',
          prefix: 'Nøgle',
          createdBy: 'Oprettet af',
          createdAt: 'Oprettet',
          revoked: 'Status',
          revokedAt: 'Tilbagekaldt',
          comment: 'Begrundelse (gemmes i revisionsloggen)',
        },
        helper: {
          name: 'Fx navnet på ERP-systemet, der skal bruge nøglen',
        },
        created: {
          title: 'API-nøglen er oprettet',
          body: 'Kopiér nøglen nu og gem den sikkert. Den vises kun denne ene gang og kan ikke hentes igen.',
          done: 'Jeg har gemt nøglen',
        },
        revoke: {
          action: 'Tilbagekald',
          title: 'Tilbagekald API-nøglen "%{name}"?',
          content: 'Nøglen afvises fra næste kald. Det kan ikke fortrydes.',
          done: 'API-nøglen er tilbagekaldt',
        },
        empty:
          'Der er ingen API-nøgler endnu. Et ERP-system skal bruge en nøgle for at sende dokumenter til vurdering.',
        search: 'Søg efter navn',
      },
    },
  },
  en: {
    resources: {
      'api-keys': {
        name: 'API key |||| API keys',
        page: { create: 'Create API key' },
        fields: {
          name: 'Name',
          role: 'Role',
          prefix: 'Key',
          createdBy: 'Created by',
          createdAt: 'Created',
          revoked: 'Status',
          revokedAt: 'Revoked',
          comment: 'Reason (kept in the audit log)',
        },
        helper: {
          name: 'E.g. the name of the ERP system that will use the key',
        },
        created: {
          title: 'The API key has been created',
          body: 'Copy the key now and store it safely. It is shown this once and cannot be retrieved again.',
          done: 'I have stored the key',
        },
        revoke: {
          action: 'Revoke',
          title: 'Revoke the API key "%{name}"?',
          content: 'The key is refused from the next request on. This cannot be undone.',
          done: 'The API key has been revoked',
        },
        empty: 'There are no API keys yet. An ERP system needs a key to send documents for evaluation.',
        search: 'Search by name',
      },
    },
  },
};
