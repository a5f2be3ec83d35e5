import { describe, expect, it } from 'vitest';
import {
  duplicateQuestion,
  emptyIdentity,
  exportFileName,
  identityOf,
  isDate,
  isEmail,
  registerInput,
  sameQuestion,
  togglePurpose,
  updateInput,
  validateConsent,
  validateIdentity,
  type IdentityFields,
} from './form';

const leo = (over: Partial<IdentityFields> = {}): IdentityFields => ({ ...emptyIdentity(), firstName: 'Léo', lastName: 'Tremblay', ...over });

describe('the identity check', () => {
  it('accepts a name alone, and every optional field well typed', () => {
    expect(validateIdentity(leo(), 2024)).toEqual({});
    expect(validateIdentity(leo({ email: ' Leo@Exemple.ca ', birthYear: '2003', gender: 'MAN', mrc: 'Drummond' }), 2024)).toEqual({});
  });
  it('requires both names, not only spaces, and at most 100 characters', () => {
    expect(validateIdentity(leo({ firstName: '  ', lastName: '' }), 2024)).toEqual({ firstName: 'participants.invalid.required', lastName: 'participants.invalid.required' });
    expect(validateIdentity(leo({ lastName: 'x'.repeat(101) }), 2024)).toEqual({ lastName: 'participants.invalid.tooLong' });
    expect(validateIdentity(leo({ lastName: 'é'.repeat(100) }), 2024)).toEqual({});
  });
  it('tests an email as the API does', () => {
    for (const bad of ['leo', 'leo@', '@exemple.ca', 'le o@exemple.ca', 'a@b@c']) expect(isEmail(bad), bad).toBe(false);
    expect(isEmail('leo.tremblay@cegep.qc.ca')).toBe(true);
    expect(validateIdentity(leo({ email: 'leo@' }), 2024)).toEqual({ email: 'participants.invalid.email' });
  });
  it('takes a birth year from 1900 to this year, in figures', () => {
    for (const bad of ['1899', '2025', '20o3', '2003.5', 'abcd']) expect(validateIdentity(leo({ birthYear: bad }), 2024), bad).toEqual({ birthYear: 'participants.invalid.birthYear' });
    expect(validateIdentity(leo({ birthYear: ' 1900 ' }), 2024)).toEqual({});
    expect(validateIdentity(leo({ birthYear: '2024' }), 2024)).toEqual({});
  });
  it('limits the MRC to 100 characters', () => {
    expect(validateIdentity(leo({ mrc: 'm'.repeat(101) }), 2024)).toEqual({ mrc: 'participants.invalid.tooLong' });
  });
});

describe('the consent check', () => {
  it('needs a real date, not after today, and at least one purpose', () => {
    expect(validateConsent({ givenOn: '2024-03-31', purposes: ['PROGRAM_DELIVERY'] }, '2024-03-31')).toEqual({});
    expect(validateConsent({ givenOn: '2024-04-01', purposes: ['REPORTING'] }, '2024-03-31')).toEqual({ givenOn: 'participants.invalid.future' });
    expect(validateConsent({ givenOn: '', purposes: [] }, '2024-03-31')).toEqual({ givenOn: 'participants.invalid.date', purposes: 'participants.invalid.purposes' });
  });
  it('knows which dates exist', () => {
    expect(isDate('2024-02-29')).toBe(true);
    expect(isDate('2023-02-29')).toBe(false);
    expect(isDate('2024-13-01')).toBe(false);
    expect(isDate('31/03/2024')).toBe(false);
  });
  it('keeps the purposes ticked in a stable order, each once', () => {
    let p = togglePurpose([], 'PHOTOS', true);
    p = togglePurpose(p, 'PROGRAM_DELIVERY', true);
    p = togglePurpose(p, 'PROGRAM_DELIVERY', true);
    expect(p).toEqual(['PROGRAM_DELIVERY', 'PHOTOS']);
    expect(togglePurpose(p, 'PHOTOS', false)).toEqual(['PROGRAM_DELIVERY']);
  });
});

describe('the inputs sent to the API', () => {
  it('registers with trimmed names, empty optional fields as null, and the key', () => {
    expect(registerInput(leo({ firstName: ' Léo ', email: ' ', birthYear: '2003', mrc: ' Drummond ' }), 'key-1', null)).toEqual({
      firstName: 'Léo',
      lastName: 'Tremblay',
      email: null,
      birthYear: 2003,
      gender: null,
      mrc: 'Drummond',
      idempotencyKey: 'key-1',
    });
    expect(registerInput(leo(), 'k', 'UmVnaW9uOjE')).toMatchObject({ regionId: 'UmVnaW9uOjE' });
  });
  it('corrects with every field, an emptied one as null (which clears it)', () => {
    const before = identityOf({ firstName: 'Léo', lastName: 'Tremblay', email: 'leo@exemple.ca', birthYear: 2003, gender: 'MAN', mrc: null });
    expect(before).toEqual({ firstName: 'Léo', lastName: 'Tremblay', email: 'leo@exemple.ca', birthYear: '2003', gender: 'MAN', mrc: '' });
    expect(updateInput('p1', { ...before, email: '', gender: '' })).toEqual({ participantId: 'p1', firstName: 'Léo', lastName: 'Tremblay', email: null, birthYear: 2003, gender: null, mrc: null });
  });
});

describe('the question for likely duplicates', () => {
  it('waits for both names or a valid email, and a region', () => {
    expect(duplicateQuestion(leo({ lastName: '' }), 'r', 2024)).toBeNull();
    expect(duplicateQuestion(leo(), null, 2024)).toBeNull();
    expect(duplicateQuestion({ ...emptyIdentity(), email: 'Leo@Exemple.ca' }, 'r', 2024)).toEqual({ regionId: 'r', firstName: '', lastName: '', email: 'leo@exemple.ca', birthYear: null });
  });
  it('leaves out a half-typed year or email', () => {
    expect(duplicateQuestion(leo({ birthYear: '20', email: 'leo@' }), 'r', 2024)).toEqual({ regionId: 'r', firstName: 'Léo', lastName: 'Tremblay', email: null, birthYear: null });
    expect(duplicateQuestion(leo({ birthYear: '2003' }), 'r', 2024)?.birthYear).toBe(2003);
  });
  it('compares questions by what they ask', () => {
    expect(sameQuestion(duplicateQuestion(leo(), 'r', 2024), duplicateQuestion(leo({ firstName: ' Léo' }), 'r', 2024))).toBe(true);
    expect(sameQuestion(duplicateQuestion(leo(), 'r', 2024), duplicateQuestion(leo({ birthYear: '2003' }), 'r', 2024))).toBe(false);
  });
});

describe('the export file', () => {
  it('is named by id and date, never by name, and safe for any file system', () => {
    expect(exportFileName('UGFydGljaXBhbnQ6YWJj', '2024-03-31')).toBe('sismic-participant-UGFydGljaXBhbnQ6YWJj-2024-03-31.json');
    expect(exportFileName('a/b\\c:d', '2024-03-31')).toBe('sismic-participant-abcd-2024-03-31.json');
  });
});
