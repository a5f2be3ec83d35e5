import { en } from './en';
import { frCA, type MessageKey } from './fr-CA';

export type Locale = 'fr-CA' | 'en';
export type { MessageKey };
export const catalogs: Record<Locale, Record<MessageKey, string>> = { 'fr-CA': frCA, en };

const STORAGE_KEY = 'sismic.locale';

/** The language chosen last time (a preference, not a secret), French by default. */
export function initialLocale(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): Locale {
  try {
    return storage?.getItem(STORAGE_KEY) === 'en' ? 'en' : 'fr-CA';
  } catch {
    return 'fr-CA';
  }
}

export function rememberLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private mode: the choice lasts for the page only.
  }
}
