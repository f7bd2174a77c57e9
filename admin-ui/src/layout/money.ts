/**
 * Money as the console shows it: the API's decimal strings ("1500.00", "-12.5") formatted without
 * ever becoming a float — Danish "1.500,00 kr.", English "DKK 1,500.00".
 */
import { useLocaleState } from 'react-admin';

export function formatDkk(amount: string | null | undefined, locale: string): string {
  const number = formatAmount(amount, locale);
  if (number === null) return amount ?? '';
  const [minus, digits] = number.startsWith('-') ? ['-', number.slice(1)] : ['', number];
  return locale === 'da' ? `${minus}${digits} kr.` : `${minus}DKK ${digits}`;
}

/**
 * The number alone, as typed in that language: "1500.5" → "1.500,50" (da) / "1,500.50" (en), for
 * an amount field; null when `amount` is not a decimal string.
 */
export function formatAmount(amount: string | null | undefined, locale: string): string | null {
  const m = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec((amount ?? '').trim());
  if (!m) return null;
  const [, sign, whole, fraction = ''] = m;
  const da = locale === 'da';
  const grouped = whole!.replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+(?!\d))/g, da ? '.' : ',');
  return `${sign === '-' ? '-' : ''}${grouped}${da ? ',' : '.'}${fraction.padEnd(2, '0')}`;
}

/** formatDkk in the console's current language. */
export function useDkk(): (amount: string | null | undefined) => string {
  const [locale] = useLocaleState();
  return (amount) => formatDkk(amount, locale);
}
