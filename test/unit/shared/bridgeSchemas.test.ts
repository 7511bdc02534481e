import { describe, it, expect } from 'vitest';
import {
  API_METHODS,
  CHANNELS,
  EVENT_NAMES,
  MAX_CAPTURE_DELAY_MS,
  createApi,
  isChannel,
  isEventName,
  type Channel,
  type EventName,
  type Invoke,
  type Subscribe,
} from '../../../shared/bridge/contract';
import { requestSchemas } from '../../../shared/bridge/schemas';
import { BRIDGE_ERROR_CODES, fail, ok, type Result } from '../../../shared/bridge/result';

const ONE_MEGABYTE = 'a'.repeat(1024 * 1024);
const SHA_OF_ABC = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';

interface Case {
  readonly label: string;
  readonly payload: unknown;
  /** Where zod should point, when the problem is one field. */
  readonly path?: readonly PropertyKey[];
}

/** Wrong at the top level, whatever the channel. */
const NOT_AN_OBJECT: readonly Case[] = [
  { label: 'null', payload: null },
  { label: 'undefined', payload: undefined },
  { label: 'a string', payload: 'system:info' },
  { label: 'an empty string', payload: '' },
  { label: 'a number', payload: 42 },
  { label: 'a boolean', payload: true },
  { label: 'an array', payload: [] },
  { label: 'an array holding a valid payload', payload: [{}] },
  { label: 'a 1 MB string', payload: ONE_MEGABYTE },
];

/** Extra keys on a channel that takes no fields. */
const EXTRA_KEYS: readonly Case[] = [
  { label: 'an unknown key', payload: { unexpected: 1 } },
  { label: 'an unknown key holding undefined', payload: { unexpected: undefined } },
  { label: 'a "constructor" key', payload: { constructor: 'x' } },
  { label: 'an own "__proto__" key from JSON', payload: JSON.parse('{"__proto__":{"polluted":true}}') as unknown },
  { label: 'an unknown key holding 1 MB', payload: { blob: ONE_MEGABYTE } },
];

const validScreen = { displayId: null, delayMs: 0 };

const EXPORT_ID = '3f2b8c1e-8d4a-4c3b-9a1e-2b7c5d6e7f80';
const TOKEN_STAGE = '5b2e7c1d-3a4f-4e6b-9c8d-1f0a2b3c4d5e';
const VALID_PLAN = {
  bagName: 'acme-soc2-2026',
  generatedAt: '2026-04-02T10:00:00.000Z',
  entries: [{ kind: 'staged', path: 'bagit.txt', sha256: SHA_OF_ABC, size: 19 }],
};
const planWithPath = (path: string): unknown => ({ ...VALID_PLAN, entries: [{ kind: 'staged', path, sha256: SHA_OF_ABC, size: 0 }] });
const validStage = { stageId: TOKEN_STAGE, offset: 0, bytes: new Uint8Array(3), last: true };

const TOKEN = '9d3c1a52-7f0e-4b8a-8c51-0a6b2f3e4d5c';
const TRUSTED = { fingerprint: '0123 4567 89ab cdef 0123 4567 89ab cdef 0123 4567 89ab cdef 0123 4567 89ab cdef', publicKey: null, name: 'Dana Whitfield', role: 'IT Manager', source: 'keyring' };
const HASH_A = 'a'.repeat(64);
const validPurge = { candidates: [HASH_A], referenced: ['b'.repeat(64)], reason: 'audit "FY2026" deleted by jdoe@host' };
const STAMP = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
const validSave = { token: TOKEN, crop: null, redactions: [], stamp: STAMP };
const validBegin = { name: 'users.csv', size: 10, modifiedAt: '2026-04-02T10:00:00.000Z', path: '/home/alice/users.csv' };

