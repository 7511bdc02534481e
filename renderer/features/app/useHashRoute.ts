import { useEffect, useState } from 'react';
import { AUDIT_STEPS, type AuditStep } from '../../../shared/domain/types';

/**
 * Screens are hash routes, so a reload or restart returns to the same screen and the window
 * never navigates (navigation is denied in main).
 *
 *   #/                                          audits
 *   #/new                                       new audit
 *   #/audits/:id/:step                          one of the six audit steps
 *   #/audits/:id/fieldwork/controls/:controlId[/:itemId]  a control's evidence, optionally brought to one item
 *   #/audits/:id/fieldwork/coverage             the coverage matrix
 *   #/audits/:id/fieldwork/requests             the auditor's request list
 *   #/audits/:id/fieldwork/review               the review queue
 *   #/audits/:id/fieldwork/evidence[/:controlId[/:slotId]]  the evidence list, optionally filtered
 *   #/audits/:id/trail | integrity | export      the audit trail; the integrity check; the bundle export
 *   #/settings                                  reviewer identity and signing key
 *   #/import[/choose]                           import or verify a bundle; /choose opens the file dialog at once (the menu)
 */
export const AUDIT_TOOLS = ['trail', 'integrity', 'export'] as const;
export type AuditTool = (typeof AUDIT_TOOLS)[number];
export const FIELDWORK_VIEWS = ['controls', 'coverage', 'requests', 'review', 'evidence'] as const;
export type FieldworkView = (typeof FIELDWORK_VIEWS)[number];

export type Route =
  | { readonly screen: 'audits' }
  /** `from`: the audit whose controls and request list the new one starts with (the next year). */
  | { readonly screen: 'new-audit'; readonly from?: string | null }
  | { readonly screen: 'settings' }
  | { readonly screen: 'import'; readonly choose?: boolean }
  | {
      readonly screen: 'audit';
      readonly auditId: string;
      readonly step: AuditStep;
      readonly view: FieldworkView;
      readonly controlId: string | null;
      readonly slotId: string | null;
      /** An evidence item to bring into view on its control's page (a link from another item). */
      readonly itemId: string | null;
      /** A tool screen shown instead of the step's content. */
      readonly tool: AuditTool | null;
    };

export const DEFAULT_STEP: AuditStep = 'fieldwork';

export function auditRoute(
  auditId: string,
  step: AuditStep = DEFAULT_STEP,
  extra: { view?: FieldworkView; controlId?: string | null; slotId?: string | null; itemId?: string | null; tool?: AuditTool | null } = {},
): Route {
  return {
    screen: 'audit',
    auditId,
    step,
    view: extra.view ?? 'controls',
    controlId: extra.controlId ?? null,
    slotId: extra.slotId ?? null,
    itemId: extra.itemId ?? null,
    tool: extra.tool ?? null,
  };
}

export function toolRoute(auditId: string, tool: AuditTool): Route {
  return auditRoute(auditId, DEFAULT_STEP, { tool });
}

function isStep(value: string | undefined): value is AuditStep {
  return value !== undefined && (AUDIT_STEPS as readonly string[]).includes(value);
}

function isView(value: string | undefined): value is FieldworkView {
  return value !== undefined && (FIELDWORK_VIEWS as readonly string[]).includes(value);
}

export function parseRoute(hash: string): Route {
  let parts: string[];
  try {
    parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return { screen: 'audits' };
  }
  if (parts[0] === 'new') return { screen: 'new-audit', from: parts[1] ?? null };
  if (parts[0] === 'settings') return { screen: 'settings' };
  if (parts[0] === 'import') return parts[1] === 'choose' ? { screen: 'import', choose: true } : { screen: 'import' };
  if (parts[0] !== 'audits' || !parts[1]) return { screen: 'audits' };
  const auditId = parts[1];
  // Before steps existed a control lived at #/audits/:id/controls/:cid.
  if (parts[2] === 'controls') return auditRoute(auditId, 'fieldwork', { controlId: parts[3] ?? null });
  if ((AUDIT_TOOLS as readonly string[]).includes(parts[2] ?? '')) return toolRoute(auditId, parts[2] as AuditTool);
  const step = isStep(parts[2]) ? parts[2] : DEFAULT_STEP;
  if (step !== 'fieldwork') return auditRoute(auditId, step);
  const view = isView(parts[3]) ? parts[3] : 'controls';
  const orNull = (part: string | undefined): string | null => (part === undefined || part === 'all' ? null : part);
  const controlId = orNull(parts[4]);
  return auditRoute(auditId, step, {
    view,
    controlId,
    slotId: view === 'evidence' ? orNull(parts[5]) : null,
    itemId: view === 'controls' && controlId !== null ? orNull(parts[5]) : null,
  });
}

export function hrefFor(route: Route): string {
  switch (route.screen) {
    case 'audits':
      return '#/';
    case 'new-audit':
      return route.from ? `#/new/${encodeURIComponent(route.from)}` : '#/new';
    case 'settings':
      return '#/settings';
    case 'import':
      return route.choose ? '#/import/choose' : '#/import';
    case 'audit': {
      if (route.tool) return `#/audits/${encodeURIComponent(route.auditId)}/${route.tool}`;
      const base = `#/audits/${encodeURIComponent(route.auditId)}/${route.step}`;
      if (route.step !== 'fieldwork') return base;
      const last = route.view === 'evidence' ? route.slotId : route.view === 'controls' && route.controlId !== null ? route.itemId : null;
      const tail = [route.view, route.controlId, last];
      // A trailing null ends the path; an inner null (slot without control) becomes "all".
      while (tail.length > 0 && tail[tail.length - 1] === null) tail.pop();
      return `${base}/${tail.map((part) => encodeURIComponent(part ?? 'all')).join('/')}`;
    }
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
