// What the participant forms know without a server: the fields as typed, their validation (the
// API's own rules, so that a mistake is shown next to its field before anything is sent), and
// the inputs of registerParticipant, updateParticipant, recordConsent and likelyDuplicates.
import type { ConsentPurpose, Gender, RegisterParticipantInput, UpdateParticipantInput } from '../gql/graphql';

export const GENDERS: Gender[] = ['WOMAN', 'MAN', 'NON_BINARY', 'UNDISCLOSED'];
export const PURPOSES: ConsentPurpose[] = ['PROGRAM_DELIVERY', 'REPORTING', 'COMMUNICATIONS', 'PHOTOS'];

/** The API's limits (crates/domain/src/validation.rs). */
export const MAX_PERSON_NAME = 100;
export const MAX_MRC = 100;
export const MIN_BIRTH_YEAR = 1900;

/** A person's identity as typed in the form: every value a string, as inputs hold them. */
export interface IdentityFields {
  firstName: string;
  lastName: string;
  email: string;
  /** "" when not given. */
  birthYear: string;
  /** "" when not given. */
  gender: Gender | '';
  mrc: string;
}

/** A consent as typed: its date ("YYYY-MM-DD") and the purposes ticked. */
export interface ConsentFields {
  givenOn: string;
  purposes: ConsentPurpose[];
}

export const emptyIdentity = (): IdentityFields => ({ firstName: '', lastName: '', email: '', birthYear: '', gender: '', mrc: '' });

/** What is wrong with a field, as the key of its message (participants.invalid.*). */
export type Problem =
  | 'participants.invalid.required'
  | 'participants.invalid.tooLong'
  | 'participants.invalid.email'
  | 'participants.invalid.birthYear'
  | 'participants.invalid.date'
  | 'participants.invalid.future'
  | 'participants.invalid.purposes'
  | 'participants.invalid.region';

export type Problems<K extends string> = Partial<Record<K, Problem>>;

const length = (s: string) => [...s].length;

/** The same test as the API's: no space, one @ with something on both sides, 254 characters at most. */
export function isEmail(value: string): boolean {
  const v = value.trim().toLowerCase();
  if (v.length > 254 || /\s/.test(v)) return false;
  const at = v.indexOf('@');
  return at > 0 && at < v.length - 1 && v.indexOf('@', at + 1) === -1;
}

/** Problems of an identity (empty when it can be sent). */
export function validateIdentity(f: IdentityFields, currentYear: number): Problems<keyof IdentityFields> {
  const problems: Problems<keyof IdentityFields> = {};
  for (const key of ['firstName', 'lastName'] as const) {
    const v = f[key].trim();
    if (!v) problems[key] = 'participants.invalid.required';
    else if (length(v) > MAX_PERSON_NAME) problems[key] = 'participants.invalid.tooLong';
  }
  if (f.email.trim() && !isEmail(f.email)) problems.email = 'participants.invalid.email';
  if (f.birthYear.trim()) {
    const year = Number(f.birthYear.trim());
    if (!Number.isInteger(year) || year < MIN_BIRTH_YEAR || year > currentYear) problems.birthYear = 'participants.invalid.birthYear';
  }
  if (length(f.mrc.trim()) > MAX_MRC) problems.mrc = 'participants.invalid.tooLong';
  return problems;
}

/** Problems of a consent: a real date, not after today, and at least one purpose. */
export function validateConsent(c: ConsentFields, today: string): Problems<keyof ConsentFields> {
  const problems: Problems<keyof ConsentFields> = {};
  if (!isDate(c.givenOn)) problems.givenOn = 'participants.invalid.date';
  else if (c.givenOn > today) problems.givenOn = 'participants.invalid.future';
  if (c.purposes.length === 0) problems.purposes = 'participants.invalid.purposes';
  return problems;
}

/** A calendar date "YYYY-MM-DD" that exists (no 31 February). */
export function isDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const text = (s: string) => (s.trim() ? s.trim() : null);
const year = (s: string) => (s.trim() ? Number(s.trim()) : null);

/** The registration's input (names trimmed, empty optional fields left out as null). */
export function registerInput(f: IdentityFields, key: string, regionId: string | null): RegisterParticipantInput {
  return {
    ...(regionId ? { regionId } : {}),
    firstName: f.firstName.trim(),
    lastName: f.lastName.trim(),
    email: text(f.email),
    birthYear: year(f.birthYear),
    gender: f.gender || null,
    mrc: text(f.mrc),
    idempotencyKey: key,
  };
}

/** The correction's input: every field, an emptied one as null (which clears it). */
export function updateInput(participantId: string, f: IdentityFields): UpdateParticipantInput {
  return {
    participantId,
    firstName: f.firstName.trim(),
    lastName: f.lastName.trim(),
    email: text(f.email),
    birthYear: year(f.birthYear),
    gender: f.gender || null,
    mrc: text(f.mrc),
  };
}

/** The fields of a recorded participant, as the edit form starts from them. */
export function identityOf(p: { firstName: string; lastName: string; email?: string | null; birthYear?: number | null; gender?: Gender | null; mrc?: string | null }): IdentityFields {
  return { firstName: p.firstName, lastName: p.lastName, email: p.email ?? '', birthYear: p.birthYear == null ? '' : String(p.birthYear), gender: p.gender ?? '', mrc: p.mrc ?? '' };
}

export interface DuplicateQuestion {
  regionId: string;
  firstName: string;
  lastName: string;
  email: string | null;
  birthYear: number | null;
}

/**
 * What to ask likelyDuplicates about the person being typed, or null while there is nothing to
 * compare yet (both names, or a valid email, are needed; a half-typed year is left out).
 */
export function duplicateQuestion(f: IdentityFields, regionId: string | null, currentYear: number): DuplicateQuestion | null {
  if (!regionId) return null;
  const problems = validateIdentity(f, currentYear);
  const email = f.email.trim() && !problems.email ? f.email.trim().toLowerCase() : null;
  const names = f.firstName.trim() !== '' && f.lastName.trim() !== '' && !problems.firstName && !problems.lastName;
  if (!names && !email) return null;
  return {
    regionId,
    firstName: f.firstName.trim().slice(0, 200),
    lastName: f.lastName.trim().slice(0, 200),
    email,
    birthYear: f.birthYear.trim() && !problems.birthYear ? Number(f.birthYear.trim()) : null,
  };
}

/** Whether two questions ask the same thing (the answer to one is the answer to the other). */
export function sameQuestion(a: DuplicateQuestion | null, b: DuplicateQuestion | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The export's file name: the person's id, never their name (it lands in a downloads folder). */
export function exportFileName(participantId: string, today: string): string {
  return `sismic-participant-${participantId.replace(/[^A-Za-z0-9_-]/g, '')}-${today}.json`;
}

/** The purposes in a stable order (as PURPOSES lists them), each once. */
export function togglePurpose(purposes: ConsentPurpose[], purpose: ConsentPurpose, on: boolean): ConsentPurpose[] {
  const set = new Set(purposes);
  if (on) set.add(purpose);
  else set.delete(purpose);
  return PURPOSES.filter((p) => set.has(p));
}
