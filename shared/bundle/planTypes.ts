import { z } from 'zod';
import { SHA256_HEX } from '../bridge/contract';
import { isSafeBagPath } from './paths';

/**
 * The bundle plan the renderer hands to main: every file of the bag, either stored evidence
 * (by hash, main streams it from the store and re-hashes it) or generated text. Main validates
 * it with this schema and the checks in `checkPlan` before asking where to save.
 */
export const ZIP32_MAX_BYTES = 4 * 1024 ** 3 - 1;
export const ZIP32_MAX_ENTRIES = 65_535;
/** Room for ZIP headers and the central directory on top of the payload. */
const ZIP_OVERHEAD_PER_ENTRY = 200;

const bagPath = z.string().max(400).refine(isSafeBagPath, 'not a safe path inside the bag');

export const planEntrySchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('blob'),
    path: bagPath,
    sha256: z.string().regex(SHA256_HEX),
    size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    compress: z.boolean(),
  }),
  z.strictObject({
    kind: z.literal('text'),
    path: bagPath,
    text: z.string().max(256 * 1024 * 1024),
  }),
]);

export const bundlePlanSchema = z.strictObject({
  bagName: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'a bag name is an ASCII slug'),
  generatedAt: z.iso.datetime(),
  entries: z.array(planEntrySchema).min(1).max(ZIP32_MAX_ENTRIES),
});

export type PlanEntry = z.infer<typeof planEntrySchema>;
export type BundlePlan = z.infer<typeof bundlePlanSchema>;

/** Checks a schema cannot express: unique paths, the required tag files, the ZIP32 limits. */
export function checkPlan(plan: BundlePlan): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const entry of plan.entries) {
    const key = entry.path.toLowerCase();
    if (seen.has(key)) problems.push(`two files would be written to ${entry.path}`);
    seen.add(key);
  }
  for (const required of ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt', 'tagmanifest-sha256.txt']) {
    if (!seen.has(required)) problems.push(`the plan has no ${required}`);
  }
  for (const entry of plan.entries) {
    const top = entry.path.split('/')[0] ?? '';
    const isTag = !entry.path.includes('/');
    if (!isTag && top !== 'data') problems.push(`${entry.path} is neither a tag file nor under data/`);
  }
  const bytes = plan.entries.reduce(
    (sum, e) => sum + (e.kind === 'blob' ? e.size : e.text.length * 3) + ZIP_OVERHEAD_PER_ENTRY + e.path.length * 2,
    0,
  );
  if (bytes > ZIP32_MAX_BYTES) {
    problems.push(
      `this selection is about ${(bytes / 1024 ** 3).toFixed(1)} GiB; a bundle can hold at most 4 GiB (the ZIP format without ZIP64). Export fewer controls or a shorter period.`,
    );
  }
  return problems;
}
