import { useEffect, useState } from 'react';

/**
 * The current instant, refreshed every minute, so a slot turns overdue while the matrix is
 * open rather than only on the next visit.
 */
export function useNow(intervalMs = 60_000): string {
  const [now, setNow] = useState(() => new Date().toISOString());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date().toISOString()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
