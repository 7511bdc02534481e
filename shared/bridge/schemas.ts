import { z } from 'zod';
import { bundlePlanSchema } from '../bundle/planTypes';
import { MAX_CAPTURE_DELAY_MS, MAX_VERIFY_HASHES, SHA256_HEX, type Channel } from './contract';

/**
 * One runtime validator per channel. Strict objects: an unknown key is an error, not something
 * silently dropped, so a renderer bug or an injected call is visible rather than half-honoured.
 */
export const sha256Schema = z.string().regex(SHA256_HEX, 'must be 64 lowercase hex digits');

const empty = z.strictObject({});

export const requestSchemas = {
  'system:info': empty,
  'capture:displays': empty,
  'capture:screen': z.strictObject({
    displayId: z.string().min(1).max(128).nullable(),
    delayMs: z.number().int().min(0).max(MAX_CAPTURE_DELAY_MS),
  }),
  'files:import': empty,
  'evidence:read': z.strictObject({ sha256: sha256Schema }),
  'evidence:verify': z.strictObject({ sha256s: z.array(sha256Schema).min(1).max(MAX_VERIFY_HASHES) }),
  'bundle:export': z.strictObject({ exportId: z.uuid(), plan: bundlePlanSchema }),
  'bundle:cancel': z.strictObject({ exportId: z.uuid() }),
  'bundle:reveal': z.strictObject({ exportId: z.uuid() }),
  'bundle:inspect': empty,
  'sample:open': empty,
  'bundle:import-files': z.strictObject({ token: z.uuid(), files: z.array(z.strictObject({ path: z.string().max(400), sha256: sha256Schema })).max(65_535) }),
} as const satisfies Record<Channel, z.ZodType>;
