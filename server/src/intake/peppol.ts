/**
 * Peppol BIS Billing 3 and OIOUBL 3 (which is built on Peppol BIS 3 / EN 16931): the same
 * monetary semantics — LegalMonetaryTotal/TaxExclusiveAmount is the net total, lines carry no
 * TaxTotal (a line's VAT is its net × Item/ClassifiedTaxCategory/Percent), identifiers use
 * ISO 6523 scheme codes (0184 CVR, 0088 GLN).
 */
import type { FormatProfile } from './format-profile.js';
import { CBC } from './ubl-ns.js';
import { child } from './xml-tree.js';

const vatFromMonetaryTotal: FormatProfile['vatFromMonetaryTotal'] = (lmt, r) => {
  const inclusive = r.money(child(lmt, CBC, 'TaxInclusiveAmount'));
  const exclusive = r.money(child(lmt, CBC, 'TaxExclusiveAmount'));
  return inclusive === undefined || exclusive === undefined ? undefined : inclusive - exclusive;
};

export const PEPPOL_BIS3: FormatProfile = { format: 'peppol-bis3', vatFromMonetaryTotal };
export const OIOUBL3: FormatProfile = { format: 'oioubl3', vatFromMonetaryTotal };
