import type { RequestRecord } from '../domain/records';

/**
 * Which of the auditor's requests (the PBC list) an item answers: those linked to any of its
 * controls. Requests are linked to controls, not to items, so this is the same rule the request
 * list's status uses (shared/requests/status.ts). Ids in the order a person sorts them.
 */
export function requestIdsByControl(requests: readonly RequestRecord[]): ReadonlyMap<string, readonly string[]> {
  const byControl = new Map<string, string[]>();
  for (const request of requests) {
    for (const controlId of request.controlIds) byControl.set(controlId, [...(byControl.get(controlId) ?? []), request.requestId]);
  }
  for (const ids of byControl.values()) ids.sort(compareRequestIds);
  return byControl;
}

export function requestIdsOf(controlIds: readonly string[], byControl: ReadonlyMap<string, readonly string[]>): string[] {
  return [...new Set(controlIds.flatMap((id) => byControl.get(id) ?? []))].sort(compareRequestIds);
}

/** 'PBC-2' before 'PBC-10'. */
export function compareRequestIds(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
