import type { Channel } from '../../../shared/bridge/contract';
import type { BridgeErrorCode } from '../../../shared/bridge/result';

/** An expected failure a handler reports to the user; anything else is an internal error. */
export class BridgeFailure extends Error {
  constructor(
    readonly code: BridgeErrorCode,
    message: string,
    options?: { readonly cause?: unknown },
  ) {
    super(message, options);
    this.name = 'BridgeFailure';
  }
}

/**
 * True for the errors a full disk or an exhausted quota raises, which each caller explains in
 * its own words; also for a failure that already explained one (its cause).
 */
export function isDiskFull(error: unknown): boolean {
  for (let e = error, depth = 0; e !== null && typeof e === 'object' && depth < 8; e = (e as { cause?: unknown }).cause, depth += 1) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC' || code === 'EDQUOT') return true;
  }
  return false;
}

/**
 * What each call was doing, for a failure the handler did not explain itself: "The disk is
 * full, so <this>." A channel missing here still gets a message naming its cause.
 */
const OUTCOME: Partial<Record<Channel, string>> = {
  'capture:screen': 'the screen could not be captured',
  'capture:save': 'the capture could not be saved',
  'capture:open-image': 'the pasted image could not be opened',
  'files:import': 'the files could not be stored',
  'files:upload-begin': 'the file could not be stored',
  'files:upload-chunk': 'the file could not be stored',
  'files:upload-finish': 'the file could not be stored',
  'evidence:read': 'the stored file could not be read',
  'evidence:verify': 'the stored files could not be checked',
  'evidence:purge': 'the unused evidence files could not all be removed',
  'keycard:save': 'the key card could not be saved',
  'bundle:export': 'the bundle could not be written',
  'bundle:inspect': 'the bundle could not be checked',
  'bundle:import-files': 'the bundle could not be imported',
  'bundle:import-settle': 'the import could not be finished',
  'sample:open': 'the sample audit could not be prepared',
  'bundle:stage': 'the bundle could not be prepared',
};

/**
 * A failure whose cause is known, in words (issue #14: an error never surfaces as `internal`
 * when its cause is known); null when it is not. Full disks and exhausted quotas read "the
 * disk is full" whatever the call.
 */
export function describeKnownError(error: unknown, channel: Channel): BridgeFailure | null {
  const outcome = OUTCOME[channel] ?? `${channel} could not finish`;
  const errno = error as NodeJS.ErrnoException | null;
  const where = typeof errno?.path === 'string' ? ` (${errno.path})` : '';
  if (isDiskFull(error)) return new BridgeFailure('io-error', `The disk is full, so ${outcome}. Free some space and try again.`, { cause: error });
  switch (errno?.code) {
    case 'EROFS':
      return new BridgeFailure('io-error', `The disk is read-only, so ${outcome}${where}.`);
    case 'EACCES':
    case 'EPERM':
      return new BridgeFailure('io-error', `Permission was denied, so ${outcome}${where}.`);
    case 'EMFILE':
    case 'ENFILE':
      return new BridgeFailure('io-error', `Too many files are open at once, so ${outcome}. Try again in a moment.`);
    case 'EIO':
      return new BridgeFailure('io-error', `The disk reported a read or write error, so ${outcome}${where}.`);
    case 'ENOENT':
      return new BridgeFailure('not-found', `A file it needed is missing, so ${outcome}${where}.`);
    default:
      return null;
  }
}
