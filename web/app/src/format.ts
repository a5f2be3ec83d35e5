// Dates and amounts through Intl: « 31 mars 2021 », « 1 234,50 $ ».

/** A calendar date (`Date` scalar, "2021-03-31") in words, with no time-zone shift. */
export function formatDate(iso: string, locale: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  const text = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(y!, m! - 1, d!)));
  // French writes the first of the month as an ordinal: « 1er mars 2021 » (Intl says « 1 mars »).
  return d === 1 && locale.startsWith('fr') ? text.replace(/^1(?=\s)/, '1er') : text;
}

/** An amount in cents, in Canadian dollars. */
export function formatMoney(cents: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'CAD' }).format(cents / 100);
}

/**
 * An amount typed by a person, in cents, or null when it is not one: « 1 234,50 », « 1234.5 »,
 * « 1 234,50 $ », « 2500 » (spaces, narrow no-break spaces and a trailing « $ » aside; a comma
 * or a point before one or two last digits is the decimal separator).
 */
export function parseMoney(text: string): number | null {
  const compact = text.replace(/[\s\u00a0\u202f$]/g, '');
  const match = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(compact);
  if (!match) return null;
  const cents = Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? cents : null;
}

/** Today's date where the agent is, as the API's `Date` ("2021-03-31"). */
export function today(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Whole days from one calendar date to another (both "YYYY-MM-DD"). */
export function daysBetween(from: string, to: string): number {
  const at = (iso: string) => {
    const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
    return Date.UTC(y!, m! - 1, d!);
  };
  return Math.round((at(to) - at(from)) / 86_400_000);
}

/** Past this many days without a follow-up, a card stands out. */
export const STALE_AFTER_DAYS = 30;
