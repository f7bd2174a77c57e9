import type { ResourceMessages } from '../i18n';

export const messages: ResourceMessages = {
  da: {
    resources: {
      versions: {
        name: 'Version |||| Versioner',
        noneYet: 'Der er endnu ingen udgivne versioner. En version udgives fra kladden under Regelsæt.',
        title: 'Version %{version}',
        fields: {
          version: 'Version',
          comment: 'Kommentar',
          effectiveFrom: 'Gælder fra',
          publishedBy: 'Udgivet af',
          approvedBy: 'Godkendt af',
          createdAt: 'Udgivet',
          hash: 'Kontrolsum',
        },
        scheduled: 'Planlagt',
        document: 'Regelsættet (JSON)',
        diff: {
          title: 'Forskelle',
          from: 'Fra',
          to: 'Til',
          version: 'Version %{version}',
          draft: 'Kladden',
          readable: 'Ændringer',
          json: 'JSON-forskelle',
          count: 'Én ændring |||| %{smart_count} ændringer',
          identical: 'Der er ingen forskelle.',
          choose_two: 'Vælg to forskellige versioner for at se forskellene.',
          show_unchanged: 'Vis uændrede dele',
        },
        restore: {
          action: 'Gendan som kladde',
          title: 'Gendan version %{version} som kladde?',
          content:
            'Version %{version} kopieres til en ny kladde, som I kan rette og udgive igen. Den aktive version ændres ikke, før kladden er udgivet.',
          draft_exists:
            'Der findes allerede en kladde (revision %{revision}, senest ændret af %{by} %{at}). Kun én kladde kan findes ad gangen: åbn kladden, eller kassér den og gendan versionen i stedet. En kasseret kladde kan ikke hentes tilbage.',
          conflict: 'Kladden blev ændret imens. Se den nye kladde, og vælg igen.',
          open_draft: 'Gå til kladden',
          discard_and_restore: 'Kassér kladden og gendan',
          comment: 'Gendannet fra version %{version}',
          done: 'Version %{version} er gendannet som kladde',
        },
      },
    },
  },
  en: {
    resources: {
      versions: {
        name: 'Version |||| Versions',
        noneYet: 'No versions have been published yet. A version is published from the draft under Ruleset.',
        title: 'Version %{version}',
        fields: {
          version: 'Version',
          comment: 'Comment',
          effectiveFrom: 'Effective from',
          publishedBy: 'Published by',
          approvedBy: 'Approved by',
          createdAt: 'Published',
          hash: 'Checksum',
        },
        scheduled: 'Scheduled',
        document: 'The ruleset (JSON)',
        diff: {
          title: 'Differences',
          from: 'From',
          to: 'To',
          version: 'Version %{version}',
          draft: 'The draft',
          readable: 'Changes',
          json: 'JSON diff',
          count: 'One change |||| %{smart_count} changes',
          identical: 'There are no differences.',
          choose_two: 'Choose two different versions to see their differences.',
          show_unchanged: 'Show unchanged parts',
        },
        restore: {
          action: 'Restore as draft',
          title: 'Restore version %{version} as draft?',
          content:
            'Version %{version} is copied into a new draft that you can edit and publish again. The active version does not change until the draft is published.',
          draft_exists:
            'A draft exists already (revision %{revision}, last changed by %{by} %{at}). There can be only one draft: open it, or discard it and restore the version instead. A discarded draft cannot be brought back.',
          conflict: 'The draft changed meanwhile. Look at the new draft and choose again.',
          open_draft: 'Go to the draft',
          discard_and_restore: 'Discard the draft and restore',
          comment: 'Restored from version %{version}',
          done: 'Version %{version} has been restored as draft',
        },
      },
    },
  },
};
