/**
 * The result every bridge call resolves to. Main never lets an exception cross `invoke`:
 * Electron flattens thrown errors into a string with a prefix, losing the code the UI needs.
 */
export const BRIDGE_ERROR_CODES = [
  'forbidden-sender',
  'invalid-payload',
  'unknown-channel',
  'not-found',
  'too-large',
  'cancelled',
  'capture-unavailable',
  'capture-failed',
  'capture-blank',
  'file-changed',
  'io-error',
  'internal',
] as const;
export type BridgeErrorCode = (typeof BRIDGE_ERROR_CODES)[number];

export interface BridgeError {
  readonly code: BridgeErrorCode;
  readonly message: string;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: BridgeError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: BridgeErrorCode, message: string): Result<T> {
  return { ok: false, error: { code, message } };
}
