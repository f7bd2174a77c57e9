import type { ResourceMessages } from '../i18n';

export const messages: ResourceMessages = {
  da: {
    resources: {
      municipalities: {
        name: 'Kommune |||| Kommuner',
        page: { create: 'Opret kommune', show: 'Kommune %{recordRepresentation}' },
        fields: {
          id: 'Kommunekode',
          name: 'Navn',
          eans: 'EAN-numre',
          ean: 'EAN-nummer',
          createdAt: 'Oprettet',
          comment: 'Begrundelse (gemmes i revisionsloggen)',
          q: 'Søg',
        },
        helper: {
          id: 'Tre cifre, fx 851',
          ean: '13 cifre (kommunens EAN-numre til KP)',
        },
        invalid: { id: 'Kommunekoden er tre cifre', ean: 'Et EAN-nummer er 13 cifre' },
        users: {
          title: 'Brugere',
          create: 'Opret bruger',
          empty: 'Kommunen har endnu ingen brugere. Opret kommunens første administrator.',
          created: 'Brugeren %{username} er oprettet',
          firstAdmin: 'Kommunens første administrator opretter selv de øvrige brugere og API-nøgler.',
        },
      },
    },
  },
  en: {
    resources: {
      municipalities: {
        name: 'Municipality |||| Municipalities',
        page: { create: 'Create municipality', show: 'Municipality %{recordRepresentation}' },
        fields: {
          id: 'Municipality code',
          name: 'Name',
          eans: 'EAN numbers',
          ean: 'EAN number',
          createdAt: 'Created',
          comment: 'Reason (kept in the audit log)',
          q: 'Search',
        },
        helper: {
          id: 'Three digits, e.g. 851',
          ean: "13 digits (the municipality's EAN numbers for KP)",
        },
        invalid: { id: 'The municipality code is three digits', ean: 'An EAN number is 13 digits' },
        users: {
          title: 'Users',
          create: 'Create user',
          empty: "The municipality has no users yet. Create the municipality's first administrator.",
          created: 'The user %{username} was created',
          firstAdmin: "The municipality's first administrator creates the other users and API keys.",
        },
      },
    },
  },
};
