import { describe, expect, it } from 'vitest';
import {
  barLength,
  cellOf,
  direction,
  exactCell,
  formatCell,
  formatNumber,
  formatPercentChange,
  formatRate,
  hiddenKinds,
  hiddenMark,
  isHidden,
  networkPeopleCell,
  niceMax,
  programYearLabel,
  programYearOf,
  publishedValues,
  scaleFor,
  smallCountCell,
  ticks,
  wrapLabel,
} from './chartMath';
import { COHORT_DOWNLOADS, fileNameOf } from './downloads';

const spaces = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('a hidden count (small-cell suppression)', () => {
  const marks = { below: (t: number) => `< ${t}`, withheld: 'masqué' };

  it('is never a number, whatever the API sends with it', () => {
    expect(cellOf({ count: null, suppressed: true, suppressedBelow: 5 })).toEqual({ value: null, suppressed: true, below: 5 });
    // A count of null is hidden even if the flag is missing; a flagged count is dropped.
    expect(cellOf({ count: null })).toEqual({ value: null, suppressed: true, below: null });
    expect(cellOf({ count: 3, suppressed: true })).toEqual({ value: null, suppressed: true, below: null });
    expect(cellOf({ count: 0, suppressed: false })).toEqual({ value: 0, suppressed: false, below: null });
    // A shown count is never « below » anything, whatever the API sends with it.
    expect(cellOf({ count: 8, suppressed: false, suppressedBelow: 5 })).toEqual({ value: 8, suppressed: false, below: null });
  });

  it('reads « < 5 » only where the API says it is below 5, else « masqué »; a zero reads 0', () => {
    // The demo's 8 men, hidden with the one person whose gender is not recorded: not « < 5 ».
    expect(formatCell(cellOf({ count: null, suppressed: true, suppressedBelow: null }), 'fr-CA', marks)).toBe('masqué');
    expect(formatCell(cellOf({ count: null, suppressed: true, suppressedBelow: 5 }), 'fr-CA', marks)).toBe('< 5');
    expect(formatCell(cellOf({ count: null, suppressed: true }), 'fr-CA', marks)).toBe('masqué');
    expect(formatCell(cellOf({ count: null, suppressed: true, suppressedBelow: 10 }), 'fr-CA', marks)).toBe('< 10');
    expect(formatCell(exactCell(0), 'fr-CA', marks)).toBe('0');
    expect(spaces(formatCell(exactCell(1234), 'fr-CA', marks))).toBe('1 234');
  });

  it('says « < 5 » for a hidden people reached and a hidden side of the comparison', () => {
    expect(smallCountCell(null, true, 5)).toEqual({ value: null, suppressed: true, below: 5 });
    expect(smallCountCell(undefined, false, 5)).toEqual({ value: null, suppressed: true, below: 5 });
    expect(smallCountCell(18, false, 5)).toEqual({ value: 18, suppressed: false, below: null });
    expect(smallCountCell(0, false, 5)).toEqual({ value: 0, suppressed: false, below: null });
  });

  it('in the network report, says « < 5 » only over a single cohort', () => {
    // A region of one cohort: its figure is the cohort's, hidden only when small.
    expect(networkPeopleCell({ cohortCount: 1, participantsReached: null, participantsReachedSuppressed: true }, 5)).toEqual({ value: null, suppressed: true, below: 5 });
    // Cohorts of 12 and 3: the region's 15 is hidden too; the network's total whenever a region's is.
    expect(networkPeopleCell({ cohortCount: 2, participantsReached: null, participantsReachedSuppressed: true }, 5)).toEqual({ value: null, suppressed: true, below: null });
    expect(networkPeopleCell({ cohortCount: 2, participantsReached: 20, participantsReachedSuppressed: false }, 5)).toEqual(exactCell(20));
  });

  it('tells which kinds of hidden cells a chart holds (one footnote each)', () => {
    expect(hiddenKinds([exactCell(3), exactCell(0)])).toEqual({ below: false, withheld: false });
    expect(hiddenKinds([exactCell(9), cellOf({ count: null, suppressed: true, suppressedBelow: 5 })])).toEqual({ below: true, withheld: false });
    expect(hiddenKinds([cellOf({ count: null, suppressed: true }), cellOf({ count: null, suppressed: true })])).toEqual({ below: false, withheld: true });
    expect(hiddenMark(cellOf({ count: null, suppressed: true, suppressedBelow: 5 }), marks)).toBe('< 5');
  });

  it('is left out of the scale and of sums, not taken as 0', () => {
    const cells = [cellOf({ count: 12, suppressed: false }), cellOf({ count: null, suppressed: true }), cellOf({ count: 0, suppressed: false })];
    expect(publishedValues(cells)).toEqual([12, 0]);
    expect(cells.map(isHidden)).toEqual([false, true, false]);
    expect(scaleFor(cells)).toEqual({ top: 15, ticks: [0, 5, 10, 15] });
    expect(scaleFor([cellOf({ count: 3 })]).ticks).toEqual([0, 2, 4]);
    expect(scaleFor([cellOf({ count: 97 })]).ticks).toEqual([0, 25, 50, 75, 100]);
    // Only hidden cells: a scale of 1, not a division by zero.
    expect(scaleFor([cellOf({ count: null, suppressed: true })])).toEqual({ top: 1, ticks: [0, 1] });
  });
});

