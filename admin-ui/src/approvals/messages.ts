import type { ResourceMessages } from '../i18n';

export const messages: ResourceMessages = {
  da: {
    approvals: {
      none: 'Der er ingen anmodninger om udgivelse, der venter på godkendelse.',
      requestBy: 'Anmodning om udgivelse fra %{by}',
      line: 'Anmodet %{at} · kladdens revision %{revision} · gælder fra %{from}',
      immediately: 'godkendelsen',
      approve: 'Godkend',
      reject: 'Afvis',
      approveTitle: 'Godkend udgivelsen',
      rejectTitle: 'Afvis udgivelsen',
      comment: 'Kommentar',
      ownRequest:
        'Du kan ikke godkende din egen anmodning; en anden administrator skal godkende den (fire øjne).',
      approved: 'Godkendt: version %{version} er udgivet.',
      rejected: 'Anmodningen er afvist; kladden er bevaret.',
    },
  },
  en: {
    approvals: {
      none: 'No publish requests are awaiting approval.',
      requestBy: 'Publish request from %{by}',
      line: 'Requested %{at} · draft revision %{revision} · effective from %{from}',
      immediately: 'the approval',
      approve: 'Approve',
      reject: 'Reject',
      approveTitle: 'Approve the publication',
      rejectTitle: 'Reject the publication',
      comment: 'Comment',
      ownRequest: 'You cannot approve your own request; another administrator must approve it (four eyes).',
      approved: 'Approved: version %{version} is published.',
      rejected: 'The request is rejected; the draft is kept.',
    },
  },
};
