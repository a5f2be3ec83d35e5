import type { IntlShape } from 'react-intl';
import type { MessageKey } from './i18n';
import { ApiError } from './api';

const KNOWN = new Set([
  'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT', 'CONFLICT', 'INVALID_TRANSITION',
  'RATE_LIMITED', 'UNAVAILABLE', 'NETWORK', 'INTERNAL',
]);

/** The message a person understands for a failure (the contract's code decides it). */
export function errorKey(error: unknown, context?: 'followUp'): MessageKey {
  const code = error instanceof ApiError && KNOWN.has(error.code) ? error.code : 'INTERNAL';
  if (code === 'CONFLICT' && context === 'followUp') return 'error.CONFLICT.followUp';
  return `error.${code}` as MessageKey;
}

export function codeOf(error: unknown): string {
  return error instanceof ApiError ? error.code : 'INTERNAL';
}

/**
 * The server's own words for refused input (« Détail technique : … »), to show after the
 * message; null for any other failure, whose message says all a person needs.
 */
export function errorDetail(intl: IntlShape, error: unknown): string | null {
  return error instanceof ApiError && error.code === 'BAD_USER_INPUT' ? intl.formatMessage({ id: 'error.detail' }, { detail: error.message }) : null;
}

/** The message for a failure, followed by the server's detail when the input was refused. */
export function errorText(intl: IntlShape, error: unknown, key: MessageKey = errorKey(error)): string {
  const detail = errorDetail(intl, error);
  return detail ? `${intl.formatMessage({ id: key })} ${detail}` : intl.formatMessage({ id: key });
}
