import type { EvidenceRecord } from '../../../shared/domain/records';
import { judgeSignoffWith, reviewStatesJudged, type ReviewContext, type ReviewState } from '../../../shared/review/reviewState';
import type { SignoffRecord, SignoffValidity } from '../../../shared/signing/signoff';
import type { AuditRows } from '../../db/auditRows';
import { knownSignature } from '../../db/signatureVerdicts';
import { yieldToUi } from '../../db/yieldToUi';
import { inSlices } from '../../../shared/work/inSlices';
import { kept } from '../../../shared/work/kept';

/** Review state of a set of items, and the items it refers to, by id. */
export interface ItemsReview {
  /** The items reviewed and those they refer to (replacements, replaced items, filter screenshots). */
  readonly evidenceById: ReadonlyMap<string, EvidenceRecord>;
  readonly states: ReadonlyMap<string, ReviewState>;
  /**
   * Validity of every sign-off by id, not only the latest: an older sign-off shown in an item's
   * history is checked too, so an altered one is never shown as if it were sound.
   */
  readonly validity: ReadonlyMap<string, SignoffValidity>;
}

export interface AuditReview extends ItemsReview {
  /** Every item that counts, superseded versions included: withdrawn items are not among them. */
  readonly evidence: readonly EvidenceRecord[];
  /** The withdrawn items, for a list that shows them when asked. */
  readonly withdrawn: readonly EvidenceRecord[];
}


const reviews = new WeakMap<AuditRows, WeakMap<ReviewContext, AuditReview>>();

/**
 * Judgements of sign-offs, per review context and per sign-off row, with the item row each was
 * judged against. A new snapshot of the audit's rows keeps every row it did not re-read as the
 * same object (auditRows.ts), so after a write only the sign-offs it touched, or whose item it
 * touched, are judged again (issue #12: 5,000 sign-offs re-judged on every write, 160-260 ms in
 * one render). A new context (window, controls, keyring) judges everything afresh.
 */
interface Judgement {
  readonly item: EvidenceRecord | undefined;
  readonly validity: SignoffValidity;
}
const judgements = new WeakMap<ReviewContext, WeakMap<SignoffRecord, Judgement>>();

function judgementsOf(context: ReviewContext): WeakMap<SignoffRecord, Judgement> {
  return kept(judgements, context, () => new WeakMap());
}

function judged(memo: WeakMap<SignoffRecord, Judgement>, signoff: SignoffRecord, item: EvidenceRecord | undefined, context: ReviewContext): SignoffValidity {
  const hit = memo.get(signoff);
  if (hit !== undefined && hit.item === item) return hit.validity;
  const verdict = knownSignature(signoff);
  const validity = judgeSignoffWith(signoff, item, context, () => verdict ?? false);
  // A signature not verified yet counts as not verifying, but that is not remembered.
  if (verdict !== undefined) memo.set(signoff, { item, validity });
  return validity;
}

/** Below this many sign-offs to judge, one render judges them (a write touches a handful). */
const JUDGE_IN_RENDER = 200;

/**
 * True while the snapshot has more sign-offs not yet judged under this context than one render
 * should judge: the first open of an audit, or a new keyring. False once warmReview ran on it.
 */
export function needsWarming(rows: AuditRows, context: ReviewContext): boolean {
  if (reviews.get(rows)?.has(context) === true || warmed.get(rows)?.has(context) === true) return false;
  const memo = judgementsOf(context);
  let cold = 0;
  for (const s of rows.signoffs) {
    const hit = memo.get(s);
    if ((hit === undefined || hit.item !== rows.evidenceById.get(s.evidenceId)) && ++cold > JUDGE_IN_RENDER) return true;
  }
  return false;
}

const warming = new WeakMap<AuditRows, WeakMap<ReviewContext, Promise<void>>>();
/** Snapshots and contexts warmReview finished: a sign-off it could not remember (no verdict yet) must not keep a screen loading. */
const warmed = new WeakMap<AuditRows, WeakSet<ReviewContext>>();

/**
 * Judges every sign-off of the snapshot under the context, a few milliseconds at a time with
 * the window given back between slices (issue #12: no task over 50 ms), so that deriving the
 * review afterwards is only lookups. One run per snapshot and context, however many screens ask.
 */
export function warmReview(rows: AuditRows, context: ReviewContext): Promise<void> {
  return kept(
    kept(warming, rows, () => new WeakMap<ReviewContext, Promise<void>>()),
    context,
    async () => {
      const memo = judgementsOf(context);
      await inSlices(rows.signoffs, yieldToUi, (s) => judged(memo, s, rows.evidenceById.get(s.evidenceId), context));
      kept(warmed, rows, () => new WeakSet<ReviewContext>()).add(context);
    },
  );
}

/**
 * Review state derived once per snapshot of the audit's rows and per review context (audit
 * window, controls, keyring), and shared by every screen that shows it. Signatures were
 * verified (once each) before the snapshot was published; here only the synchronous checks
 * run: the item still matches what was signed, the subject is not stale, the key is trusted.
 */
export function reviewOfRows(rows: AuditRows, context: ReviewContext): AuditReview {
  return kept(
    kept(reviews, rows, () => new WeakMap<ReviewContext, AuditReview>()),
    context,
    (): AuditReview => {
      const memo = judgementsOf(context);
      const judge = (s: SignoffRecord, item: EvidenceRecord | undefined): SignoffValidity => judged(memo, s, item, context);
      return {
        evidence: rows.evidence,
        withdrawn: rows.withdrawn,
        evidenceById: rows.evidenceById,
        states: reviewStatesJudged(rows.evidence, rows.signoffs, (s, item) => judge(s, rows.evidenceById.get(item.id))),
        validity: new Map(rows.signoffs.map((s) => [s.id, judge(s, rows.evidenceById.get(s.evidenceId))] as const)),
      };
    },
  );
}