describe('the scale of a bar chart', () => {
  it('tops out at a round number', () => {
    expect([0, 1, 3, 7, 10, 13, 18, 26, 45, 97, 101, 2400].map(niceMax)).toEqual([1, 1, 5, 10, 10, 20, 20, 50, 50, 100, 200, 2500]);
  });

  it('has whole-number gridlines from 0 to the top', () => {
    expect(ticks(20)).toEqual([0, 5, 10, 15, 20]);
    expect(ticks(50)).toEqual([0, 20, 40]);
    expect(ticks(5)).toEqual([0, 2, 4]);
    expect(ticks(1)).toEqual([0, 1]);
    expect(ticks(10)).toEqual([0, 5, 10]);
    expect(ticks(100)).toEqual([0, 25, 50, 75, 100]);
  });

  it('draws bars in proportion, never below a visible minimum, never past the track', () => {
    expect(barLength(10, 20, 400)).toBe(200);
    expect(barLength(20, 20, 400)).toBe(400);
    expect(barLength(1, 1000, 400)).toBe(2);
    expect(barLength(0, 20, 400)).toBe(0);
    expect(barLength(30, 20, 400)).toBe(400);
    expect(barLength(5, 0, 400)).toBe(0);
  });
});

describe('labels in SVG', () => {
  it('wrap at spaces within the width', () => {
    expect(wrapLabel('Communauté de pratique des agentes et agents SISMIC', 20)).toEqual(['Communauté de', 'pratique des agentes', 'et agents SISMIC']);
    expect(wrapLabel('Révélation', 20)).toEqual(['Révélation']);
  });
  it('cut a word longer than a line, and end with « … » past the last line', () => {
    expect(wrapLabel('Abcdefghijklmnop', 6)).toEqual(['Abcdef', 'ghijkl', 'mnop']);
    expect(wrapLabel('un deux trois quatre cinq six sept', 6, 2)).toEqual(['un', 'deux…']);
  });
});

describe('numbers through Intl', () => {
  it('write rates in French and English', () => {
    expect(spaces(formatRate(2 / 3, 'fr-CA'))).toBe('67 %');
    expect(formatRate(2 / 3, 'en')).toBe('67%');
    expect(spaces(formatRate(0.05, 'fr-CA'))).toBe('5 %');
    expect(spaces(formatRate(0, 'fr-CA'))).toBe('0 %');
    expect(spaces(formatRate(1, 'fr-CA'))).toBe('100 %');
  });
  it('write a change with its sign: « +20 % », « −12,5 % »', () => {
    expect(spaces(formatPercentChange(20, 'fr-CA'))).toBe('+20 %');
    expect(spaces(formatPercentChange(-12.5, 'fr-CA'))).toBe('-12,5 %');
    expect(formatPercentChange(17, 'en')).toBe('+17%');
    expect(spaces(formatNumber(56.5, 'fr-CA'))).toBe('56,5');
  });
  it('say up, down or the same', () => {
    expect([3, -2, 0].map(direction)).toEqual(['up', 'down', 'same']);
  });
});

describe('programme years', () => {
  it('run from April 1 to March 31', () => {
    expect(programYearOf('2020-04-01')).toBe(2020);
    expect(programYearOf('2021-03-31')).toBe(2020);
    expect(programYearOf('2021-01-15')).toBe(2020);
    expect(programYearLabel(2020)).toBe('2020-2021');
  });
});

describe('downloads', () => {
  it('take the server’s file name, never a path', () => {
    expect(fileNameOf('attachment; filename="rapport-cohorte-2020-2021.csv"')).toBe('rapport-cohorte-2020-2021.csv');
    expect(fileNameOf("attachment; filename*=UTF-8''rapport%20%C3%A9t%C3%A9.xlsx")).toBe('rapport été.xlsx');
    expect(fileNameOf('attachment; filename="../../etc/passwd"')).toBeNull();
    expect(fileNameOf(null)).toBeNull();
  });
  it('ask for the CSV in the viewer’s language, with the id escaped', () => {
    const csv = COHORT_DOWNLOADS.find((d) => d.key === 'csv')!;
    expect(csv.path('Q29ob3J0OmFi/c=', 'fr-CA')).toBe('/reports/cohorts/Q29ob3J0OmFi%2Fc%3D.csv?lang=fr');
    expect(csv.path('abc', 'en')).toBe('/reports/cohorts/abc.csv?lang=en');
  });

  it('offers the workbook and the French-Excel CSV, each one line', () => {
    expect(COHORT_DOWNLOADS.map((d) => d.key)).toEqual(['xlsx', 'csv-excel-fr', 'csv', 'json']);
    const byKey = Object.fromEntries(COHORT_DOWNLOADS.map((d) => [d.key, d]));
    expect(byKey.xlsx!.path('abc', 'fr-CA')).toBe('/reports/cohorts/abc.xlsx?lang=fr');
    expect(byKey.xlsx!.path('abc', 'en')).toBe('/reports/cohorts/abc.xlsx?lang=en');
    expect(byKey['csv-excel-fr']!.path('a/b', 'fr-CA')).toBe('/reports/cohorts/a%2Fb.csv?dialect=excel-fr&lang=fr');
    expect(new Set(COHORT_DOWNLOADS.map((d) => d.label)).size).toBe(COHORT_DOWNLOADS.length);
  });
});
