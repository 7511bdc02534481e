import { STEP_LABELS } from '../../../shared/domain/labels';
import { TOOL_LABELS } from '../audits/toolLabels';
import { FIELDWORK_VIEW_LABELS } from '../fieldwork/viewLabels';
import { parseRoute } from './useHashRoute';

/**
 * Where the user was before opening Settings (say, the review queue, sent there to create a key),
 * so that Settings' back link returns there rather than to the audit list (issue #13).
 */
let before: string | null = null;

/** Called on every hash change: remembers the page left for Settings. */
export function notePlace(oldUrl: string, newUrl: string): void {
  const from = new URL(oldUrl).hash;
  const to = new URL(newUrl).hash;
  if (to.startsWith('#/settings') && !from.startsWith('#/settings')) before = from === '' ? '#/' : from;
}

/** The way back from Settings: the page left for it, or the audit list. */
export function returnFromSettings(): { readonly href: string; readonly label: string } {
  if (before === null) return { href: '#/', label: 'All audits' };
  const route = parseRoute(before);
  switch (route.screen) {
    case 'audit': {
      const place = route.tool
        ? TOOL_LABELS[route.tool]
        : route.step === 'fieldwork'
          ? `${STEP_LABELS.fieldwork} › ${FIELDWORK_VIEW_LABELS[route.view]}`
          : STEP_LABELS[route.step];
      return { href: before, label: `Back to ${place}` };
    }
    case 'import':
      return { href: '#/import', label: 'Back to Import' };
    case 'new-audit':
      return { href: before, label: 'Back to the new audit' };
    default:
      return { href: '#/', label: 'All audits' };
  }
}
