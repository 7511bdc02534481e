import type { PlannedBundle } from '../../db/bundle';
import type { PackedEntry } from '../../../shared/bundle/plan';

/**
 * What the planning worker posts back, as a sequence of messages: the plan without its entries,
 * then its entries ENTRIES_PER_MESSAGE at a time, or why there is no plan. One message per
 * slice because the page deserializes each message in one task: 10,000 entries in one answer
 * were ~55 ms of unpacking and ~110 ms of the garbage collection it set off (issue #12: no long
 * task over 50 ms).
 */
export type PlanExportMessage =
  | { readonly kind: 'head'; readonly head: Omit<PlannedBundle, 'draft'> & { readonly bagName: string; readonly generatedAt: string }; readonly entries: number }
  | { readonly kind: 'entries'; readonly entries: readonly PackedEntry[] }
  | { readonly kind: 'failed'; readonly message: string };

/** Small enough that one message deserializes in a few milliseconds, large enough that 10,000 entries are ~20 messages. */
export const ENTRIES_PER_MESSAGE = 500;

/** A posted message and the buffers it transfers (a generated file's bytes move, they are not copied). */
export interface Posting {
  readonly message: PlanExportMessage;
  readonly transfer: Transferable[];
}

/** The worker's side: a plan as the messages that carry it, in order. */
export function planMessages(planned: PlannedBundle, perMessage = ENTRIES_PER_MESSAGE): Posting[] {
  const { draft, ...rest } = planned;
  const all = draft.entries;
  const postings: Posting[] = [{ message: { kind: 'head', head: { ...rest, bagName: draft.bagName, generatedAt: draft.generatedAt }, entries: all.length }, transfer: [] }];
  for (let start = 0; start < all.length; start += perMessage) {
    const entries = all.slice(start, start + perMessage);
    postings.push({ message: { kind: 'entries', entries }, transfer: entries.flatMap((e) => (e.kind === 'generated' ? [e.bytes.buffer] : [])) });
  }
  return postings;
}

/**
 * The page's side: takes the messages one by one (each in its own task) and says when the plan
 * is whole. Anything out of order is refused with a clear error rather than a plan with entries
 * missing, whose manifests would not match the bag.
 */
export class PlanAssembler {
  private head: Extract<PlanExportMessage, { kind: 'head' }> | null = null;
  private readonly entries: PackedEntry[] = [];

  /** The finished plan once the last entries arrive, else null; throws on a failure or a message out of order. */
  take(message: PlanExportMessage): PlannedBundle | null {
    if (message.kind === 'failed') throw new Error(message.message);
    if (message.kind === 'head') {
      if (this.head !== null) throw new Error('The bundle could not be planned: its planning worker answered twice. Nothing was exported.');
      this.head = message;
    } else {
      if (this.head === null) throw new Error('The bundle could not be planned: its planning worker sent entries before the plan. Nothing was exported.');
      for (const entry of message.entries) this.entries.push(entry);
      if (this.entries.length > this.head.entries) throw new Error('The bundle could not be planned: its planning worker sent more entries than it planned. Nothing was exported.');
    }
    if (this.entries.length < this.head.entries) return null;
    const { bagName, generatedAt, ...rest } = this.head.head;
    return { ...rest, draft: { bagName, generatedAt, entries: this.entries } };
  }
}
