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