const MALFORMED: Record<Channel, readonly Case[]> = {
  'capture:save': [
    ...NOT_AN_OBJECT,
    { label: 'a missing stamp', payload: { token: TOKEN, crop: null, redactions: [] }, path: ['stamp'] },
    { label: 'a stamp given as a string', payload: { ...validSave, stamp: 'iVBORw0KGgo=' }, path: ['stamp'] },
    { label: 'a stamp given as an array of numbers', payload: { ...validSave, stamp: [137, 80, 78, 71] }, path: ['stamp'] },
    { label: 'a path as token', payload: { ...validSave, token: '/tmp/raw.png' }, path: ['token'] },
    { label: 'a negative crop origin', payload: { ...validSave, crop: { x: -1, y: 0, width: 10, height: 10 } }, path: ['crop', 'x'] },
    { label: 'an empty crop', payload: { ...validSave, crop: { x: 0, y: 0, width: 0, height: 10 } }, path: ['crop', 'width'] },
    { label: 'a fractional redaction', payload: { ...validSave, redactions: [{ x: 0.5, y: 0, width: 10, height: 10 }] }, path: ['redactions', 0, 'x'] },
    { label: '501 redaction boxes', payload: { ...validSave, redactions: Array.from({ length: 501 }, () => ({ x: 0, y: 0, width: 1, height: 1 })) }, path: ['redactions'] },
    { label: 'a crop with an extra key', payload: { ...validSave, crop: { x: 0, y: 0, width: 1, height: 1, fill: 'none' } }, path: ['crop'] },
    { label: 'a path to write to', payload: { ...validSave, path: '/tmp/evidence.png' } },
  ],
  'capture:discard': [...NOT_AN_OBJECT, { label: 'a number as token', payload: { token: 1 }, path: ['token'] }],
  'capture:open-image': [
    ...NOT_AN_OBJECT,
    { label: 'base64 instead of bytes', payload: { png: 'iVBORw0KGgo=' }, path: ['png'] },
    { label: 'a path to read instead of bytes', payload: { png: STAMP, path: '/home/alice/shot.png' } },
    { label: 'more than 64 MiB', payload: { png: new Uint8Array(64 * 1024 * 1024 + 1) }, path: ['png'] },
  ],
  'files:upload-begin': [
    ...NOT_AN_OBJECT,
    { label: 'an empty name', payload: { ...validBegin, name: '' }, path: ['name'] },
    { label: 'a negative size', payload: { ...validBegin, size: -1 }, path: ['size'] },
    { label: 'a size past 2^53', payload: { ...validBegin, size: 2 ** 53 }, path: ['size'] },
    { label: 'a date that is not an instant', payload: { ...validBegin, modifiedAt: 'yesterday' }, path: ['modifiedAt'] },
    { label: 'a 1 MB path', payload: { ...validBegin, path: ONE_MEGABYTE }, path: ['path'] },
    { label: 'bytes sent with the start', payload: { ...validBegin, bytes: new Uint8Array(1) } },
  ],
  'files:upload-chunk': [
    ...NOT_AN_OBJECT,
    { label: 'a chunk past 8 MiB', payload: { uploadId: TOKEN, offset: 0, bytes: new Uint8Array(8 * 1024 * 1024 + 1) }, path: ['bytes'] },
    { label: 'bytes as a base64 string', payload: { uploadId: TOKEN, offset: 0, bytes: 'AAAA' }, path: ['bytes'] },
    { label: 'a negative offset', payload: { uploadId: TOKEN, offset: -4, bytes: new Uint8Array(1) }, path: ['offset'] },
    { label: 'a path as upload id', payload: { uploadId: '/etc/passwd', offset: 0, bytes: new Uint8Array(1) }, path: ['uploadId'] },
  ],
  'files:upload-finish': [...NOT_AN_OBJECT, ...EXTRA_KEYS, { label: 'a path as upload id', payload: { uploadId: '../x' }, path: ['uploadId'] }],
  'files:upload-abort': [...NOT_AN_OBJECT, ...EXTRA_KEYS],
  'system:info': [...NOT_AN_OBJECT, ...EXTRA_KEYS],
  'capture:displays': [...NOT_AN_OBJECT, ...EXTRA_KEYS],
  'files:import': [...NOT_AN_OBJECT, ...EXTRA_KEYS],
  'capture:screen': [
    ...NOT_AN_OBJECT,
    { label: 'an empty object', payload: {} },
    { label: 'a missing delayMs', payload: { displayId: null }, path: ['delayMs'] },
    { label: 'a missing displayId', payload: { delayMs: 0 }, path: ['displayId'] },
    { label: 'a displayId of undefined', payload: { displayId: undefined, delayMs: 0 }, path: ['displayId'] },
    { label: 'an unknown extra key', payload: { ...validScreen, path: '/tmp/out.png' } },
    { label: 'a numeric displayId', payload: { ...validScreen, displayId: 1 }, path: ['displayId'] },
    { label: 'a boolean displayId', payload: { ...validScreen, displayId: true }, path: ['displayId'] },
    { label: 'an object displayId', payload: { ...validScreen, displayId: { id: '1' } }, path: ['displayId'] },
    { label: 'an array displayId', payload: { ...validScreen, displayId: ['1'] }, path: ['displayId'] },
    { label: 'an empty displayId', payload: { ...validScreen, displayId: '' }, path: ['displayId'] },
    { label: 'a displayId of 129 characters', payload: { ...validScreen, displayId: 'd'.repeat(129) }, path: ['displayId'] },
    { label: 'a displayId of 1 MB', payload: { ...validScreen, displayId: ONE_MEGABYTE }, path: ['displayId'] },
    { label: 'a capture delay given as a string', payload: { ...validScreen, delayMs: '0' }, path: ['delayMs'] },
    { label: 'a null capture delay', payload: { ...validScreen, delayMs: null }, path: ['delayMs'] },
    { label: 'a bigint capture delay', payload: { ...validScreen, delayMs: 0n }, path: ['delayMs'] },
    { label: 'a negative capture delay', payload: { ...validScreen, delayMs: -1 }, path: ['delayMs'] },
    { label: 'a capture delay over ten seconds', payload: { ...validScreen, delayMs: 10_001 }, path: ['delayMs'] },
    { label: 'a fractional capture delay', payload: { ...validScreen, delayMs: 1.5 }, path: ['delayMs'] },
    { label: 'a NaN capture delay', payload: { ...validScreen, delayMs: Number.NaN }, path: ['delayMs'] },
    { label: 'an infinite capture delay', payload: { ...validScreen, delayMs: Number.POSITIVE_INFINITY }, path: ['delayMs'] },
    { label: 'a negative infinite capture delay', payload: { ...validScreen, delayMs: Number.NEGATIVE_INFINITY }, path: ['delayMs'] },
    { label: 'a huge capture delay', payload: { ...validScreen, delayMs: Number.MAX_SAFE_INTEGER }, path: ['delayMs'] },
  ],
  'evidence:read': [
    ...NOT_AN_OBJECT,
    { label: 'an empty object', payload: {}, path: ['sha256'] },
    { label: 'an unknown extra key', payload: { sha256: SHA_OF_ABC, path: '/etc/passwd' } },
    { label: 'a null sha256', payload: { sha256: null }, path: ['sha256'] },
    { label: 'a numeric sha256', payload: { sha256: 123 }, path: ['sha256'] },
    { label: 'a sha256 inside an array', payload: { sha256: [SHA_OF_ABC] }, path: ['sha256'] },
    { label: 'an upper-case sha256', payload: { sha256: SHA_OF_ABC.toUpperCase() }, path: ['sha256'] },
    { label: 'a sha256 with one upper-case digit', payload: { sha256: `B${SHA_OF_ABC.slice(1)}` }, path: ['sha256'] },
    { label: 'a sha256 of 63 digits', payload: { sha256: SHA_OF_ABC.slice(1) }, path: ['sha256'] },
    { label: 'a sha256 of 65 digits', payload: { sha256: `${SHA_OF_ABC}0` }, path: ['sha256'] },
    { label: 'an empty sha256', payload: { sha256: '' }, path: ['sha256'] },
    { label: 'a sha256 of 64 non-hex letters', payload: { sha256: 'g'.repeat(64) }, path: ['sha256'] },
    { label: 'a sha256 with a trailing newline', payload: { sha256: `${SHA_OF_ABC}\n` }, path: ['sha256'] },
    { label: 'a sha256 with a leading space', payload: { sha256: ` ${SHA_OF_ABC.slice(1)}` }, path: ['sha256'] },
    { label: 'a path traversal instead of a sha256', payload: { sha256: '../../etc/passwd' }, path: ['sha256'] },
    {
      label: 'a path traversal padded to 64 characters',
      payload: { sha256: `../../etc/passwd${'0'.repeat(48)}` },
      path: ['sha256'],
    },
    { label: 'a sha256 with a path separator', payload: { sha256: `${SHA_OF_ABC.slice(0, 63)}/` }, path: ['sha256'] },
    { label: 'a sha256 of 1 MB', payload: { sha256: ONE_MEGABYTE }, path: ['sha256'] },
  ],
  'evidence:verify': [
    ...NOT_AN_OBJECT,
    { label: 'an empty object', payload: {} },
    { label: 'an empty list', payload: { sha256s: [] }, path: ['sha256s'] },
    { label: 'a single hash instead of a list', payload: { sha256s: SHA_OF_ABC }, path: ['sha256s'] },
    { label: 'a path in the list', payload: { sha256s: [SHA_OF_ABC, '/etc/passwd'] }, path: ['sha256s', 1] },
    { label: 'an uppercase hash in the list', payload: { sha256s: [SHA_OF_ABC.toUpperCase()] }, path: ['sha256s', 0] },
    { label: 'a number in the list', payload: { sha256s: [42] }, path: ['sha256s', 0] },
    { label: 'over 100,000 hashes', payload: { sha256s: new Array<string>(100_001).fill(SHA_OF_ABC) }, path: ['sha256s'] },
    { label: 'an extra key', payload: { sha256s: [SHA_OF_ABC], paths: ['/etc'] } },
  ],
  'bundle:export': [
    ...NOT_AN_OBJECT,
    { label: 'no plan', payload: { exportId: EXPORT_ID }, path: ['plan'] },
    { label: 'a non-UUID export id', payload: { exportId: '../x', plan: VALID_PLAN }, path: ['exportId'] },
    { label: 'a path that climbs out of the bag', payload: { exportId: EXPORT_ID, plan: planWithPath('../../evil.sh') }, path: ['plan', 'entries', 0, 'path'] },
    { label: 'an absolute path', payload: { exportId: EXPORT_ID, plan: planWithPath('/etc/cron.d/x') }, path: ['plan', 'entries', 0, 'path'] },
    { label: 'a Windows reserved name', payload: { exportId: EXPORT_ID, plan: planWithPath('data/NUL.txt') }, path: ['plan', 'entries', 0, 'path'] },
    { label: 'a bag name with a separator', payload: { exportId: EXPORT_ID, plan: { ...VALID_PLAN, bagName: 'a/b' } }, path: ['plan', 'bagName'] },
    { label: 'a destination path smuggled in', payload: { exportId: EXPORT_ID, plan: VALID_PLAN, path: '/tmp/out.zip' } },
    // Generated files come by reference only (issue #15): their text never rides in the plan.
    { label: 'a generated file inline as text', payload: { exportId: EXPORT_ID, plan: { ...VALID_PLAN, entries: [{ kind: 'text', path: 'bagit.txt', text: 'BagIt' }] } }, path: ['plan', 'entries', 0, 'kind'] },
    {
      label: 'a blob with a malformed hash',
      payload: { exportId: EXPORT_ID, plan: { ...VALID_PLAN, entries: [{ kind: 'blob', path: 'data/x', sha256: 'zz', size: 1, compress: false }] } },
      path: ['plan', 'entries', 0, 'sha256'],
    },
  ],
  'bundle:cancel': [...NOT_AN_OBJECT, { label: 'a non-UUID id', payload: { exportId: 'x' }, path: ['exportId'] }],
  'bundle:reveal': [
    ...NOT_AN_OBJECT,
    { label: 'a path instead of an id', payload: { exportId: '/home/user' }, path: ['exportId'] },
    { label: 'a path beside the id', payload: { exportId: EXPORT_ID, path: '/home/user' } },
  ],
  'bundle:inspect': [
    ...NOT_AN_OBJECT,
    { label: 'a path to open', payload: { trusted: [], path: '/tmp/bundle.zip' } },
    { label: 'no trusted list', payload: {}, path: ['trusted'] },
    { label: 'a fingerprint that is not one', payload: { trusted: [{ ...TRUSTED, fingerprint: 'abcd' }] }, path: ['trusted', 0, 'fingerprint'] },
    { label: 'a 1 MB name', payload: { trusted: [{ ...TRUSTED, name: ONE_MEGABYTE }] }, path: ['trusted', 0, 'name'] },
    { label: 'an extra field on a key', payload: { trusted: [{ ...TRUSTED, trustedBecause: 'the bag says so' }] }, path: ['trusted', 0] },
  ],
  'sample:open': [...NOT_AN_OBJECT, ...EXTRA_KEYS, { label: 'no trusted list', payload: {}, path: ['trusted'] }],
  'bundle:import-files': [
    ...NOT_AN_OBJECT,
    { label: 'no token', payload: { files: [], confirmedExporter: null }, path: ['token'] },
    { label: 'a path as token', payload: { token: '/tmp/bundle.zip', files: [], confirmedExporter: null }, path: ['token'] },
    { label: 'a malformed hash', payload: { token: EXPORT_ID, files: [{ path: 'data/x', sha256: 'x' }], confirmedExporter: null }, path: ['files', 0, 'sha256'] },
    { label: 'a 1 MB path', payload: { token: EXPORT_ID, files: [{ path: ONE_MEGABYTE, sha256: SHA_OF_ABC }], confirmedExporter: null }, path: ['files', 0, 'path'] },
    { label: 'a destination beside the file', payload: { token: EXPORT_ID, files: [{ path: 'data/x', sha256: SHA_OF_ABC, to: '/etc' }], confirmedExporter: null }, path: ['files', 0] },
    { label: 'a confirmed exporter that is not a fingerprint', payload: { token: EXPORT_ID, files: [], confirmedExporter: 'yes' }, path: ['confirmedExporter'] },
  ],
  'keycard:save': [
    ...NOT_AN_OBJECT,
    { label: 'a path as the name', payload: { suggestedName: '/etc/passwd.html', html: '<p>' }, path: ['suggestedName'] },
    { label: 'a name that is not .html', payload: { suggestedName: 'card.exe', html: '<p>' }, path: ['suggestedName'] },
    { label: 'an empty card', payload: { suggestedName: 'card.html', html: '' }, path: ['html'] },
    { label: 'a 2 MB card', payload: { suggestedName: 'card.html', html: ONE_MEGABYTE + ONE_MEGABYTE }, path: ['html'] },
    { label: 'a target path beside it', payload: { suggestedName: 'card.html', html: '<p>', path: '/tmp/x.html' } },
  ],
  'bundle:stage': [
    ...NOT_AN_OBJECT,
    { label: 'a non-UUID stage id', payload: { ...validStage, stageId: 'x' }, path: ['stageId'] },
    { label: 'a negative offset', payload: { ...validStage, offset: -1 }, path: ['offset'] },
    { label: 'text instead of bytes', payload: { ...validStage, bytes: 'BagIt-Version: 1.0' }, path: ['bytes'] },
    { label: 'a chunk over 4 MiB', payload: { ...validStage, bytes: new Uint8Array(4 * 1024 * 1024 + 1) }, path: ['bytes'] },
    { label: 'a path to write to', payload: { ...validStage, path: '/tmp/x' } },
  ],
  'evidence:purge': [
    ...NOT_AN_OBJECT,
    { label: 'no candidates', payload: { ...validPurge, candidates: [] }, path: ['candidates'] },
    { label: 'a path instead of a hash', payload: { ...validPurge, candidates: ['../../etc/passwd'] }, path: ['candidates', 0] },
    { label: 'an upper-case hash', payload: { ...validPurge, candidates: ['A'.repeat(64)] }, path: ['candidates', 0] },
    { label: 'no referenced list', payload: { candidates: [HASH_A], reason: 'x' }, path: ['referenced'] },
    { label: 'a malformed referenced hash', payload: { ...validPurge, referenced: ['x'] }, path: ['referenced', 0] },
    { label: 'an empty reason', payload: { ...validPurge, reason: '' }, path: ['reason'] },
    { label: 'a flag to skip the check', payload: { ...validPurge, force: true } },
  ],
  'bundle:import-settle': [
    ...NOT_AN_OBJECT,
    { label: 'no decision', payload: { token: EXPORT_ID }, path: ['applied'] },
    { label: 'a decision as text', payload: { token: EXPORT_ID, applied: 'yes' }, path: ['applied'] },
    { label: 'a path as token', payload: { token: '/tmp/bundle.zip', applied: true }, path: ['token'] },
    { label: 'hashes to delete', payload: { token: EXPORT_ID, applied: false, sha256s: [SHA_OF_ABC] } },
  ],
};

