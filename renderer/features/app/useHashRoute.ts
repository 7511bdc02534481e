import { useEffect, useState } from 'react';

/** Screens are hash routes, so a reload or restart returns to the same screen without navigation. */
export type Route =
  | { readonly screen: 'audits' }
  | { readonly screen: 'new-audit' }
  | { readonly screen: 'audit'; readonly auditId: string; readonly controlId: string | null };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'new') return { screen: 'new-audit' };
  if (parts[0] === 'audits' && parts[1]) {
    return { screen: 'audit', auditId: parts[1], controlId: parts[2] === 'controls' && parts[3] ? parts[3] : null };
  }
  return { screen: 'audits' };
}

export function hrefFor(route: Route): string {
  switch (route.screen) {
    case 'audits':
      return '#/';
    case 'new-audit':
      return '#/new';
    case 'audit':
      return route.controlId
        ? `#/audits/${encodeURIComponent(route.auditId)}/controls/${encodeURIComponent(route.controlId)}`
        : `#/audits/${encodeURIComponent(route.auditId)}`;
  }
}

export function navigate(route: Route): void {
  window.location.hash = hrefFor(route);
}

export function useHashRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const update = (): void => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
