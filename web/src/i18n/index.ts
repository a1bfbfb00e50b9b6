// The message catalogue: the current language, its direction and fonts, and t() for every string.
// English ships in the main bundle; every other catalogue and its fonts load only when chosen.
import { en, type Catalogue, type MessageKey } from './en';

export type Locale = 'en' | 'prs' | 'ps' | 'ur' | 'bn' | 'ar' | 'tg' | 'ru';

export const locales: { code: Locale; autonym: string; rtl: boolean }[] = [
  { code: 'en', autonym: 'English', rtl: false },
  { code: 'prs', autonym: 'دری', rtl: true },
  { code: 'ps', autonym: 'پښتو', rtl: true },
  { code: 'ur', autonym: 'اردو', rtl: true },
  { code: 'bn', autonym: 'বাংলা', rtl: false },
  { code: 'ar', autonym: 'العربية', rtl: true },
  { code: 'tg', autonym: 'Тоҷикӣ', rtl: false },
  { code: 'ru', autonym: 'Русский', rtl: false },
];

const loaders: Record<Locale, () => Promise<Catalogue>> = {
  en: async () => en,
  prs: async () => (await Promise.all([import('./prs'), import('./fonts/persian')]))[0].prs,
  ps: async () => (await Promise.all([import('./ps'), import('./fonts/persian')]))[0].ps,
  ur: async () => (await Promise.all([import('./ur'), import('./fonts/urdu')]))[0].ur,
  bn: async () => (await Promise.all([import('./bn'), import('./fonts/bengali')]))[0].bn,
  ar: async () => (await Promise.all([import('./ar'), import('./fonts/arabic')]))[0].ar,
  tg: async () => (await import('./tg')).tg,
  ru: async () => (await import('./ru')).ru,
};

let current: Catalogue = en;
let currentLocale: Locale = 'en';

export function isLocale(s: string | null | undefined): s is Locale {
  return locales.some((l) => l.code === s);
}

// Loads a language and sets <html lang dir>; resolves once its strings and fonts are ready.
export async function setLocale(locale: Locale): Promise<void> {
  current = await loaders[locale]();
  currentLocale = locale;
  const meta = locales.find((l) => l.code === locale)!;
  document.documentElement.lang = locale === 'prs' ? 'fa-AF' : locale;
  document.documentElement.dir = meta.rtl ? 'rtl' : 'ltr';
  document.documentElement.dataset['script'] = locale;
  localStorage.setItem('serai.locale', locale);
}

export function locale(): Locale {
  return currentLocale;
}

export function t(key: MessageKey, vars: Record<string, string> = {}): string {
  let text = current[key] ?? en[key];
  for (const [k, v] of Object.entries(vars)) text = text.replace(`{${k}}`, v);
  return text;
}

export type { MessageKey };
