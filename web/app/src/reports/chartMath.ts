// The arithmetic behind the report charts, kept apart from React so Vitest can check it:
// what a cell shows (a number; « < 5 » or « masqué » when the API hid it), the scale of a bar chart, where
// long labels wrap, and how numbers, rates and changes read through Intl.

/**
 * One value of a chart or table. `value` is null when the API hid it (small-cell suppression:
 * a funder's count of 1 to 4 people, or a count hidden so that such a one cannot be worked out
 * by subtraction). A hidden value is never a number here, so it is never drawn or added as 0.
 */
export interface Cell {
  value: number | null;
  suppressed: boolean;
  /**
   * A hidden cell only: the threshold it is known to be below, so it reads « < 5 » (the API's
   * `suppressedBelow`; people reached, which is hidden for no other reason). Null when it may
   * be hidden to protect another count, and so be 5 or more: it reads « masqué », never « < 5 ».
   */
  below: number | null;
}

/** How a hidden cell reads: « < 5 » when it is known to be below 5, else « masqué ». */
export interface HiddenMarks {
  below: (threshold: number) => string;
  withheld: string;
}

/** A shown count (never hidden: counts of projects, follow-ups, awards). */
export const exactCell = (value: number): Cell => ({ value, suppressed: false, below: null });

/**
 * A cell from the API's `{ count, suppressed, suppressedBelow }` (a null count is always
 * treated as hidden). A hidden cell without `suppressedBelow` reads « masqué »: it is never
 * said to be below the threshold unless the API says that is true.
 */
export function cellOf(row: { count?: number | null; suppressed?: boolean | null; suppressedBelow?: number | null }): Cell {
  const value = row.count ?? null;
  const hidden = Boolean(row.suppressed) || value === null;
  return { value: hidden ? null : value, suppressed: hidden, below: hidden ? (row.suppressedBelow ?? null) : null };
}

/**
 * A count hidden only when it is small, as a cohort's people reached (the API hides it for no
 * other reason) and either side of the comparison with the previous cohort: hidden, it reads
 * « < threshold ».
 */
export function smallCountCell(count: number | null | undefined, suppressed: boolean, threshold: number): Cell {
  const hidden = suppressed || count === null || count === undefined;
  return { value: hidden ? null : count, suppressed: hidden, below: hidden ? threshold : null };
}

/**
 * The network report's people reached of a region or of the network. It is hidden when it is
 * small, but also when one of its cohorts' is (cohorts of 12 and 3 people in a region of 15
 * would give the 3 away), and the total whenever a region's is: so it may be 5 or more. Only
 * over a single cohort is it that cohort's figure, hidden only below the threshold (« < 5 »);
 * otherwise it reads « masqué ».
 */
export function networkPeopleCell(figures: { cohortCount: number; participantsReached?: number | null; participantsReachedSuppressed: boolean }, threshold: number): Cell {
  const hidden = figures.participantsReachedSuppressed || figures.participantsReached === null || figures.participantsReached === undefined;
  if (!hidden) return exactCell(figures.participantsReached as number);
  return { value: null, suppressed: true, below: figures.cohortCount === 1 ? threshold : null };
}

/** Whether a cell is hidden from this viewer. */
export const isHidden = (cell: Cell): boolean => cell.suppressed || cell.value === null;

/** What a hidden cell reads (« < 5 » or « masqué »). */
export function hiddenMark(cell: Cell, marks: HiddenMarks): string {
  return cell.below ? marks.below(cell.below) : marks.withheld;
}

/** Which kinds of hidden cells some cells hold (each kind has its own footnote). */
export function hiddenKinds(cells: Cell[]): { below: boolean; withheld: boolean } {
  const hidden = cells.filter(isHidden);
  return { below: hidden.some((c) => c.below !== null), withheld: hidden.some((c) => c.below === null) };
}

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

/** A count in the viewer's language (« 1 234 » in French), or what a hidden one reads. */
export function formatCell(cell: Cell, locale: string, marks: HiddenMarks): string {
  return isHidden(cell) ? hiddenMark(cell, marks) : formatNumber(cell.value as number, locale);
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
