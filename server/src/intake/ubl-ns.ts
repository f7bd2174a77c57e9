/** UBL 2.x namespace URIs. Elements are always matched by URI + local name, never by prefix. */
export const UBL_MAIN_PREFIX = 'urn:oasis:names:specification:ubl:schema:xsd:';
export const CAC = 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2';
export const CBC = 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2';
export const EXT = 'urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2';

export const INVOICE_NS = `${UBL_MAIN_PREFIX}Invoice-2`;
export const CREDIT_NOTE_NS = `${UBL_MAIN_PREFIX}CreditNote-2`;
export const REMINDER_NS = `${UBL_MAIN_PREFIX}Reminder-2`;
export const APPLICATION_RESPONSE_NS = `${UBL_MAIN_PREFIX}ApplicationResponse-2`;

/** The prefixes an intake path may use, with the namespace each stands for. */
export const PATH_PREFIXES: ReadonlyMap<string, string> = new Map([
  ['cac', CAC],
  ['cbc', CBC],
  ['ext', EXT],
]);

/** The line elements of the three document types (cac namespace). */
export const LINE_ELEMENTS: ReadonlySet<string> = new Set(['InvoiceLine', 'CreditNoteLine', 'ReminderLine']);
