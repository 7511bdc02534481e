/** Ordering and filtering of the request list. Pure. */
import type { RequestRecord } from '../domain/records';

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * By due date (earliest first, requests without one last), then by request id with numbers
 * compared as numbers, so PBC-2 comes before PBC-10.
 */
export function compareRequests(a: Pick<RequestRecord, 'dueDate' | 'requestId'>, b: Pick<RequestRecord, 'dueDate' | 'requestId'>): number {
  if (a.dueDate !== b.dueDate) {
    if (a.dueDate === null) return 1;
    if (b.dueDate === null) return -1;
    return a.dueDate < b.dueDate ? -1 : 1;
  }
  return collator.compare(a.requestId, b.requestId);
}

/**
 * Whether a request matches a search text: every word must appear in its id, its description or
 * one of its linked control refs (case-insensitive). An empty search matches everything.
 */
export function matchesSearch(request: Pick<RequestRecord, 'requestId' | 'description'>, controlRefs: readonly string[], search: string): boolean {
  const words = search.toLowerCase().split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return true;
  const haystack = [request.requestId, request.description, ...controlRefs].join('\n').toLowerCase();
  return words.every((word) => haystack.includes(word));
}
