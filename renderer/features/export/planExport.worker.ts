/**
 * Plans an export off the window's thread (issue #12: 10,000 items were 12 s in one task): reads
 * the audit from IndexedDB itself (no copy of 25 MB of rows through the page), verifies every
 * sign-off, renders every generated file and hashes it. The plan goes back in slices
 * (planExportAnswer.ts), so the page never unpacks 10,000 entries in one task; the generated
 * files go as bytes, transferred, not copied. Signing stays in the page, which holds the
 * reviewer's key.
 */
import { planUnsignedBundle, type PlanRequest } from '../../db/bundle';
import { messageOf } from '../../bridge';
import { planMessages, type PlanExportMessage, type Posting } from './planExportAnswer';

// Typed by hand: the renderer compiles against the DOM library, whose `self` is a Window.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<PlanRequest>) => void) | null;
  postMessage: (message: PlanExportMessage, transfer: Transferable[]) => void;
};

/** Every way out posts an answer: a rejection nobody hears would leave the screen planning forever. */
async function answer(request: PlanRequest): Promise<void> {
  let postings: Posting[];
  try {
    postings = planMessages(await planUnsignedBundle(request));
  } catch (error) {
    scope.postMessage({ kind: 'failed', message: messageOf(error) }, []);
    return;
  }
  for (const { message, transfer } of postings) scope.postMessage(message, transfer);
}

scope.onmessage = (event) => {
  void answer(event.data);
};
