/** Shared test helpers: where the public samples are, and a template for our own fixtures. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The public samples, copied byte for byte into the repository (provenance in SOURCES.md there). */
export const samplesDir = path.resolve(repoRoot, 'test/fixtures/samples');

/** Reads a public sample (relative to test/fixtures/samples/), failing loudly when it is missing. */
export function sample(relative: string): string {
  const file = path.join(samplesDir, relative);
  if (!existsSync(file)) {
    throw new Error(
      `Sample ${relative} not found at ${file}: every public sample the tests use belongs in test/fixtures/samples.`,
    );
  }
  return readFileSync(file, 'utf8');
}

export const SAMPLE_DOCUMENTS = [
  'oioubl21/OIOUBL_Invoice_v2p2.xml',
  'oioubl21/OIOUBL_Invoice_UBLExtensions_v2p2.xml',
  'oioubl21/OIOUBL_CreditNote_v2p2.xml',
  'oioubl21/OIOUBL_Reminder_v2p2.xml',
  'oioubl21-gobl/happy-path_real.xml',
  'oioubl21-gobl/credit-note.xml',
  'oioubl3/OIOUBL3_Invoice_billing_with_response_Example.xml',
  'peppol-bis3/base-example.xml',
  'peppol-bis3/base-creditnote-correction.xml',
  'peppol-bis3/Vat-category-S.xml',
  'peppol-bis3/vat-category-E.xml',
] as const;

export const SAMPLE_RESPONSES = [
  'oioubl21/OIOUBL_ApplicationResponse_v2p2.xml',
  'peppol-bis3/InvoiceResponse_Example.xml',
  'oioubl3/OIOUBL3_InvoiceResponse_billing_with_response_Example.xml',
] as const;

// ---- A template for health-provider invoices ------------------------------------------------

export interface FixtureLine {
  id: string;
  name: string;
  description?: string;
  net: string;
  /** Written as the line's TaxTotal in OIOUBL 2.1; Peppol lines have none (computed). */
  vat: string;
  percent: string;
  /** VAT category: StandardRated/ZeroRated (OIOUBL 2.1) or S/E (Peppol). */
  category: string;
  sellersItemId?: string;
  properties?: [name: string, value: string][];
  note?: string;
}

export interface FixtureOptions {
  format: 'oioubl21' | 'peppol';
  id: string;
  supplierCvr?: string;
  buyerEan?: string;
  orderReference?: string;
  customerContactId?: string;
  buyerReference?: string;
  note?: string;
  accountingCost?: string;
  /** Raw XML inserted into AccountingCustomerParty/Party before its address. */
  customerPartyExtra?: string;
  lines: FixtureLine[];
  lineExtension: string;
  tax: string;
  /** Peppol: net total (TaxExclusiveAmount). */
  taxExclusive?: string;
  prepaid?: string;
  rounding?: string;
  payable: string;
  /** The prefixes to write (resolution must be by namespace URI, whatever they are). */
  cac?: string;
  cbc?: string;
}

const CAC_NS = 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2';
const CBC_NS = 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2';

