import { z } from 'zod';
import { SHA256_HEX } from '../bridge/contract';
import { isSafeBagPath } from './paths';

/**
 * The bundle plan the renderer hands to main: every file of the bag, by reference. Evidence is
 * named by its hash in the store (main streams it and re-hashes it); generated files (tag files,
 * manifest.json, the log, CSV, HTML, signature.json) were staged beforehand in chunks through
 * `bundle:stage` and are named by the hash main returned (DESIGN.md §5, issue #15). Main
 * validates the plan with this schema and the checks in `checkPlan` before asking where to save.
 */
/** Entries one bundle may hold: ZIP64 lifts the format's 65,535; this bounds main's memory. */
export const MAX_PLAN_ENTRIES = 250_000;
/** The largest generated file (manifest.json of a very large audit is tens of MB). */
export const MAX_GENERATED_BYTES = 1024 * 1024 * 1024;
/** A generated file crosses the bridge in chunks of at most this many bytes. */
export const MAX_STAGE_CHUNK_BYTES = 4 * 1024 * 1024;

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
    kind: z.literal('staged'),
    path: bagPath,
    sha256: z.string().regex(SHA256_HEX),
    size: z.number().int().min(0).max(MAX_GENERATED_BYTES),
  }),
]);

export const bundlePlanSchema = z.strictObject({
  bagName: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'a bag name is an ASCII slug'),
  generatedAt: z.iso.datetime(),
  entries: z.array(planEntrySchema).min(1).max(MAX_PLAN_ENTRIES),
});

export type PlanEntry = z.infer<typeof planEntrySchema>;
export type BundlePlan = z.infer<typeof bundlePlanSchema>;

/** Checks a schema cannot express: unique paths (case-insensitively), the required tag files. */
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
  return problems;
}
