/** Least time between two progress events of one long operation. */
export const PROGRESS_INTERVAL_MS = 100;

/**
 * Progress for the window at most every `intervalMs`, and always the first and the last step.
 * A 320 MiB file read in 64 KiB chunks is 5,000 steps: an event per step was 5,000 messages
 * and renders for a bar that moves by a pixel, and under load the window fell a minute behind.
 */
export function throttled<T>(emit: (value: T) => void, isLast: (value: T) => boolean, intervalMs = PROGRESS_INTERVAL_MS, now: () => number = () => performance.now()): (value: T) => void {
  let last = Number.NEGATIVE_INFINITY;
  return (value) => {
    const at = now();
    if (!isLast(value) && at - last < intervalMs) return;
    last = at;
    emit(value);
  };
}
