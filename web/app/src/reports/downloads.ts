// The report files the server builds (`GET /reports/cohorts/{id}.{format}`, see
// crates/server/src/http.rs). A link alone cannot send the CSRF header that a request signed
// in by the session cookie needs (X-Sismic-Request: 1), so the file is fetched with it and
// handed to the browser through a Blob URL, revoked right after: nothing stays behind.
import { ApiError } from '../api';
import type { Locale } from '../i18n';

/** One file offered in the download area. */
export interface Download {
  /** Stable key (also the React key). */
  key: string;
  /** Message id of the button (in i18n/reports.ts). */
  label: string;
  /** Message id of the line that says what the file is for. */
  hint: string;
  /** The server path of the file for a cohort, in the viewer's language. */
  path: (cohortId: string, locale: Locale) => string;
  /** The name to save under when the server does not say (Content-Disposition). */
  fallbackName: string;
}

const lang = (locale: Locale) => (locale === 'en' ? 'en' : 'fr');
const file = (cohortId: string, format: string, query = '') => `/reports/cohorts/${encodeURIComponent(cohortId)}.${format}${query}`;

/**
 * The files of a cohort report, in the order shown (the workbook first: funders live in
 * Excel). Another file the server learns to build is one line here plus its two messages.
 */
export const COHORT_DOWNLOADS: Download[] = [
  { key: 'xlsx', label: 'reports.download.xlsx', hint: 'reports.download.xlsxHint', path: (id, l) => file(id, 'xlsx', `?lang=${lang(l)}`), fallbackName: 'rapport-cohorte.xlsx' },
  { key: 'csv-excel-fr', label: 'reports.download.csvExcelFr', hint: 'reports.download.csvExcelFrHint', path: (id, l) => file(id, 'csv', `?dialect=excel-fr&lang=${lang(l)}`), fallbackName: 'rapport-cohorte-excel-fr.csv' },
  { key: 'csv', label: 'reports.download.csv', hint: 'reports.download.csvHint', path: (id, l) => file(id, 'csv', `?lang=${lang(l)}`), fallbackName: 'rapport-cohorte.csv' },
  { key: 'json', label: 'reports.download.json', hint: 'reports.download.jsonHint', path: (id) => file(id, 'json'), fallbackName: 'rapport-cohorte.json' },
];

/** The file name of a Content-Disposition header (`attachment; filename="x.csv"`), if any. */
export function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1]!.trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/i.exec(disposition);
  const name = (plain?.[1] ?? plain?.[2] ?? '').trim();
  // Only a plain name: no folders.
  return name && !/[\\/]/.test(name) ? name : null;
}

/** Fetches a report file with the session cookie and the CSRF header, and saves it. */
export async function downloadFile(path: string, fallbackName: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(path, { credentials: 'same-origin', headers: { 'x-sismic-request': '1' } });
  } catch (error) {
    throw new ApiError('NETWORK', String(error));
  }
  if (!response.ok) {
    const body = await response.json().catch(() => null);
    const first = body?.errors?.[0];
    throw new ApiError(first?.extensions?.code ?? (response.status >= 500 ? 'UNAVAILABLE' : 'INTERNAL'), first?.message ?? `HTTP ${response.status}`);
  }
  const name = fileNameOf(response.headers.get('content-disposition')) ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // The browser has taken the file; the Blob URL is released at once.
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
  return name;
}
