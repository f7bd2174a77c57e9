/**
 * The code lists of the business responses (responses.ts) and how Regelværk's outcomes and reason
 * codes map onto them. Kept apart so the mapping can be reviewed (and extended) on its own.
 */
import type { DocumentType } from '../domain/document.js';

export type ResponseOutcome = 'approved' | 'manual' | 'rejected';

/** OIOUBL 2.1 responsecode-1.1. */
export const OIOUBL_RESPONSE_CODE: Readonly<Record<ResponseOutcome, string>> = {
  approved: 'BusinessAccept',
  rejected: 'BusinessReject',
  manual: 'TechnicalAccept',
};

/** Peppol invoice response status (UNCL4343 subset: AB, IP, UQ, CA, RE, AP, PD). */
export const PEPPOL_RESPONSE_CODE: Readonly<Record<ResponseOutcome, string>> = {
  approved: 'AP',
  rejected: 'RE',
  manual: 'IP',
};

/**
 * Regelværk reason code → Peppol OPStatusReason (REF references incorrect, REC receiver unknown,
 * LEG legal information, FIN finance terms, PRI prices, UNR transaction not recognised, OTH
 * other). A municipality's own codes map to OTH; its code is in StatusReason's text anyway.
 */
export const PEPPOL_STATUS_REASON: Readonly<Record<string, string>> = {
  FORKERT_EAN: 'REC',
  SAMLEREGNING: 'REF',
  MANGLER_CPR: 'REF',
  UGYLDIGT_CPR: 'REF',
  MOMS_IKKE_TILLADT: 'LEG',
  VALUTA: 'FIN',
  BELOEB_UOVERENSSTEMMELSE: 'PRI',
  KREDITNOTA_UDEN_FAKTURA: 'UNR',
  RYKKER_UDEN_FAKTURA: 'UNR',
};

/** Reasons where the supplier's obvious next step is a new, corrected invoice (OPStatusAction NIN). */
export const REISSUE: ReadonlySet<string> = new Set([
  'FORKERT_EAN',
  'SAMLEREGNING',
  'MANGLER_CPR',
  'UGYLDIGT_CPR',
  'MOMS_IKKE_TILLADT',
  'VALUTA',
  'BELOEB_UOVERENSSTEMMELSE',
]);

export const OIOUBL_DOCUMENT_TYPE: Readonly<Record<DocumentType, string>> = {
  invoice: 'Invoice',
  creditNote: 'CreditNote',
  reminder: 'Reminder',
};

/** UNCL1001: 380 commercial invoice, 381 credit note. Peppol has no reminder type. */
export const PEPPOL_DOCUMENT_TYPE: Readonly<Record<DocumentType, string | undefined>> = {
  invoice: '380',
  creditNote: '381',
  reminder: undefined,
};
