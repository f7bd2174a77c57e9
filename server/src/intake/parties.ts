/**
 * Supplier and buyer identification.
 *
 * Supplier: the document key (supplier, type, number) and the municipalities' opt-out lists
 * are keyed by CVR number (`DK16356706`), and OIOUBL 2.1 writes it `schemeID="DK:CVR"` while
 * OIOUBL 3 and Peppol write the ISO 6523 code `0184` with bare digits. Both are normalised to
 * `{ id: "DK16356706", scheme: "DK:CVR" }`, and a CVR number is preferred wherever it appears
 * (PartyIdentification/ID, EndpointID, PartyLegalEntity/CompanyID), so the same clinic gets the
 * same key whether it sends OIOUBL or Peppol and whether its endpoint is a GLN or its CVR.
 * Without a CVR number the first identifier found is used, in the order PartyIdentification/ID,
 * EndpointID, PartyLegalEntity/CompanyID, PartyTaxScheme/CompanyID, with its scheme as written
 * (`0088`/`GLN`/`EAN` normalised to `GLN`, `0198` to `DK:SE`, `0096` to `DK:P`).
 *
 * Buyer: the EAN (GLN) the document is addressed to — the EndpointID or a PartyIdentification/ID
 * of AccountingCustomerParty with a GLN scheme (`GLN`, `EAN`, `0088`), or a bare 13-digit value
 * without a scheme. Its check digit is not verified here: a wrong EAN is for the ruleset
 * (`FORKERT_EAN`), not a refusal. The reference is BuyerReference (Peppol/OIOUBL 3), else the
 * customer contact's ID (OIOUBL 2.1's "personreference").
 */
import { CAC, CBC } from './ubl-ns.js';
import { child, children, textOf, type XmlElement } from './xml-tree.js';

interface PartyId {
  id: string;
  scheme?: string;
}

const SCHEME_ALIASES: ReadonlyMap<string, string> = new Map([
  ['0184', 'DK:CVR'],
  ['DK:CVR', 'DK:CVR'],
  ['0088', 'GLN'],
  ['GLN', 'GLN'],
  ['EAN', 'GLN'],
  ['0198', 'DK:SE'],
  ['DK:SE', 'DK:SE'],
  ['0096', 'DK:P'],
  ['DK:P', 'DK:P'],
]);

const MAX_NAME = 300;
const MAX_SCHEME = 50;

function cap(text: string | undefined, max: number): string | undefined {
  return text === undefined ? undefined : text.length > max ? text.slice(0, max) : text;
}

function identifier(el: XmlElement | undefined): PartyId | undefined {
  const id = textOf(el);
  if (id === undefined || el === undefined) return undefined;
  const raw = el.attrs.get('schemeID')?.trim();
  const scheme = raw === undefined || raw === '' ? undefined : (SCHEME_ALIASES.get(raw.toUpperCase()) ?? raw);
  if (scheme === 'DK:CVR') {
    const compact = id.replace(/\s/g, '').toUpperCase();
    if (/^\d{8}$/.test(compact)) return { id: `DK${compact}`, scheme };
    if (/^DK\d{8}$/.test(compact)) return { id: compact, scheme };
  }
  return scheme === undefined ? { id } : { id, scheme: cap(scheme, MAX_SCHEME)! };
}

function partyIdentifiers(party: XmlElement): PartyId[] {
  const candidates = [
    ...children(party, CAC, 'PartyIdentification').map((p) => child(p, CBC, 'ID')),
    child(party, CBC, 'EndpointID'),
    child(child(party, CAC, 'PartyLegalEntity'), CBC, 'CompanyID'),
    ...children(party, CAC, 'PartyTaxScheme').map((p) => child(p, CBC, 'CompanyID')),
  ];
  // An identifier longer than the canonical model's 100 characters is not a usable key.
  return candidates.map(identifier).filter((x): x is PartyId => x !== undefined && x.id.length <= 100);
}

export interface Supplier {
  id: string;
  scheme?: string;
  name?: string;
}

/** The supplier party's identity, or undefined when it has no identifier at all. */
export function readSupplier(party: XmlElement): Supplier | undefined {
  const ids = partyIdentifiers(party);
  const chosen = ids.find((x) => x.scheme === 'DK:CVR') ?? ids[0];
  if (chosen === undefined) return undefined;
  const name =
    textOf(child(child(party, CAC, 'PartyName'), CBC, 'Name')) ??
    textOf(child(child(party, CAC, 'PartyLegalEntity'), CBC, 'RegistrationName'));
  const supplier: Supplier = { id: chosen.id };
  if (chosen.scheme !== undefined) supplier.scheme = chosen.scheme;
  const capped = cap(name, MAX_NAME);
  if (capped !== undefined) supplier.name = capped;
  return supplier;
}

export interface Buyer {
  ean: string | null;
  reference?: string;
}

export function readBuyer(root: XmlElement, party: XmlElement | undefined): Buyer {
  let ean: string | null = null;
  if (party !== undefined) {
    const candidates = [
      child(party, CBC, 'EndpointID'),
      ...children(party, CAC, 'PartyIdentification').map((p) => child(p, CBC, 'ID')),
    ];
    for (const el of candidates) {
      const id = identifier(el);
      if (id === undefined || id.id.length > 50) continue;
      if (id.scheme === 'GLN' || (id.scheme === undefined && /^\d{13}$/.test(id.id))) {
        ean = id.id;
        break;
      }
    }
  }
  const reference =
    textOf(child(root, CBC, 'BuyerReference')) ?? textOf(child(child(party, CAC, 'Contact'), CBC, 'ID'));
  const buyer: Buyer = { ean };
  const capped = cap(reference, MAX_NAME);
  if (capped !== undefined) buyer.reference = capped;
  return buyer;
}
