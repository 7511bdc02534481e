import { stagePlan, type PackedDraft } from '../../../shared/bundle/plan';
import { MAX_STAGE_CHUNK_BYTES, type BundlePlan } from '../../../shared/bundle/planTypes';
import { bridge, unwrap } from '../../bridge';

/**
 * Sends the draft's generated files to main in chunks (`bundle:stage`) and returns the plan
 * that names them by hash (DESIGN.md §5): the export message then carries references only,
 * whatever the size of manifest.json or the log.
 */
export async function stageDraft(draft: PackedDraft): Promise<BundlePlan> {
  return stagePlan(draft, async ({ bytes }) => {
    const stageId = crypto.randomUUID();
    for (let offset = 0; ; ) {
      const end = Math.min(bytes.length, offset + MAX_STAGE_CHUNK_BYTES);
      // slice, not subarray: a view would carry its whole buffer across the bridge.
      const answer = await unwrap(bridge().stageBundleFile({ stageId, offset, bytes: bytes.slice(offset, end), last: end === bytes.length }));
      if ('sha256' in answer) return answer;
      offset = end;
    }
  });
}
