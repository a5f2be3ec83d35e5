// The annual report's paragraph (`cohortReport.narrative`): which language to ask for, and the
// « Copier le texte » button's logic, kept apart from React so Vitest can check it.
import type { Language } from '../gql/graphql';

/** The paragraph's language for the viewer's (French unless the app is in English). */
export function narrativeLanguage(locale: string): Language {
  return locale === 'en' ? 'EN' : 'FR';
}

/** The part of the Clipboard API the copy button uses. */
export interface ClipboardLike {
  writeText(text: string): Promise<void>;
}

/**
 * Puts `text` on the clipboard: 'copied' when the browser took it, 'unavailable' when there is
 * no clipboard here (a page served over plain HTTP off this computer is not a secure context,
 * so `navigator.clipboard` is undefined) or the browser refused (no permission, page not
 * focused). The caller then shows the text selected, for Ctrl+C.
 */
export async function copyText(text: string, clipboard: ClipboardLike | undefined | null): Promise<'copied' | 'unavailable'> {
  if (!clipboard || typeof clipboard.writeText !== 'function') return 'unavailable';
  try {
    await clipboard.writeText(text);
    return 'copied';
  } catch {
    return 'unavailable';
  }
}

/** The clipboard of this browser, if it offers one (never throws). */
export function browserClipboard(): ClipboardLike | undefined {
  try {
    return typeof navigator !== 'undefined' && navigator.clipboard ? navigator.clipboard : undefined;
  } catch {
    return undefined;
  }
}