const VALID: Record<Channel, readonly Case[]> = {
  'capture:save': [
    { label: 'no edits', payload: validSave },
    { label: 'a crop and two redactions', payload: { ...validSave, crop: { x: 0, y: 40, width: 800, height: 600 }, redactions: [{ x: 1, y: 2, width: 3, height: 4 }, { x: 0, y: 0, width: 1, height: 1 }] } },
  ],
  'capture:discard': [{ label: 'a token', payload: { token: TOKEN } }],
  'capture:open-image': [{ label: 'a few bytes', payload: { png: STAMP } }],
  'files:upload-begin': [
    { label: 'a dropped file', payload: validBegin },
    { label: 'a pasted image without a path or a date', payload: { name: 'Pasted image.png', size: 0, modifiedAt: null, path: '' } },
  ],
  'files:upload-chunk': [
    { label: 'a 64 KiB chunk', payload: { uploadId: TOKEN, offset: 0, bytes: new Uint8Array(64 * 1024).fill(7) } },
    { label: 'an empty chunk far in', payload: { uploadId: TOKEN, offset: 2 ** 40, bytes: new Uint8Array(0) } },
  ],
  'files:upload-finish': [{ label: 'an upload id', payload: { uploadId: TOKEN } }],
  'files:upload-abort': [{ label: 'an upload id', payload: { uploadId: TOKEN } }],
  'system:info': [{ label: 'an empty object', payload: {} }],
  'capture:displays': [{ label: 'an empty object', payload: {} }],
  'files:import': [{ label: 'an empty object', payload: {} }],
  'capture:screen': [
    { label: 'no display and no delay', payload: { displayId: null, delayMs: 0 } },
    { label: 'a display id and the longest delay', payload: { displayId: '2528732444', delayMs: 10_000 } },
    { label: 'a one-character display id', payload: { displayId: 'x', delayMs: 3000 } },
    { label: 'a display id of 128 characters', payload: { displayId: 'd'.repeat(128), delayMs: 1 } },
  ],
  'evidence:read': [
    { label: 'a lowercase sha256', payload: { sha256: SHA_OF_ABC } },
    { label: 'the all-zero sha256', payload: { sha256: '0'.repeat(64) } },
  ],
  'evidence:verify': [
    { label: 'one hash', payload: { sha256s: [SHA_OF_ABC] } },
    { label: 'a repeated hash', payload: { sha256s: [SHA_OF_ABC, SHA_OF_ABC] } },
  ],
  'bundle:export': [{ label: 'a small plan', payload: { exportId: EXPORT_ID, plan: VALID_PLAN } }],
  'bundle:cancel': [{ label: 'an id', payload: { exportId: EXPORT_ID } }],
  'bundle:reveal': [{ label: 'an id', payload: { exportId: EXPORT_ID } }],
  'bundle:inspect': [
    { label: 'no trusted keys', payload: { trusted: [] } },
    { label: 'a key from the keyring', payload: { trusted: [TRUSTED] } },
  ],
  'sample:open': [{ label: 'no trusted keys', payload: { trusted: [] } }],
  'bundle:import-files': [
    { label: 'a token and one file', payload: { token: EXPORT_ID, files: [{ path: 'data/evidence/a.png', sha256: SHA_OF_ABC }], confirmedExporter: null } },
    { label: 'a confirmed exporter', payload: { token: EXPORT_ID, files: [], confirmedExporter: TRUSTED.fingerprint } },
  ],
  'keycard:save': [{ label: 'a key card page', payload: { suggestedName: 'dana-whitfield-key-card-1a2b.html', html: '<!doctype html><title>Key card</title>' } }],
  'bundle:stage': [
    { label: 'the only chunk', payload: validStage },
    { label: 'a middle chunk', payload: { ...validStage, offset: 4096, last: false } },
  ],
  'evidence:purge': [
    { label: 'one candidate', payload: validPurge },
    { label: 'nothing else referenced', payload: { ...validPurge, referenced: [] } },
  ],
  'bundle:import-settle': [
    { label: 'applied', payload: { token: EXPORT_ID, applied: true } },
    { label: 'not applied', payload: { token: EXPORT_ID, applied: false } },
  ],
};

