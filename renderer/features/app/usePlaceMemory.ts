import { useEffect, useState } from 'react';
import { lastPlace, rememberPlace } from '../../db/lastPlace';
import { auditRoute, navigate, type Route } from './useHashRoute';

/** The address the window opens with: no screen named yet. */
function isStartAddress(hash: string): boolean {
  return hash === '' || hash === '#' || hash === '#/';
}

/**
 * The app starts where the user left it (issue #16): the last audit and control open. Returns
 * false until that is settled, so the audit list does not flash first. A window that opens on
 * a named screen (a reload) stays there.
 */
export function usePlaceMemory(route: Route): boolean {
  const [startsSomewhere] = useState(() => !isStartAddress(window.location.hash));
  const [settled, setSettled] = useState(startsSomewhere);

  useEffect(() => {
    if (startsSomewhere) return;
    let cancelled = false;
    lastPlace()
      .then((place) => {
        if (cancelled || !place || !isStartAddress(window.location.hash)) return;
        navigate(auditRoute(place.auditId, 'fieldwork', { controlId: place.controlId }));
      })
      .catch(() => {})
      .finally(() => {
        if (!cancelled) setSettled(true);
      });
    return () => {
      cancelled = true;
    };
  }, [startsSomewhere]);

  const auditId = route.screen === 'audit' ? route.auditId : null;
  const controlId = route.screen === 'audit' && route.view === 'controls' && !route.tool ? route.controlId : null;
  useEffect(() => {
    // Only once the start is settled: the first route is the audit list, which is not a place.
    if (!settled || auditId === null) return;
    void rememberPlace(auditId, controlId).catch(() => {});
  }, [settled, auditId, controlId]);

  return settled;
}
