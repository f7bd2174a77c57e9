import type { ResourceMessages } from '../i18n';

export const messages: ResourceMessages = {
  da: {
    resources: {
      platform: {
        name: 'Oversigt',
        title: 'Platformen',
        totals: {
          municipalities: 'Kommuner',
          withoutVersion: 'Uden gældende regelsæt',
          behind: 'Bagud i forhold til skabelonen',
          manual: 'Til manuel behandling',
        },
        templates: {
          title: 'Nationale skabeloner',
          template: 'Skabelon',
          latest: 'Nyeste version',
          updated: 'Senest udgivet',
          followers: 'Kommuner, der følger den',
          behind: 'Heraf bagud',
          none: 'Der er ingen nationale skabeloner.',
        },
        municipalities: {
          title: 'Kommuner',
          municipality: 'Kommune',
          version: 'Gældende version',
          since: 'siden %{date}',
          noVersion: 'Ingen gældende version',
          template: 'Bygger på',
          ownRules: 'Egne regler',
          upToDate: 'Nyeste',
          behind: '%{smart_count} version bagud |||| %{smart_count} versioner bagud',
          users: 'Brugere',
          manual: 'Manuel behandling',
          decisions: 'Afgørelser, %{days} dage',
          none: 'Der er endnu ingen kommuner på platformen.',
          create: 'Opret den første kommune',
        },
      },
    },
  },
  en: {
    resources: {
      platform: {
        name: 'Overview',
        title: 'The platform',
        totals: {
          municipalities: 'Municipalities',
          withoutVersion: 'Without a ruleset in force',
          behind: 'Behind their template',
          manual: 'Awaiting a caseworker',
        },
        templates: {
          title: 'National templates',
          template: 'Template',
          latest: 'Latest version',
          updated: 'Last published',
          followers: 'Municipalities following it',
          behind: 'Of which behind',
          none: 'There are no national templates.',
        },
        municipalities: {
          title: 'Municipalities',
          municipality: 'Municipality',
          version: 'Version in force',
          since: 'since %{date}',
          noVersion: 'No version in force',
          template: 'Based on',
          ownRules: 'Own rules',
          upToDate: 'Latest',
          behind: '%{smart_count} version behind |||| %{smart_count} versions behind',
          users: 'Users',
          manual: 'Manual processing',
          decisions: 'Decisions, %{days} days',
          none: 'There are no municipalities on the platform yet.',
          create: 'Create the first municipality',
        },
      },
    },
  },
};