/** Builds a small but complete OIOUBL 2.1 or Peppol BIS 3 invoice as an XML string. */
export function healthInvoice(o: FixtureOptions): string {
  const a = o.cac ?? 'cac';
  const b = o.cbc ?? 'cbc';
  const oio = o.format === 'oioubl21';
  const cvr = o.supplierCvr ?? '12345674';
  const ean = o.buyerEan ?? '5798000012345';
  const t = (name: string, value: string, attrs = ''): string =>
    `<${b}:${name}${attrs}>${value}</${b}:${name}>`;
  const taxScheme = oio
    ? `<${a}:TaxScheme>${t('ID', '63', ' schemeAgencyID="320" schemeID="urn:oioubl:id:taxschemeid-1.1"')}${t('Name', 'Moms')}</${a}:TaxScheme>`
    : `<${a}:TaxScheme>${t('ID', 'VAT')}</${a}:TaxScheme>`;
  const category = (line: FixtureLine): string =>
    `${t('ID', line.category)}${t('Percent', line.percent)}${taxScheme}`;
  const lines = o.lines
    .map(
      (l) =>
        `<${a}:InvoiceLine>${t('ID', l.id)}${l.note === undefined ? '' : t('Note', l.note)}` +
        `${t('InvoicedQuantity', '1', ' unitCode="EA"')}${t('LineExtensionAmount', l.net, ' currencyID="DKK"')}` +
        (oio
          ? `<${a}:TaxTotal>${t('TaxAmount', l.vat, ' currencyID="DKK"')}<${a}:TaxSubtotal>${t('TaxableAmount', l.net, ' currencyID="DKK"')}${t('TaxAmount', l.vat, ' currencyID="DKK"')}<${a}:TaxCategory>${category(l)}</${a}:TaxCategory></${a}:TaxSubtotal></${a}:TaxTotal>`
          : '') +
        `<${a}:Item>${l.description === undefined ? '' : t('Description', l.description)}${t('Name', l.name)}` +
        (l.sellersItemId === undefined
          ? ''
          : `<${a}:SellersItemIdentification>${t('ID', l.sellersItemId)}</${a}:SellersItemIdentification>`) +
        (oio ? '' : `<${a}:ClassifiedTaxCategory>${category(l)}</${a}:ClassifiedTaxCategory>`) +
        (l.properties ?? [])
          .map(
            ([n, v]) =>
              `<${a}:AdditionalItemProperty>${t('Name', n)}${t('Value', v)}</${a}:AdditionalItemProperty>`,
          )
          .join('') +
        `</${a}:Item><${a}:Price>${t('PriceAmount', l.net, ' currencyID="DKK"')}</${a}:Price></${a}:InvoiceLine>`,
    )
    .join('\n');
  const first = o.lines[0];
  return `<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:${a}="${CAC_NS}" xmlns:${b}="${CBC_NS}">
${oio ? t('UBLVersionID', '2.1') : ''}
${t('CustomizationID', oio ? 'OIOUBL-2.1' : 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0')}
${t('ProfileID', oio ? 'Procurement-BilSim-1.0' : 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0')}
${t('ID', o.id)}
${t('IssueDate', '2025-03-01')}
${t('InvoiceTypeCode', '380')}
${o.note === undefined ? '' : t('Note', o.note)}
${t('DocumentCurrencyCode', 'DKK')}
${o.accountingCost === undefined ? '' : t('AccountingCost', o.accountingCost)}
${o.buyerReference === undefined ? '' : t('BuyerReference', o.buyerReference)}
${o.orderReference === undefined ? '' : `<${a}:OrderReference>${t('ID', o.orderReference)}</${a}:OrderReference>`}
<${a}:AccountingSupplierParty><${a}:Party>
  ${oio ? t('EndpointID', `DK${cvr}`, ' schemeID="DK:CVR"') : t('EndpointID', cvr, ' schemeID="0184"')}
  <${a}:PartyIdentification>${oio ? t('ID', `DK${cvr}`, ' schemeID="DK:CVR"') : t('ID', cvr, ' schemeID="0184"')}</${a}:PartyIdentification>
  <${a}:PartyName>${t('Name', 'Klinik Test')}</${a}:PartyName>
</${a}:Party></${a}:AccountingSupplierParty>
<${a}:AccountingCustomerParty><${a}:Party>
  ${oio ? t('EndpointID', ean, ' schemeAgencyID="9" schemeID="GLN"') : t('EndpointID', ean, ' schemeID="0088"')}
  ${o.customerPartyExtra ?? ''}
  <${a}:PartyName>${t('Name', 'Testby Kommune')}</${a}:PartyName>
  ${o.customerContactId === undefined ? '' : `<${a}:Contact>${t('ID', o.customerContactId)}</${a}:Contact>`}
</${a}:Party></${a}:AccountingCustomerParty>
<${a}:TaxTotal>${t('TaxAmount', o.tax, ' currencyID="DKK"')}<${a}:TaxSubtotal>${t('TaxableAmount', o.lineExtension, ' currencyID="DKK"')}${t('TaxAmount', o.tax, ' currencyID="DKK"')}<${a}:TaxCategory>${first === undefined ? '' : category(first)}</${a}:TaxCategory></${a}:TaxSubtotal></${a}:TaxTotal>
<${a}:LegalMonetaryTotal>
  ${t('LineExtensionAmount', o.lineExtension, ' currencyID="DKK"')}
  ${t('TaxExclusiveAmount', oio ? o.tax : (o.taxExclusive ?? o.lineExtension), ' currencyID="DKK"')}
  ${o.prepaid === undefined ? '' : t('PrepaidAmount', o.prepaid, ' currencyID="DKK"')}
  ${o.rounding === undefined ? '' : t('PayableRoundingAmount', o.rounding, ' currencyID="DKK"')}
  ${t('PayableAmount', o.payable, ' currencyID="DKK"')}
</${a}:LegalMonetaryTotal>
${lines}
</Invoice>`;
}

/** A one-line, VAT-free dentist invoice (OIOUBL 2.1) to vary in tests. */
export function dentistInvoice(overrides: Partial<FixtureOptions> = {}): string {
  return healthInvoice({
    format: 'oioubl21',
    id: 'T-1001',
    lines: [
      {
        id: '1',
        name: 'Tandrensning',
        net: '500.00',
        vat: '0.00',
        percent: '0',
        category: 'ZeroRated',
        properties: [['Ydelsesnummer', '1001']],
      },
    ],
    lineExtension: '500.00',
    tax: '0.00',
    payable: '500.00',
    ...overrides,
  });
}
