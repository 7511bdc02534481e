import { db } from './db';

/**
 * Where the user was: the audit and the control last open, so that the app starts there again
 * (issue #16) and the global capture shortcut has "the control you used last" after a restart.
 * A preference of this installation, not part of any audit, so it is not logged.
 */
export interface LastPlace {
  readonly auditId: string;
  readonly controlId: string | null;
}

const KEY = 'lastPlace';

function isLastPlace(value: unknown): value is LastPlace {
  if (value === null || typeof value !== 'object') return false;
  const { auditId, controlId } = value as Record<string, unknown>;
  return typeof auditId === 'string' && (controlId === null || typeof controlId === 'string');
}

/** Records the audit open now, and the control if one is; another view of the same audit keeps the control. */
export async function rememberPlace(auditId: string, controlId: string | null): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    const before = (await db.settings.get(KEY))?.value;
    const kept = controlId ?? (isLastPlace(before) && before.auditId === auditId ? before.controlId : null);
    if (isLastPlace(before) && before.auditId === auditId && before.controlId === kept) return;
    await db.settings.put({ key: KEY, value: { auditId, controlId: kept } satisfies LastPlace });
  });
}

/** The last place, if its audit (and control, else only the audit) still exists and is not retired. */
export async function lastPlace(): Promise<LastPlace | null> {
  const value = (await db.settings.get(KEY))?.value;
  if (!isLastPlace(value)) return null;
  if (!(await db.audits.get(value.auditId))) return null;
  const control = value.controlId === null ? undefined : await db.controls.get(value.controlId);
  const live = control !== undefined && control.auditId === value.auditId && !control.retired;
  return { auditId: value.auditId, controlId: live ? value.controlId : null };
}
