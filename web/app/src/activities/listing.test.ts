import { describe, expect, it } from 'vitest';
import { currentCohort, defaultDate, newestFirst } from './listing';

describe('the activities list', () => {
  it('puts the newest first, the last created first on the same day', () => {
    const list = [
      { id: 'a', heldOn: '2020-10-08' },
      { id: 'b', heldOn: '2021-02-01' },
      { id: 'c', heldOn: '2020-10-08' },
      { id: 'd', heldOn: '2020-05-01' },
    ];
    expect(newestFirst(list).map((x) => x.id)).toEqual(['b', 'c', 'a', 'd']);
    expect(list.map((x) => x.id)).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('a new activity', () => {
  const y2020 = { id: '2020', startsOn: '2020-04-01', endsOn: '2021-03-31' };
  const y2021 = { id: '2021', startsOn: '2021-04-01', endsOn: '2022-03-31' };
  it('goes to the cohort under way, else the latest to start', () => {
    expect(currentCohort([y2020, y2021], '2020-11-15')?.id).toBe('2020');
    expect(currentCohort([y2020, y2021], '2023-01-01')?.id).toBe('2021');
    expect(currentCohort([y2021, y2020], '2019-01-01')?.id).toBe('2021');
    expect(currentCohort([], '2021-01-01')).toBeNull();
  });
  it('is dated today, within the cohort’s dates', () => {
    expect(defaultDate(y2020, '2020-11-15')).toBe('2020-11-15');
    expect(defaultDate(y2020, '2024-05-02')).toBe('2021-03-31');
    expect(defaultDate(y2021, '2020-05-02')).toBe('2021-04-01');
    expect(defaultDate(null, '2020-05-02')).toBe('2020-05-02');
  });
});