function parse(channel: Channel, payload: unknown) {
  return requestSchemas[channel].safeParse(payload);
}

describe('the bridge request schemas', () => {
  it('have exactly one schema per channel', () => {
    expect(Object.keys(requestSchemas).sort()).toEqual([...CHANNELS].sort());
  });

  it('declare test cases for every channel', () => {
    expect(Object.keys(MALFORMED).sort()).toEqual([...CHANNELS].sort());
    expect(Object.keys(VALID).sort()).toEqual([...CHANNELS].sort());
  });

  it('offer a capture delay of at most ten seconds', () => {
    expect(MAX_CAPTURE_DELAY_MS).toBe(10_000);
    expect(parse('capture:screen', { displayId: null, delayMs: MAX_CAPTURE_DELAY_MS }).success).toBe(true);
    expect(parse('capture:screen', { displayId: null, delayMs: MAX_CAPTURE_DELAY_MS + 1 }).success).toBe(false);
  });

  for (const channel of CHANNELS) {
    describe(`for ${channel}`, () => {
      for (const { label, payload, path } of MALFORMED[channel]) {
        it(`rejects ${label}`, () => {
          const result = parse(channel, payload);
          expect(result.success).toBe(false);
          if (path !== undefined) {
            expect(result.error?.issues.map((issue) => issue.path)).toContainEqual(path);
          }
        });
      }

      for (const { label, payload } of VALID[channel]) {
        it(`accepts ${label} and returns it unchanged`, () => {
          const result = parse(channel, payload);
          expect(result.success).toBe(true);
          expect(result.data).toEqual(payload);
        });
      }
    });
  }

  it('accepts an upload chunk of exactly 8 MiB, the limit', () => {
    // Not in VALID: comparing 8 MiB element by element takes a minute.
    expect(parse('files:upload-chunk', { uploadId: TOKEN, offset: 0, bytes: new Uint8Array(8 * 1024 * 1024) }).success).toBe(true);
  });

  it('explains a malformed sha256 in words', () => {
    const result = parse('evidence:read', { sha256: 'ABC' });
    expect(result.error?.issues[0]?.message).toBe('must be 64 lowercase hex digits');
  });

  it('names the unknown key it rejects', () => {
    const result = parse('system:info', { sneaky: true });
    expect(result.error?.issues[0]?.code).toBe('unrecognized_keys');
    expect(JSON.stringify(result.error?.issues[0])).toContain('sneaky');
  });
});

