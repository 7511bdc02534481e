/**
 * This thread's time between two pauses. Slices counted in items (250 sign-offs, 1,000 rows)
 * still made tasks of 200-300 ms on a busy two-core machine at 10,000 items (issue #12: no task
 * over 50 ms), so slices end by the clock.
 */
const SLICE_MS = 8;
/** Items done between two looks at the clock. */
const CLOCK_EVERY = 16;

/**
 * Runs `each` over `list`, awaiting `pause` (the window's turn) once SLICE_MS have passed;
 * `onSlice` hears how many are done at each pause and at the end. The one time-sliced loop of
 * the integrity check and of the review's warm-up.
 */
export async function inSlices<T>(list: readonly T[], pause: () => Promise<void>, each: (value: T) => void, onSlice: (done: number) => void = () => {}): Promise<void> {
  let started = performance.now();
  for (let i = 0; i < list.length; i += 1) {
    each(list[i] as T);
    if ((i + 1) % CLOCK_EVERY === 0 && performance.now() - started >= SLICE_MS && i + 1 < list.length) {
      onSlice(i + 1);
      await pause();
      started = performance.now();
    }
  }
  onSlice(list.length);
}
