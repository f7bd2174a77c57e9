import type { ResourceMessages } from '../i18n';

export const messages: ResourceMessages = {
  da: {
    simulate: {
      title: 'Simulér',
      intro:
        'Indsæt eller upload en faktura, kreditnota eller rykker som OIOUBL- eller Peppol-XML eller som kanonisk JSON. Dokumentet vurderes af kladden og af den aktive version side om side, så I kan se, hvad kladden ændrer. Intet gemmes.',
      document: 'Dokument (XML eller JSON)',
      placeholder:
        '<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"> … eller { "documentType": "invoice", … }',
      run: 'Simulér',
      upload: 'Upload fil',
      file: 'Fil: %{name}',
      refused: 'Dokumentet blev afvist',
      failed: 'Vurderingen mislykkedes',
      invalid_json: 'Teksten er hverken XML eller gyldig JSON.',
      invalid_json_at:
        'Teksten er hverken XML eller gyldig JSON: fejlen er i linje %{line}, kolonne %{column}.',
      draft_invalid: 'Kladden er ugyldig og kan ikke vurdere dokumenter. Ret fejlene under Regelsæt.',
      nothing:
        'Der er hverken en kladde eller en gældende version, så dokumentet kan ikke vurderes endnu. Opret en kladde fra en skabelon under Regelsæt.',
      no_active: 'Der gælder endnu ingen version af regelsættet.',
      no_draft:
        'Der er ingen kladde. Dokumentet vurderes kun af den aktive version. Opret en kladde under Regelsæt for at se den ved siden af.',
      draft: 'Kladde',
      draft_revision: 'Revision %{revision}',
      active: 'Aktiv version',
      active_version: 'Version %{version}',
      differs: 'Forskel',
      summary: {
        differs: 'Kladden og den aktive version vurderer dokumentet forskelligt. Forskellene er markeret.',
        same: 'Kladden og den aktive version vurderer dokumentet ens.',
      },
      outcomes: { approved: 'Godkendt', manual: 'Manuel behandling', rejected: 'Afvist' },
      reasons: 'Årsager',
      no_reasons: 'Ingen årsager',
      actions: 'Handlinger',
      no_actions: 'Ingen handlinger',
      payment_groups: 'Betalingsgrupper',
      no_payment_groups: 'Ingen betalingsgrupper',
      postings: 'Konteringer',
      no_postings: 'Ingen konteringer',
      payable: 'Til betaling',
    },
  },
  en: {
    simulate: {
      title: 'Simulate',
      intro:
        'Paste or upload an invoice, credit note or reminder as OIOUBL or Peppol XML or as canonical JSON. The document is decided by the draft and by the active version side by side, so you can see what the draft changes. Nothing is stored.',
      document: 'Document (XML or JSON)',
      placeholder:
        '<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"> … or { "documentType": "invoice", … }',
      run: 'Simulate',
      upload: 'Upload file',
      file: 'File: %{name}',
      refused: 'The document was refused',
      failed: 'The evaluation failed',
      invalid_json: 'The text is neither XML nor valid JSON.',
      invalid_json_at:
        'The text is neither XML nor valid JSON: the error is at line %{line}, column %{column}.',
      draft_invalid: 'The draft is invalid and cannot decide documents. Fix the errors under Ruleset.',
      nothing:
        'There is neither a draft nor a version in force, so the document cannot be decided yet. Create a draft from a template under Ruleset.',
      no_active: 'No version of the ruleset is in force yet.',
      no_draft:
        'There is no draft. The document is decided by the active version only. Create a draft under Ruleset to see it alongside.',
      draft: 'Draft',
      draft_revision: 'Revision %{revision}',
      active: 'Active version',
      active_version: 'Version %{version}',
      differs: 'Differs',
      summary: {
        differs:
          'The draft and the active version decide the document differently. The differences are marked.',
        same: 'The draft and the active version decide the document the same way.',
      },
      outcomes: { approved: 'Approved', manual: 'Manual', rejected: 'Rejected' },
      reasons: 'Reasons',
      no_reasons: 'No reasons',
      actions: 'Actions',
      no_actions: 'No actions',
      payment_groups: 'Payment groups',
      no_payment_groups: 'No payment groups',
      postings: 'Postings',
      no_postings: 'No postings',
      payable: 'Payable',
    },
  },
};