describe('the preload API method table', () => {
  it('binds every method to a known channel', () => {
    const unknown = Object.values(API_METHODS).filter((channel) => !isChannel(channel));
    expect(unknown).toEqual([]);
  });

  it('covers every channel exactly once', () => {
    expect(Object.values(API_METHODS).sort()).toEqual([...CHANNELS].sort());
  });
});

const REQUESTS: Record<Channel, unknown> = {
  'capture:save': validSave,
  'capture:discard': { token: TOKEN },
  'capture:open-image': { png: STAMP },
  'files:upload-begin': validBegin,
  'files:upload-chunk': { uploadId: TOKEN, offset: 0, bytes: new Uint8Array(2) },
  'files:upload-finish': { uploadId: TOKEN },
  'files:upload-abort': { uploadId: TOKEN },
  'system:info': {},
  'capture:displays': {},
  'capture:screen': { displayId: '7', delayMs: 2000 },
  'files:import': {},
  'evidence:read': { sha256: SHA_OF_ABC },
  'evidence:verify': { sha256s: [SHA_OF_ABC] },
  'bundle:export': { exportId: EXPORT_ID, plan: VALID_PLAN },
  'bundle:cancel': { exportId: EXPORT_ID },
  'bundle:reveal': { exportId: EXPORT_ID },
  'bundle:inspect': { trusted: [] },
  'sample:open': { trusted: [] },
  'bundle:import-files': { token: EXPORT_ID, files: [], confirmedExporter: null },
  'keycard:save': { suggestedName: 'card.html', html: '<p>card</p>' },
  'bundle:stage': validStage,
  'evidence:purge': validPurge,
  'bundle:import-settle': { token: EXPORT_ID, applied: true },
};

