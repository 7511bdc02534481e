import { useEffect, useState } from 'react';

/** Rows in the first render, and added per frame after it. */
const FIRST = 40;
const STEP = 40;

/**
 * How many of `total` rows to draw now: FIRST at once, then STEP more each frame until all are
 * there. For tables every row of which must stay in the page (found by the browser's search,
 * reachable by keyboard and by tests), but whose layout as one piece was the long task: 200
 * controls on Scope are ~4,000 nodes, 150-240 ms of style and layout in one task (issue #12).
 * Drawn this way, the first rows paint at once and the rest follow a frame at a time.
 */
export function useGrowingCount(total: number): number {
  const [count, setCount] = useState(() => Math.min(total, FIRST));
  useEffect(() => {
    if (count >= total) return undefined;
    const frame = requestAnimationFrame(() => setCount((c) => Math.min(total, c + STEP)));
    return () => cancelAnimationFrame(frame);
  }, [count, total]);
  return Math.min(count, total);
}
