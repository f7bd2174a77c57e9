/**
 * The i18n provider: Danish by default, English one click away, the choice remembered
 * (locale.ts). Messages are da.ts / en.ts plus every resource folder's `messages.ts`
 * (`export const messages = { da: {...}, en: {...} }`), collected here by Vite's glob import —
 * a new resource adds its own file and touches nothing here.
 */
import polyglotI18nProvider from 'ra-i18n-polyglot';
import type { TranslationMessages } from 'react-admin';
import { da } from './da';
import { en } from './en';
import { DEFAULT_LOCALE, rememberLocale, storedLocale, type Locale } from './locale';

export interface ResourceMessages {
  da: Record<string, unknown>;
  en: Record<string, unknown>;
}

type Tree = Record<string, unknown>;

export function deepMerge(target: Tree, source: Tree): Tree {
  const out: Tree = { ...target };
  for (const [k, v] of Object.entries(source)) {
    const t = out[k];
    out[k] =
      v && typeof v === 'object' && !Array.isArray(v) && t && typeof t === 'object'
        ? deepMerge(t as Tree, v as Tree)
        : v;
  }
  return out;
}

const resourceMessages = Object.values(
  import.meta.glob<{ messages: ResourceMessages }>('../*/messages.ts', { eager: true }),
).map((m) => m.messages);

export const MESSAGES: Record<Locale, TranslationMessages> = {
  da: resourceMessages.reduce((acc, m) => deepMerge(acc, m.da), da as Tree) as TranslationMessages,
  en: resourceMessages.reduce((acc, m) => deepMerge(acc, m.en), en as Tree) as TranslationMessages,
};

const initial = storedLocale();
rememberLocale(initial);

const base = polyglotI18nProvider(
  (locale) => MESSAGES[locale as Locale] ?? MESSAGES[DEFAULT_LOCALE],
  initial,
  [
    { locale: 'da', name: 'Dansk' },
    { locale: 'en', name: 'English' },
  ],
);

export const i18nProvider = {
  ...base,
  changeLocale(locale: string, options?: unknown) {
    rememberLocale(locale);
    return base.changeLocale(locale, options);
  },
};
