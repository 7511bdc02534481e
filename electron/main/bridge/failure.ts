import type { BridgeErrorCode } from '../../../shared/bridge/result';

/** An expected failure a handler reports to the user; anything else is an internal error. */
export class BridgeFailure extends Error {
  constructor(
    readonly code: BridgeErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BridgeFailure';
  }
}

/** True for the errors a full disk or an exhausted quota raises, which each caller explains in its own words. */
export function isDiskFull(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}
