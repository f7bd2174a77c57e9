import type { ResourceMessages } from '../i18n';

export const messages: ResourceMessages = {
  da: {
    resources: {
      dashboard: {
        name: 'Oversigt |||| Oversigt',
        title: 'Oversigt',
        period: {
          label: 'Periode',
          w4: 'Seneste 4 uger',
          w12: 'Seneste 12 uger',
          w26: 'Seneste 26 uger',
          w52: 'Seneste år',
          custom: 'Valgfri periode',
          from: 'Fra',
          to: 'Til og med',
          order: 'Periodens start skal ligge før dens slutning.',
          long: 'Perioden må højst være tre år.',
        },
        totals: {
          documents: 'Dokumenter modtaget',
          automationShare: 'Godkendt automatisk',
          manual: 'Til manuel behandling',
          rejected: 'Afvist',
        },
        charts: {
          automation: 'Andel godkendt automatisk pr. uge',
          automationHelp:
            'Kontrol af automatikken, som hændelsesrapporten i KP: hvor stor en del af ugens dokumenter der blev godkendt uden en sagsbehandler.',
          outcomes: 'Dokumenter pr. uge efter udfald',
          reasons: 'Manuelle og afviste dokumenter efter årsag',
          suppliers: 'Dokumenter pr. leverandør',
          queue: 'Den åbne manuelle kø efter alder',
          share: 'Andel automatisk',
          documents: 'Dokumenter',
          amount: 'Beløb',
          week: 'Uge %{week}',
          noReasons: 'Ingen manuelle eller afviste dokumenter i perioden.',
          noQueue: 'Den manuelle kø er tom.',
        },
        buckets: { under1d: 'Under 1 dag', d1to7: '1–7 dage', d8to30: '8–30 dage', over30d: 'Over 30 dage' },
        noVersion: 'Der gælder endnu ingen version af regelsættet.',
        noVersionAdmin:
          'Dokumenter fra ERP-systemet kan ikke afgøres, før en version er udgivet. Opret en kladde fra en skabelon under Regelsæt, og udgiv den.',
        noVersionOthers:
          'Dokumenter fra ERP-systemet kan ikke afgøres, før en version er udgivet. Kommunens administrator opretter og udgiver den under Regelsæt.',
        toRuleset: 'Gå til Regelsæt',
        empty: 'Der er ikke modtaget dokumenter i perioden.',
        emptyHelp: 'Vælg en længere periode, eller send dokumenter til evaluering fra ERP-systemet.',
      },
    },
  },
  en: {
    resources: {
      dashboard: {
        name: 'Dashboard |||| Dashboard',
        title: 'Dashboard',
        period: {
          label: 'Period',
          w4: 'Last 4 weeks',
          w12: 'Last 12 weeks',
          w26: 'Last 26 weeks',
          w52: 'Last year',
          custom: 'Custom period',
          from: 'From',
          to: 'To (inclusive)',
          order: 'The period must start before it ends.',
          long: 'The period may be at most three years.',
        },
        totals: {
          documents: 'Documents received',
          automationShare: 'Approved automatically',
          manual: 'Sent to manual handling',
          rejected: 'Rejected',
        },
        charts: {
          automation: 'Share approved automatically per week',
          automationHelp:
            "Control of the automation, like KP's event report: how much of the week's documents were approved without a caseworker.",
          outcomes: 'Documents per week by outcome',
          reasons: 'Manual and rejected documents by reason',
          suppliers: 'Documents per supplier',
          queue: 'The open manual queue by age',
          share: 'Share automatic',
          documents: 'Documents',
          amount: 'Amount',
          week: 'Week %{week}',
          noReasons: 'No manual or rejected documents in the period.',
          noQueue: 'The manual queue is empty.',
        },
        buckets: { under1d: 'Under 1 day', d1to7: '1–7 days', d8to30: '8–30 days', over30d: 'Over 30 days' },
        noVersion: 'No version of the ruleset is in force yet.',
        noVersionAdmin:
          'Documents from the ERP system cannot be decided until a version is published. Create a draft from a template under Ruleset and publish it.',
        noVersionOthers:
          'Documents from the ERP system cannot be decided until a version is published. The municipality’s administrator creates and publishes it under Ruleset.',
        toRuleset: 'Go to Ruleset',
        empty: 'No documents were received in the period.',
        emptyHelp: 'Choose a longer period, or send documents for evaluation from the ERP system.',
      },
    },
  },
};
