/** What differs between the formats once a document is known to be UBL. */
import type { Ore } from '../domain/money.js';
import type { SourceFormat } from './detect.js';
import type { Reader } from './values.js';
import type { XmlElement } from './xml-tree.js';

export interface FormatProfile {
  readonly format: SourceFormat;
  /**
   * The VAT total from LegalMonetaryTotal, used only when the document has no document-level
   * TaxTotal in its own currency. This is where the formats disagree: OIOUBL 2.1's
   * TaxExclusiveAmount *is* the VAT total, while in Peppol BIS 3 / OIOUBL 3 it is the net
   * total (so VAT = TaxInclusiveAmount − TaxExclusiveAmount).
   */
  vatFromMonetaryTotal(lmt: XmlElement, r: Reader): Ore | undefined;
}
