// The attendance checklist's logic, without React: who is listed, what the search keeps, what
// « Tout sélectionner » and « Tout désélectionner » do, and what the one save request sends.

/** One person of the checklist. */
export interface Person {
  id: string;
  firstName: string;
  lastName: string;
  /** Already recorded as present (the API cannot take a presence back: such a row stays checked). */
  recorded: boolean;
  /** Their identity was erased (Law 25): listed only if they were recorded, never printed. */
  anonymized: boolean;
}

/** Text for an accent- and case-insensitive match (« Émile » is found by « EMILE », « emile »). */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('fr-CA');
}

const collator = new Intl.Collator('fr-CA', { sensitivity: 'base', ignorePunctuation: true });

/** Alphabetical order of a sheet: last name, then first name, as French sorts them. */
export function byName(a: Pick<Person, 'firstName' | 'lastName'>, b: Pick<Person, 'firstName' | 'lastName'>): number {
  return collator.compare(a.lastName, b.lastName) || collator.compare(a.firstName, b.firstName);
}

/**
 * The checklist's rows: the region's participants (erased ones left out) and everyone already
 * recorded (even erased, so the count adds up), each once, by name.
 */
export function checklistRows(
  participants: Omit<Person, 'recorded'>[],
  attendees: Omit<Person, 'recorded'>[],
): Person[] {
  const recorded = new Set(attendees.map((a) => a.id));
  const rows = new Map<string, Person>();
  for (const p of participants) if (!p.anonymized || recorded.has(p.id)) rows.set(p.id, { ...p, recorded: recorded.has(p.id) });
  for (const a of attendees) if (!rows.has(a.id)) rows.set(a.id, { ...a, recorded: true });
  return [...rows.values()].sort(byName);
}

/**
 * The rows the search keeps: every word typed appears in the first or last name, accents and
 * case aside (« lea g », « GAGNON », « EA » all find « Léa Gagnon »). An empty search keeps every
 * row. Erased people match nothing but an empty search.
 */
export function filterRows(rows: Person[], query: string): Person[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return rows;
  return rows.filter((r) => {
    if (r.anonymized) return false;
    const name = fold(`${r.firstName} ${r.lastName}`);
    return words.every((w) => name.includes(w));
  });
}

/** « Tout sélectionner »: adds the shown rows not yet recorded; rows the search hides are left as they were. */
export function selectAll(selected: ReadonlySet<string>, shown: Person[]): Set<string> {
  const next = new Set(selected);
  for (const r of shown) if (!r.recorded) next.add(r.id);
  return next;
}

/** « Tout désélectionner »: removes the shown rows only; rows the search hides stay selected. */
export function deselectAll(selected: ReadonlySet<string>, shown: Person[]): Set<string> {
  const next = new Set(selected);
  for (const r of shown) next.delete(r.id);
  return next;
}

/** Checks or unchecks one row (a recorded row cannot be unchecked: nothing changes). */
export function toggle(selected: ReadonlySet<string>, row: Person, on: boolean): Set<string> {
  const next = new Set(selected);
  if (on && !row.recorded) next.add(row.id);
  else next.delete(row.id);
  return next;
}

/**
 * What the save sends, in the order of the list: the selected people not recorded yet, and only
 * those still on the list (someone erased or gone meanwhile is dropped).
 */
export function toRecord(rows: Person[], selected: ReadonlySet<string>): string[] {
  return rows.filter((r) => !r.recorded && selected.has(r.id)).map((r) => r.id);
}

/** The most people one `recordAttendance` takes (RecordAttendanceInput.participantIds). */
export const MAX_PER_SAVE = 500;

/** The printed sheet's rows: everyone on the list, or only those recorded; never an erased person. */
export function sheetRows(rows: Person[], which: 'all' | 'recorded'): Person[] {
  return rows.filter((r) => !r.anonymized && (which === 'all' || r.recorded));
}
