import type { ResourceMessages } from '../i18n';

export const messages: ResourceMessages = {
  da: {
    resources: {
      users: {
        name: 'Bruger |||| Brugere',
        page: { create: 'Opret bruger', edit: 'Bruger %{recordRepresentation}' },
        fields: {
          username: 'Brugernavn',
          password: 'Adgangskode',
          role: 'Rolle',
          disabled: 'Deaktiveret',
          status: 'Status',
          createdAt: 'Oprettet',
          comment: 'Begrundelse (gemmes i revisionsloggen)',
          newPassword: 'Ny adgangskode',
        },
        helper: {
          username: 'Små bogstaver, tal og . _ @ -',
          password: 'Mindst 10 tegn',
          newPassword:
            'Lad feltet stå tomt for at beholde adgangskoden. En ny adgangskode logger brugeren ud.',
          disabled:
            'En deaktiveret bruger kan ikke logge ind; kontoen bevares af hensyn til revisionssporet.',
        },
        search: 'Søg efter brugernavn',
      },
    },
  },
  en: {
    resources: {
      users: {
        name: 'User |||| Users',
        page: { create: 'Create user', edit: 'User %{recordRepresentation}' },
        fields: {
          username: 'Username',
          password: 'Password',
          role: 'Role',
          disabled: 'Disabled',
          status: 'Status',
          createdAt: 'Created',
          comment: 'Reason (kept in the audit log)',
          newPassword: 'New password',
        },
        helper: {
          username: 'Lower-case letters, digits and . _ @ -',
          password: 'At least 10 characters',
          newPassword: 'Leave empty to keep the password. A new password logs the user out.',
          disabled: 'A disabled user cannot log in; the account is kept for the audit trail.',
        },
        search: 'Search by username',
      },
    },
  },
};
