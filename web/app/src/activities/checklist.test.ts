import { describe, expect, it } from 'vitest';
import { byName, checklistRows, deselectAll, filterRows, fold, selectAll, sheetRows, toggle, toRecord, type Person } from './checklist';

const person = (id: string, firstName: string, lastName: string, extra: Partial<Person> = {}): Omit<Person, 'recorded'> => ({
  id,
  firstName,
  lastName,
  anonymized: false,
  ...extra,
});
const lea = person('lea', 'Léa', 'Gagnon');
const leo = person('leo', 'Léo', 'Roy');
const mathis = person('mathis', 'Mathis', 'Lévesque');
const zoe = person('zoe', 'Zoé', 'Côté');
const emile = person('emile', 'Émile', 'Bouchard');
const erased = person('erased', 'Anonyme', 'Anonyme', { anonymized: true });
const erasedPresent = person('erased2', 'Anonyme', 'Anonyme', { anonymized: true });

const rows = checklistRows([lea, leo, mathis, zoe, emile, erased, erasedPresent], [zoe, erasedPresent]);
const ids = (list: { id: string }[]) => list.map((r) => r.id);

describe('the checklist rows', () => {
  it('list the participants by last name (French order), then those already recorded', () => {
    // Anonyme (erased, but recorded), Bouchard, Côté, Gagnon, Lévesque, Roy: « Côté » before « Gagnon », accents aside.
    expect(ids(rows)).toEqual(['erased2', 'emile', 'zoe', 'lea', 'mathis', 'leo']);
    expect(rows.find((r) => r.id === 'zoe')?.recorded).toBe(true);
    expect(rows.find((r) => r.id === 'lea')?.recorded).toBe(false);
  });
  it('leave out erased people who were not recorded', () => {
    expect(ids(rows)).not.toContain('erased');
  });
  it('keep a recorded person the participant list no longer has', () => {
    const gone = person('gone', 'Noah', 'Tremblay');
    expect(checklistRows([lea], [gone]).map((r) => [r.id, r.recorded])).toEqual([
      ['lea', false],
      ['gone', true],
    ]);
  });
  it('sort by last name, then first name', () => {
    expect(byName({ firstName: 'Zoé', lastName: 'Roy' }, { firstName: 'Léo', lastName: 'Roy' })).toBeGreaterThan(0);
    expect(byName({ firstName: 'A', lastName: 'élan' }, { firstName: 'A', lastName: 'Fortin' })).toBeLessThan(0);
  });
});

describe('the checklist search', () => {
  it('ignores accents and case', () => {
    expect(fold('Émile CÔTÉ')).toBe('emile cote');
    expect(ids(filterRows(rows, 'EMILE'))).toEqual(['emile']);
    expect(ids(filterRows(rows, 'cote'))).toEqual(['zoe']);
    // « lé » is « le » once accents are set aside: Émile matches too.
    expect(ids(filterRows(rows, 'lé'))).toEqual(['emile', 'lea', 'mathis', 'leo']);
    expect(ids(filterRows(rows, 'LEV'))).toEqual(['mathis']);
  });
  it('needs every word, in the first or the last name', () => {
    expect(ids(filterRows(rows, 'lea gagnon'))).toEqual(['lea']);
    expect(ids(filterRows(rows, 'gagnon  LÉA '))).toEqual(['lea']);
    expect(ids(filterRows(rows, 'lea roy'))).toEqual([]);
  });
  it('keeps every row when empty, and never finds an erased person by name', () => {
    expect(filterRows(rows, '   ')).toBe(rows);
    expect(ids(filterRows(rows, 'anonyme'))).toEqual([]);
  });
});

describe('select all and deselect all', () => {
  it('select only the rows the search shows, and not the recorded ones', () => {
    const shown = filterRows(rows, 'A');
    expect(ids(shown)).toEqual(['emile', 'lea', 'mathis']);
    const selected = selectAll(new Set(), shown);
    expect([...selected].sort()).toEqual(['emile', 'lea', 'mathis']);
    // Léo (hidden by the search) is not selected; Zoé (recorded) never is.
    expect(selected.has('leo')).toBe(false);
    expect(selectAll(new Set(), rows).has('zoe')).toBe(false);
  });
  it('keep what the search hides when selecting or deselecting', () => {
    const before = new Set(['leo']);
    const shown = filterRows(rows, 'a');
    const all = selectAll(before, shown);
    expect([...all].sort()).toEqual(['emile', 'lea', 'leo', 'mathis']);
    const none = deselectAll(all, shown);
    expect([...none]).toEqual(['leo']);
  });
  it('do not change the set they are given', () => {
    const before = new Set(['lea']);
    selectAll(before, rows);
    deselectAll(before, rows);
    expect([...before]).toEqual(['lea']);
  });
  it('toggle one row, but never a recorded one on', () => {
    const zoeRow = rows.find((r) => r.id === 'zoe')!;
    const leaRow = rows.find((r) => r.id === 'lea')!;
    expect([...toggle(new Set(), zoeRow, true)]).toEqual([]);
    expect([...toggle(new Set(), leaRow, true)]).toEqual(['lea']);
    expect([...toggle(new Set(['lea']), leaRow, false)]).toEqual([]);
  });
});

describe('the save request', () => {
  it('sends the selected people not yet recorded, in list order, once each', () => {
    // Select the rows of « a », then uncheck Émile.
    const selected = toggle(selectAll(new Set(), filterRows(rows, 'a')), rows.find((r) => r.id === 'emile')!, false);
    expect(toRecord(rows, selected)).toEqual(['lea', 'mathis']);
    // A recorded person or someone no longer on the list is not sent.
    expect(toRecord(rows, new Set(['zoe', 'lea', 'nobody']))).toEqual(['lea']);
  });
});

describe('the printed sheet', () => {
  it('lists everyone or the recorded people, never an erased person', () => {
    expect(ids(sheetRows(rows, 'all'))).toEqual(['emile', 'zoe', 'lea', 'mathis', 'leo']);
    expect(ids(sheetRows(rows, 'recorded'))).toEqual(['zoe']);
  });
});
