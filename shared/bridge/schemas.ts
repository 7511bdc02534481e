import { z } from 'zod';
import { bundlePlanSchema, MAX_GENERATED_BYTES, MAX_STAGE_CHUNK_BYTES } from '../bundle/planTypes';
import { MAX_CAPTURE_DELAY_MS, MAX_READ_BYTES, MAX_REDACTIONS, MAX_UPLOAD_CHUNK_BYTES, MAX_PURGE_CANDIDATES, MAX_REFERENCED_HASHES, MAX_VERIFY_HASHES, SHA256_HEX, type Channel } from './contract';

/**
 * One runtime validator per channel. Strict objects: an unknown key is an error, not something
 * silently dropped, so a renderer bug or an injected call is visible rather than half-honoured.
 */
export const sha256Schema = z.string().regex(SHA256_HEX, 'must be 64 lowercase hex digits');

const empty = z.strictObject({});

// Pixel coordinates; bounds against the actual image are checked by the handler, which knows it.
const pixels = z.number().int().min(0).max(100_000);
const pixelRect = z.strictObject({ x: pixels, y: pixels, width: pixels.min(1), height: pixels.min(1) });
const bytes = (max: number) => z.instanceof(Uint8Array).refine((b) => b.byteLength <= max, `must be at most ${max} bytes`);

const fingerprintSchema = z.string().regex(/^([0-9a-f]{4} ){15}[0-9a-f]{4}$/, 'must be a key fingerprint (16 groups of 4 hex digits)');
/** The keys of the renderer's keyring, for the verifier: names come from here, never from the bag. */
const trustedKeys = z
  .array(
    z.strictObject({
      fingerprint: fingerprintSchema,
      publicKey: z.string().max(100).nullable(),
      name: z.string().max(120).nullable(),
      role: z.string().max(120).nullable(),
      source: z.string().max(200),
    }),
  )
  .max(1000);

export const requestSchemas = {
  'system:info': empty,
  'capture:displays': empty,
  'capture:screen': z.strictObject({
    displayId: z.string().min(1).max(128).nullable(),
    delayMs: z.number().int().min(0).max(MAX_CAPTURE_DELAY_MS),
  }),
  'capture:save': z.strictObject({
    token: z.uuid(),
    crop: pixelRect.nullable(),
    redactions: z.array(pixelRect).max(MAX_REDACTIONS),
    /** The stamp banner, drawn by the renderer (it has the fonts); main appends it below. */
    stamp: bytes(16 * 1024 * 1024),
  }),
  'capture:discard': z.strictObject({ token: z.uuid() }),
  /** A pasted PNG to edit like a capture; main checks its header before decoding it. */
  'capture:open-image': z.strictObject({ png: bytes(MAX_READ_BYTES) }),
  'files:import': empty,
  'files:upload-begin': z.strictObject({
    name: z.string().min(1).max(1024),
    size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    /** The file's own modification time, UTC ISO, or null (a pasted image has none). */
    modifiedAt: z.iso.datetime().nullable(),
    /** Where the file was, as metadata only: main never opens it. */
    path: z.string().max(4096),
  }),
  'files:upload-chunk': z.strictObject({ uploadId: z.uuid(), offset: z.number().int().min(0), bytes: bytes(MAX_UPLOAD_CHUNK_BYTES) }),
  'files:upload-finish': z.strictObject({ uploadId: z.uuid() }),
  'files:upload-abort': z.strictObject({ uploadId: z.uuid() }),
  'evidence:read': z.strictObject({ sha256: sha256Schema }),
  'evidence:verify': z.strictObject({ sha256s: z.array(sha256Schema).min(1).max(MAX_VERIFY_HASHES) }),
  'bundle:export': z.strictObject({ exportId: z.uuid(), plan: bundlePlanSchema }),
  'bundle:cancel': z.strictObject({ exportId: z.uuid() }),
  'bundle:reveal': z.strictObject({ exportId: z.uuid() }),
  'bundle:inspect': z.strictObject({ trusted: trustedKeys }),
  'sample:open': z.strictObject({ trusted: trustedKeys }),
  'bundle:import-files': z.strictObject({
    token: z.uuid(),
    files: z.array(z.strictObject({ path: z.string().max(400), sha256: sha256Schema })).max(65_535),
    /** The bag signer's fingerprint when the user confirmed it on import (it was not trusted when inspected). */
    confirmedExporter: fingerprintSchema.nullable(),
  }),
  'keycard:save': z.strictObject({
    suggestedName: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}\.html$/, 'a key card file name is an ASCII slug ending in .html'),
    html: z.string().min(1).max(1024 * 1024),
  }),
  /** One chunk of a generated bag file, in order; `last` closes it (issue #15: by reference, in chunks). */
  'bundle:stage': z.strictObject({
    stageId: z.uuid(),
    offset: z.number().int().min(0).max(MAX_GENERATED_BYTES),
    bytes: bytes(MAX_STAGE_CHUNK_BYTES),
    last: z.boolean(),
  }),
  'evidence:purge': z.strictObject({
    candidates: z.array(sha256Schema).min(1).max(MAX_PURGE_CANDIDATES),
    referenced: z.array(sha256Schema).max(MAX_REFERENCED_HASHES),
    /** Why, for main's purge log: 'audit "FY2026" deleted by jdoe@host'. */
    reason: z.string().min(1).max(500),
  }),
  'bundle:import-settle': z.strictObject({ token: z.uuid(), applied: z.boolean() }),
} as const satisfies Record<Channel, z.ZodType>;
