/**
 * Money as the console shows it: the API's decimal strings ("1500.00", "-12.5") formatted without
 * ever becoming a float — Danish "1.500,00 kr.", English "DKK 1,500.00".
 */
import { useLocaleState } from 'react-admin';

export function formatDkk(amount: string | null | undefined, locale: string): string {
  if (amount === null || amount === undefined || amount === '') return '';
  const m = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(amount.trim());
  if (!m) return amount;
  const [, sign, whole, fraction = ''] = m;
  const da = locale === 'da';
  const grouped = whole!.replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+(?!\d))/g, da ? '.' : ',');
  const cents = fraction.padEnd(2, '0');
  const number = `${grouped}${da ? ',' : '.'}${cents}`;
  const minus = sign === '-' ? '-' : '';
  return da ? `${minus}${number} kr.` : `${minus}DKK ${number}`;
}

/** formatDkk in the console's current language. */
export function useDkk(): (amount: string | null | undefined) => string {
  const [locale] = useLocaleState();
  return (amount) => formatDkk(amount, locale);
}
