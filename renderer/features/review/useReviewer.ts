import { useLiveQuery } from 'dexie-react-hooks';
import { getReviewer, type Reviewer } from '../../db/reviewer';

/** This installation's reviewer: undefined while loading, null when no identity is set yet. */
export function useReviewer(): Reviewer | null | undefined {
  return useLiveQuery(async () => (await getReviewer()) ?? null, []);
}
