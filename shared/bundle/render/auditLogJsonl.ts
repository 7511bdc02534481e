import { canonicalJson } from '../../log/chain';
import type { BundleContent } from '../model';

/**
 * data/audit-log.jsonl: one entry per line as RFC 8785 canonical JSON, the exact text its hash
 * was computed over once "hash" is removed, so `jq`, a script or VERIFY.html can recompute the
 * chain without knowing how the app serializes.
 */
export function renderAuditLogJsonl(content: BundleContent): string {
  return [...content.log]
    .sort((a, b) => a.seq - b.seq)
    .map((entry) => `${canonicalJson(entry)}\n`)
    .join('');
}
