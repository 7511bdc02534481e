import type { EvidenceLockerApi } from '../shared/bridge/contract';
import type { BridgeErrorCode, Result } from '../shared/bridge/result';

declare global {
  interface Window {
    readonly evidenceLocker?: EvidenceLockerApi;
  }
}

export class BridgeCallError extends Error {
  constructor(
    readonly code: BridgeErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BridgeCallError';
  }
}

export function hasBridge(): boolean {
  return window.evidenceLocker !== undefined;
}

export function bridge(): EvidenceLockerApi {
  const api = window.evidenceLocker;
  if (!api) throw new Error('Evidence Locker must run inside its desktop app: the bridge to the system is missing.');
  return api;
}

/** Turns a bridge result into a value, or an error that carries main's code and message. */
export async function unwrap<T>(pending: Promise<Result<T>>): Promise<T> {
  const result = await pending;
  if (!result.ok) throw new BridgeCallError(result.error.code, result.error.message);
  return result.value;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
