import { describe, expect, it } from 'vitest';
import { matches, readFilters, writeFilters } from './filters';

describe('the partner filters in the address', () => {
  it('round-trip through the query string', () => {
    const f = { cohort: 'Q29ob3J0OjE', stage: 'IDEATION' as const, status: 'ACTIVE' as const };
    expect(writeFilters(f)).toBe('?cohorte=Q29ob3J0OjE&etape=IDEATION&statut=ACTIVE');
    expect(readFilters(writeFilters(f))).toEqual(f);
    expect(writeFilters({ cohort: '', stage: '', status: '' })).toBe('');
  });
  it('ignore what they do not know', () => {
    expect(readFilters('?etape=<script>&statut=DONE&autre=1')).toEqual({ cohort: '', stage: '', status: '' });
  });
  it('keep the projects that pass every filter', () => {
    const p = { cohort: { id: 'C1' }, stage: 'IDEATION' as const, status: 'ACTIVE' as const };
    expect(matches(p, { cohort: '', stage: '', status: '' })).toBe(true);
    expect(matches(p, { cohort: 'C1', stage: 'IDEATION', status: 'ACTIVE' })).toBe(true);
    expect(matches(p, { cohort: 'C2', stage: '', status: '' })).toBe(false);
    expect(matches(p, { cohort: '', stage: 'REVELATION', status: '' })).toBe(false);
    expect(matches(p, { cohort: '', stage: '', status: 'LAUNCHED' })).toBe(false);
  });
});
