/** The console's languages; Danish is the default, the choice is remembered in localStorage (not a secret). */
export const LOCALES = ['da', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'da';
const KEY = 'regelvaerk.locale';

function isLocale(value: unknown): value is Locale {
  return (LOCALES as readonly unknown[]).includes(value);
}

export function storedLocale(): Locale {
  try {
    const v = globalThis.localStorage?.getItem(KEY);
    return isLocale(v) ? v : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

let current: Locale = storedLocale();

export function currentLocale(): Locale {
  return current;
}

export function rememberLocale(locale: string): void {
  if (!isLocale(locale)) return;
  current = locale;
  try {
    globalThis.localStorage?.setItem(KEY, locale);
  } catch {
    // private mode: the choice lasts for this page only
  }
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}
