import { useEffect, useState } from 'react';

/**
 * The current instant, refreshed every minute: a request turns overdue when its due date ends,
 * even if nothing else on the screen changes at that moment.
 */
export function useNow(intervalMs = 60_000): string {
  const [now, setNow] = useState(() => new Date().toISOString());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date().toISOString()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}
