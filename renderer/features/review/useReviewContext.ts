import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import type { ReviewContext } from '../../../shared/review/reviewState';
import { foreground } from '../../db/backgroundGate';
import { readReviewInputs, reviewContextOf } from '../../db/reviewContext';

/**
 * The audit's review context (subjects from its window and controls, trust from the keyring),
 * live: a key added to or removed from the keyring, a control re-mapped or the window changed
 * makes a new context, and every review derived from it is judged again. Undefined while
 * loading or when the audit is gone.
 */
export function useReviewContext(auditId: string): ReviewContext | undefined {
  const inputs = useLiveQuery(() => foreground(readReviewInputs(auditId)), [auditId]);
  return useMemo(() => (inputs?.audit ? reviewContextOf(inputs.audit, inputs.controls, inputs.keyring) : undefined), [inputs]);
}
