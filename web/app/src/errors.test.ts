import { describe, expect, it } from 'vitest';
import { ApiError } from './api';
import { errorKey } from './errors';
import { catalogs } from './i18n';

const CODES = ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT', 'CONFLICT', 'INVALID_TRANSITION', 'RATE_LIMITED', 'UNAVAILABLE', 'INTERNAL', 'NETWORK'];

describe('error messages', () => {
  it('map every contract code to a message in both languages', () => {
    for (const code of CODES) {
      const key = errorKey(new ApiError(code, 'server text'));
      expect(catalogs['fr-CA'][key], code).toBeTruthy();
      expect(catalogs.en[key], code).toBeTruthy();
    }
  });
  it('say what a CONFLICT means, for a project and for a follow-up', () => {
    expect(catalogs['fr-CA'][errorKey(new ApiError('CONFLICT', ''))]).toBe('Ce projet a changé pendant que vous le modifiiez ; voici sa version actuelle.');
    expect(errorKey(new ApiError('CONFLICT', ''), 'followUp')).toBe('error.CONFLICT.followUp');
  });
  it('never show an unknown code or a thrown value as is', () => {
    expect(errorKey(new ApiError('SOMETHING_NEW', 'x'))).toBe('error.INTERNAL');
    expect(errorKey(new TypeError('boom'))).toBe('error.INTERNAL');
  });
});
