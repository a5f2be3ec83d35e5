// The arithmetic behind the report charts, kept apart from React so Vitest can check it:
// what a cell shows (a number, or « < 5 » when the API hid it), the scale of a bar chart, where
// long labels wrap, and how numbers, rates and changes read through Intl.

/**
 * One value of a chart or table. `value` is null when the API hid it (small-cell suppression:
 * a funder's count of 1 to 4 people, or a count hidden so that such a one cannot be worked out
 * by subtraction). A hidden value is never a number here, so it is never drawn or added as 0.
 */
export interface Cell {
  value: number | null;
  suppressed: boolean;
}

/** A cell from the API's `{ count, suppressed }` (a null count is always treated as hidden). */
export function cellOf(row: { count?: number | null; suppressed?: boolean | null }): Cell {
  const value = row.count ?? null;
  return { value: row.suppressed ? null : value, suppressed: Boolean(row.suppressed) || value === null };
}

/** Whether a cell is hidden from this viewer. */
export const isHidden = (cell: Cell): boolean => cell.suppressed || cell.value === null;

/** The published values of some cells (hidden ones left out, never counted as 0). */
export function publishedValues(cells: Cell[]): number[] {
  return cells.filter((c) => !isHidden(c)).map((c) => c.value as number);
}

/**
 * A round top for a scale holding `max`: 1, 2, 2.5 or 5 times a power of ten (at least 1), so
 * that the gridlines fall on numbers a person reads at a glance.
 */
export function niceMax(max: number): number {
  if (!Number.isFinite(max) || max <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * power >= max) return step * power;
  }
  return 10 * power;
}

/** Gridline values from 0 to `top`, about `count` of them, whole numbers only. */
export function ticks(top: number, count = 4): number[] {
  const step = Math.max(1, niceStep(top / count));
  const out: number[] = [];
  for (let v = 0; v <= top + 1e-9; v += step) out.push(Math.round(v * 100) / 100);
  return out;
}

function niceStep(raw: number): number {
  if (raw <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const step of [1, 2, 2.5, 5, 10]) {
    // Counts are whole: no gridline at 2.5.
    if (step * power >= raw && Number.isInteger(step * power)) return step * power;
  }
  return 10 * power;
}

/** The scale of a bar chart over some cells: its top and its gridlines (hidden cells ignored). */
export function scaleFor(cells: Cell[]): { top: number; ticks: number[] } {
  const max = Math.max(0, ...publishedValues(cells));
  const step = Math.max(1, niceStep(niceMax(max) / 4));
  // The top is the first gridline at or past the largest value (3 → 4 with steps of 2).
  const top = Math.max(step, Math.ceil(max / step) * step);
  const out: number[] = [];
  for (let v = 0; v <= top; v += step) out.push(v);
  return { top, ticks: out };
}

/**
 * Length of the bar of `value` on a track of `length` units for a scale topped at `top`. A
 * value above 0 always gets at least `min` units, so that 1 out of 1,000 is still seen.
 */
export function barLength(value: number, top: number, length: number, min = 2): number {
  if (value <= 0 || top <= 0) return 0;
  return Math.max(min, Math.min(length, (value / top) * length));
}

/**
 * Splits a label into lines of at most `maxChars` characters, at spaces (a word longer than
 * the line is cut), for SVG text, which does not wrap by itself. At most `maxLines` lines: the
 * last one then ends with « … ».
 */
export function wrapLabel(text: string, maxChars: number, maxLines = 3): string[] {
  const limit = Math.max(4, Math.floor(maxChars));
  const lines: string[] = [];
  let line = '';
  for (const word of text.trim().split(/\s+/)) {
    let rest = word;
    while (rest.length > limit) {
      if (line) {
        lines.push(line);
        line = '';
      }
      lines.push(rest.slice(0, limit));
      rest = rest.slice(limit);
    }
    if (!line) line = rest;
    else if (line.length + 1 + rest.length <= limit) line = `${line} ${rest}`;
    else {
      lines.push(line);
      line = rest;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1]!;
  kept[maxLines - 1] = `${last.length >= limit ? last.slice(0, limit - 1) : last}…`;
  return kept;
}

/** A count in the viewer's language (« 1 234 » in French), or the hidden marker. */
export function formatCell(cell: Cell, locale: string, hidden: string): string {
  return isHidden(cell) ? hidden : formatNumber(cell.value as number, locale);
}

/** A whole number through Intl (« 1 234 » in fr-CA). */
export function formatNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
}

/** A share from 0 to 1 as a percentage (« 67 % » in fr-CA), whole unless small. */
export function formatRate(rate: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: rate !== 0 && Math.abs(rate) < 0.1 ? 1 : 0 }).format(rate);
}

/** A signed change in percent of the previous value, as the API gives it (+17.0: « +17 % »). */
export function formatPercentChange(percent: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', signDisplay: 'exceptZero', maximumFractionDigits: 1 }).format(percent / 100);
}

/** Up, down or the same, from a difference. */
export function direction(difference: number): 'up' | 'down' | 'same' {
  return difference > 0 ? 'up' : difference < 0 ? 'down' : 'same';
}

/**
 * The programme year of a date (April 1 to March 31): 2020 for any day from 2020-04-01 to
 * 2021-03-31.
 */
export function programYearOf(iso: string): number {
  const [y, m] = iso.split('-').map(Number);
  return m! >= 4 ? y! : y! - 1;
}

/** « 2020-2021 » for the programme year 2020. */
export function programYearLabel(year: number): string {
  return `${year}-${year + 1}`;
}
