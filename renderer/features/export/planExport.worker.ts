/**
 * Plans an export off the window's thread (issue #12: 10,000 items were 12 s in one task): reads
 * the audit from IndexedDB itself (no copy of 25 MB of rows through the page), verifies every
 * sign-off, renders every generated file and hashes it. The generated files go back as bytes,
 * transferred, not copied. Signing stays in the page, which holds the reviewer's key.
 */
import { planUnsignedBundle, type PlanRequest } from '../../db/bundle';
import { messageOf } from '../../bridge';
import type { PlanExportAnswer } from './planExportAnswer';

// Typed by hand: the renderer compiles against the DOM library, whose `self` is a Window.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<PlanRequest>) => void) | null;
  postMessage: (answer: PlanExportAnswer, transfer: Transferable[]) => void;
};

/** Every way out posts an answer: a rejection nobody hears would leave the screen planning forever. */
async function answer(request: PlanRequest): Promise<void> {
  try {
    const planned = await planUnsignedBundle(request);
    scope.postMessage({ ok: true, planned }, planned.draft.entries.flatMap((e) => (e.kind === 'generated' ? [e.bytes.buffer] : [])));
  } catch (error) {
    scope.postMessage({ ok: false, message: messageOf(error) }, []);
  }
}

scope.onmessage = (event) => {
  void answer(event.data);
};