function recordingTransport() {
  const invocations: { channel: Channel; request: unknown; result: Result<unknown> }[] = [];
  const subscriptions: { name: EventName; listener: (payload: unknown) => void; unsubscribe: () => void }[] = [];
  const invoke: Invoke = (channel, request) => {
    const result = ok({ answer: invocations.length, channel });
    invocations.push({ channel, request, result });
    return Promise.resolve(result);
  };
  const subscribe: Subscribe = (name, listener) => {
    const unsubscribe = (): void => undefined;
    subscriptions.push({ name, listener, unsubscribe });
    return unsubscribe;
  };
  return { invoke, subscribe, invocations, subscriptions };
}

describe('createApi', () => {
  it('exposes exactly the table methods and onEvent', () => {
    const { invoke, subscribe } = recordingTransport();
    const api = createApi(invoke, subscribe);
    expect(Object.keys(api).sort()).toEqual([...Object.keys(API_METHODS), 'onEvent'].sort());
  });

  it('calls nothing until a method is used', () => {
    const { invoke, subscribe, invocations, subscriptions } = recordingTransport();
    createApi(invoke, subscribe);
    expect(invocations).toEqual([]);
    expect(subscriptions).toEqual([]);
  });

  for (const [method, channel] of Object.entries(API_METHODS)) {
    it(`sends ${method} on ${channel} with the caller's request and returns the transport's result`, async () => {
      const { invoke, subscribe, invocations } = recordingTransport();
      const api = createApi(invoke, subscribe);
      const request = REQUESTS[channel];
      const call = api[method as keyof typeof API_METHODS] as (request: unknown) => Promise<Result<unknown>>;

      const returned = await call(request);

      expect(invocations).toHaveLength(1);
      expect(invocations[0]?.channel).toBe(channel);
      expect(invocations[0]?.request).toBe(request);
      expect(returned).toBe(invocations[0]?.result);
    });
  }

  it('passes a failed result through untouched', async () => {
    const failure = fail('not-found', 'no such blob');
    const api = createApi(
      () => Promise.resolve(failure),
      () => () => undefined,
    );
    await expect(api.readEvidence({ sha256: SHA_OF_ABC })).resolves.toBe(failure);
  });

  it('subscribes onEvent listeners by name and returns the transport unsubscribe', () => {
    const { invoke, subscribe, subscriptions } = recordingTransport();
    const api = createApi(invoke, subscribe);
    const received: number[] = [];
    const listener = (payload: { secondsLeft: number }): void => {
      received.push(payload.secondsLeft);
    };

    const unsubscribe = api.onEvent('capture:countdown', listener);

    expect(subscriptions).toHaveLength(1);
    expect(subscriptions[0]?.name).toBe('capture:countdown');
    expect(unsubscribe).toBe(subscriptions[0]?.unsubscribe);
    subscriptions[0]?.listener({ secondsLeft: 3 });
    expect(received).toEqual([3]);
  });
});

