import { screenWork } from '../../db/backgroundGate';
import { verifiedSignatureKeys } from '../../db/signatureVerdicts';
import { planUnsignedBundle, type PlanRequest, type PlannedBundle } from '../../db/bundle';
import { PlanAssembler, type PlanExportMessage } from './planExportAnswer';

/**
 * Plans a bundle in a worker (planExport.worker.ts), so planning 10,000 items never blocks the
 * window (issue #12); where Worker does not exist (unit tests under Node), in this thread. The
 * worker's reads count as the screen's own: the audit-rows prefetch waits for them. A failure
 * in the worker rejects with its message, so the screen says it instead of planning forever.
 * The plan arrives in slices, each unpacked in its own task (planExportAnswer.ts).
 */
export function planExport(request: PlanRequest): Promise<PlannedBundle> {
  if (typeof Worker !== 'function') return planUnsignedBundle(request);
  // Vite bundles the worker as its own module file, served from the app's origin (CSP worker-src 'self').
  const worker = new Worker(new URL('./planExport.worker.ts', import.meta.url), { type: 'module' });
  return screenWork(
    new Promise<PlannedBundle>((resolve, reject) => {
      const fail = (message: string): void => {
        worker.terminate();
        reject(new Error(message));
      };
      const assembler = new PlanAssembler();
      worker.onmessage = (event: MessageEvent<PlanExportMessage>) => {
        let planned: PlannedBundle | null;
        try {
          planned = assembler.take(event.data);
        } catch (error) {
          worker.terminate();
          reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        if (planned === null) return;
        worker.terminate();
        resolve(planned);
      };
      // A worker that cannot load or throws outside a request: the event's message is all there is.
      worker.onerror = (event) => fail(`The bundle could not be planned: ${event.message || 'its planning worker did not start'}. Nothing was exported.`);
      worker.onmessageerror = () => fail('The bundle could not be planned: its plan could not be read back from the planning worker. Nothing was exported.');
      worker.postMessage({ ...request, verifiedSignatures: verifiedSignatureKeys() } satisfies PlanRequest);
    }),
  );
}
