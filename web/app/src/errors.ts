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