const NOT_A_NAME: readonly unknown[] = [
  '',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  null,
  undefined,
  0,
  {},
  [],
];

describe('isChannel', () => {
  it('accepts every declared channel', () => {
    expect(CHANNELS.filter((channel) => !isChannel(channel))).toEqual([]);
  });

  it('rejects prototype keys, near misses, event names and non-strings', () => {
    const bad = [
      ...NOT_A_NAME,
      'System:Info',
      'system:info ',
      ' system:info',
      'system',
      'evidence:read\0',
      'files:progress',
      ['system:info'],
      new String('system:info'),
      { toString: () => 'system:info' },
    ];
    expect(bad.filter((value) => isChannel(value))).toEqual([]);
  });
});

describe('isEventName', () => {
  it('accepts every declared event name', () => {
    expect(EVENT_NAMES.filter((name) => !isEventName(name))).toEqual([]);
  });

  it('rejects prototype keys, near misses, channels and non-strings', () => {
    const bad = [...NOT_A_NAME, 'files:Progress', 'capture:countdown ', 'system:info', ['files:progress'], new String('files:progress')];
    expect(bad.filter((value) => isEventName(value))).toEqual([]);
  });
});

describe('bridge results', () => {
  it('wraps a value as a success', () => {
    const value = { n: 1 };
    const result = ok(value);
    expect(result).toEqual({ ok: true, value });
    expect(result.ok && result.value).toBe(value);
  });

  it('wraps a code and message as a failure', () => {
    expect(fail('invalid-payload', 'delayMs: too big')).toEqual({
      ok: false,
      error: { code: 'invalid-payload', message: 'delayMs: too big' },
    });
  });

  it('has no duplicate error codes', () => {
    expect(new Set(BRIDGE_ERROR_CODES).size).toBe(BRIDGE_ERROR_CODES.length);
  });
});
