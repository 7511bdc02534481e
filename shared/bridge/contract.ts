import type { z } from 'zod';
import type { requestSchemas } from './schemas';
import type { Result } from './result';
import type { OriginalCapture } from '../domain/records';
import type { MenuCommand } from '../app/menu';
import type { VerifyReport } from '../verify/report';

/**
 * The bridge between renderer and main, declared once (DESIGN.md §2): channel names, request
 * and response types, push events, and the API the preload exposes. The runtime validators
 * live in ./schemas (main applies them before any handler runs); keeping zod out of this
 * module keeps it out of the sandboxed preload bundle.
 */

export const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Longest capture delay the UI offers (DESIGN.md §3: 0–10 s). */
export const MAX_CAPTURE_DELAY_MS = 10_000;

/** A file dropped or pasted crosses from the renderer in chunks of at most this size: memory stays flat. */
export const MAX_UPLOAD_CHUNK_BYTES = 8 * 1024 * 1024;

/** Most redaction boxes one capture may carry (a person draws a handful). */
export const MAX_REDACTIONS = 500;

/** Previews and the editor read bytes back; bigger files are exported, never shipped over IPC. */
export const MAX_READ_BYTES = 64 * 1024 * 1024;

export const CHANNELS = [
  'system:info',
  'capture:displays',
  'capture:screen',
  'capture:save',
  'capture:discard',
  'capture:open-image',
  'files:import',
  'files:upload-begin',
  'files:upload-chunk',
  'files:upload-finish',
  'files:upload-abort',
  'evidence:read',
  'evidence:verify',
  'bundle:export',
  'bundle:cancel',
  'bundle:reveal',
  'bundle:inspect',
  'bundle:import-files',
  'sample:open',
  'keycard:save',
  'bundle:stage',
  'evidence:purge',
  'bundle:import-settle',
] as const;

/** Most hashes one purge may name as candidates (an audit has thousands of items, not millions). */
export const MAX_PURGE_CANDIDATES = 100_000;
/** Most hashes the renderer may name as still referenced: every item of every audit, with room. */
export const MAX_REFERENCED_HASHES = 2_000_000;

/** What a purge did: removed only candidates that nothing references (see 'evidence:purge'). */
export interface PurgeResult {
  readonly purged: readonly { readonly sha256: string; readonly size: number }[];
  /** Candidates that were named as still referenced: left in place. */
  readonly kept: readonly string[];
  /** Candidates that were not in the store. */
  readonly missing: readonly string[];
}

/** Most hashes one integrity check may ask about in a call (an audit has hundreds, not millions). */
export const MAX_VERIFY_HASHES = 100_000;
export type Channel = (typeof CHANNELS)[number];

export interface SystemInfo {
  readonly user: string;
  readonly host: string;
  readonly platform: string;
  readonly osRelease: string;
  readonly appVersion: string;
  /** IANA zone of the machine, e.g. 'Europe/Berlin'. */
  readonly timeZone: string;
}

export interface DisplayInfo {
  readonly id: string;
  readonly name: string;
  readonly width: number;
  readonly height: number;
  readonly x: number;
  readonly y: number;
  readonly primary: boolean;
}

export interface StoredBlob {
  readonly sha256: string;
  readonly size: number;
  /** True when the same bytes were already in the store (deduplicated). */
  readonly existed: boolean;
}

/**
 * A screen capture held in main's memory, not yet stored, while the user edits it (DESIGN.md §3).
 * Nothing is written until it is saved: a capture that is redacted must never reach the disk.
 */
export interface PendingCapture {
  /** Names the capture in capture:save and capture:discard. */
  readonly token: string;
  /** The raw PNG, for the editor to show. */
  readonly png: Uint8Array;
  /** SHA-256 of the raw PNG, as main read it from the capture tool. */
  readonly sha256: string;
  readonly size: number;
  readonly width: number;
  readonly height: number;
  /** UTC ISO instant taken right after the pixels were read. */
  readonly capturedAt: string;
  readonly display: { readonly id: string; readonly name: string; readonly width: number; readonly height: number };
  /** 'pasted': an image from the clipboard (say, from the desktop's own screenshot tool), opened in the editor. */
  readonly origin: 'screen' | 'pasted';
}

/** A rectangle in the raw capture's pixels. */
export interface PixelRect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface StoredImage extends StoredBlob {
  readonly width: number;
  readonly height: number;
}

export interface SavedCapture {
  /** The evidence image: cropped, redacted, with the stamp below. */
  readonly image: StoredImage;
  /** The raw capture: stored unless redaction was applied, then only its hash survives. */
  readonly original: OriginalCapture;
  /** What was done, e.g. ['cropped:0,40,800,600', 'redacted:2', 'stamped']. */
  readonly processing: readonly string[];
}

export interface ImportedFile extends StoredBlob {
  readonly name: string;
  readonly path: string;
  readonly mime: string;
  /** The file's own modification time, UTC ISO. */
  readonly modifiedAt: string;
  readonly importedAt: string;
}

export interface ImportFailure {
  readonly name: string;
  readonly path: string;
  readonly message: string;
}

export interface FileImportResult {
  readonly files: readonly ImportedFile[];
  readonly failures: readonly ImportFailure[];
}

export interface UploadStarted {
  readonly uploadId: string;
}

export interface BlobCheck {
  readonly sha256: string;
  /** ok: the stored bytes hash to their name; altered: they do not; missing: no file. */
  readonly status: 'ok' | 'missing' | 'altered';
  readonly size: number | null;
}

export type BundleExportResult =
  | { readonly status: 'written'; readonly path: string; readonly size: number; readonly sha256: string }
  | { readonly status: 'cancelled' };

/** A bundle chosen for import, verified in main by the one verification core; the token names it in the import call. */
export type BundleInspection =
  | { readonly status: 'cancelled' }
  | {
      readonly status: 'inspected';
      readonly token: string;
      readonly fileName: string;
      /** The core's report, with the keys of this installation's keyring as the trusted keys. */
      readonly report: VerifyReport;
      /** The bag's data/manifest.json and data/audit-log.jsonl; null when they could not be read. */
      readonly manifestJson: string | null;
      readonly auditLog: string | null;
      /** True for the built-in sample, whose fictional reviewer key the app made itself just now. */
      readonly builtInSample: boolean;
    };

export interface Responses {
  'system:info': SystemInfo;
  'capture:displays': readonly DisplayInfo[];
  'capture:screen': PendingCapture;
  'capture:save': SavedCapture;
  'capture:discard': { readonly discarded: boolean };
  'capture:open-image': PendingCapture;
  'files:import': FileImportResult;
  'files:upload-begin': UploadStarted;
  'files:upload-chunk': { readonly received: number };
  'files:upload-finish': ImportedFile;
  'files:upload-abort': { readonly aborted: boolean };
  'evidence:read': Uint8Array;
  'evidence:verify': readonly BlobCheck[];
  'bundle:export': BundleExportResult;
  'bundle:cancel': { readonly cancelled: boolean };
  'bundle:reveal': { readonly shown: boolean };
  'bundle:inspect': BundleInspection;
  'bundle:import-files': { readonly stored: number; readonly existed: number };
  'sample:open': BundleInspection;
  'keycard:save': { readonly status: 'written'; readonly path: string } | { readonly status: 'cancelled' };
  /**
   * Removes stored bytes that no metadata references any more (an audit was deleted). The store
   * is write-once otherwise. Main removes a candidate only when it is absent from `referenced`,
   * the renderer's full list of hashes its database still points at, so a wrong candidate
   * list cannot remove bytes another audit uses; every removal is logged in main.
   */
  'evidence:purge': PurgeResult;
  /** A chunk of a generated bag file taken; the last chunk answers with the file's hash and size. */
  'bundle:stage': { readonly received: number } | { readonly sha256: string; readonly size: number };
  /** After the renderer wrote (applied) or failed to write the import's rows: the blobs it copied are kept or taken back. */
  'bundle:import-settle': { readonly removed: number; readonly kept: readonly string[] };
}

export type Request<C extends Channel> = z.infer<(typeof requestSchemas)[C]>;
export type Response<C extends Channel> = Responses[C];

/** Push events from main to the renderer (progress of long work). */
export interface Events {
  'files:progress': {
    readonly name: string;
    readonly index: number;
    readonly count: number;
    readonly bytesDone: number;
    readonly bytesTotal: number;
  };
  'capture:countdown': { readonly secondsLeft: number };
  /** The global capture shortcut was pressed: capture for the control the user last chose. */
  'capture:shortcut': { readonly accelerator: string };
  'evidence:verify-progress': { readonly done: number; readonly total: number; readonly bytesDone: number };
  'bundle:import-progress': { readonly done: number; readonly total: number };
  'bundle:progress': {
    readonly exportId: string;
    readonly itemsDone: number;
    readonly itemsTotal: number;
    readonly bytesDone: number;
    readonly bytesTotal: number;
  };
  /** An item of the application menu was chosen; the renderer checks `command` with isMenuCommand. */
  'menu:command': { readonly command: MenuCommand };
}
export type EventName = keyof Events;
export const EVENT_NAMES = [
  'files:progress',
  'capture:countdown',
  'capture:shortcut',
  'evidence:verify-progress',
  'bundle:progress',
  'bundle:import-progress',
  'menu:command',
] as const satisfies readonly EventName[];

/** The names the preload exposes, each bound to one channel. */
export const API_METHODS = {
  systemInfo: 'system:info',
  listDisplays: 'capture:displays',
  captureScreen: 'capture:screen',
  saveCapture: 'capture:save',
  discardCapture: 'capture:discard',
  openImage: 'capture:open-image',
  importFiles: 'files:import',
  beginUpload: 'files:upload-begin',
  uploadChunk: 'files:upload-chunk',
  finishUpload: 'files:upload-finish',
  abortUpload: 'files:upload-abort',
  readEvidence: 'evidence:read',
  verifyEvidence: 'evidence:verify',
  exportBundle: 'bundle:export',
  cancelExport: 'bundle:cancel',
  revealExport: 'bundle:reveal',
  inspectBundle: 'bundle:inspect',
  importBundleFiles: 'bundle:import-files',
  openSample: 'sample:open',
  saveKeyCard: 'keycard:save',
  stageBundleFile: 'bundle:stage',
  purgeEvidence: 'evidence:purge',
  settleImport: 'bundle:import-settle',
} as const satisfies Record<string, Channel>;
type ApiMethods = typeof API_METHODS;

export type EvidenceLockerApi = {
  readonly [M in keyof ApiMethods]: (request: Request<ApiMethods[M]>) => Promise<Result<Response<ApiMethods[M]>>>;
} & {
  readonly onEvent: <E extends EventName>(name: E, listener: (payload: Events[E]) => void) => () => void;
  /**
   * Where a dropped file lives on disk, recorded as metadata only (main never reads a path the
   * renderer names). Electron's preload answers through webUtils; '' when there is no path,
   * as for a pasted image or in a plain browser.
   */
  readonly pathForFile?: (file: File) => string;
};

export type Invoke = (channel: Channel, request: unknown) => Promise<Result<unknown>>;
export type Subscribe = (name: EventName, listener: (payload: unknown) => void) => () => void;

/**
 * Builds the renderer-facing API from a transport. The preload passes ipcRenderer.invoke;
 * tests pass their own transport over the same handler table.
 */
export function createApi(invoke: Invoke, subscribe: Subscribe): EvidenceLockerApi {
  const call =
    <C extends Channel>(channel: C) =>
    (request: Request<C>): Promise<Result<Response<C>>> =>
      invoke(channel, request) as Promise<Result<Response<C>>>;
  return {
    systemInfo: call(API_METHODS.systemInfo),
    listDisplays: call(API_METHODS.listDisplays),
    captureScreen: call(API_METHODS.captureScreen),
    saveCapture: call(API_METHODS.saveCapture),
    discardCapture: call(API_METHODS.discardCapture),
    openImage: call(API_METHODS.openImage),
    importFiles: call(API_METHODS.importFiles),
    beginUpload: call(API_METHODS.beginUpload),
    uploadChunk: call(API_METHODS.uploadChunk),
    finishUpload: call(API_METHODS.finishUpload),
    abortUpload: call(API_METHODS.abortUpload),
    readEvidence: call(API_METHODS.readEvidence),
    verifyEvidence: call(API_METHODS.verifyEvidence),
    exportBundle: call(API_METHODS.exportBundle),
    cancelExport: call(API_METHODS.cancelExport),
    revealExport: call(API_METHODS.revealExport),
    inspectBundle: call(API_METHODS.inspectBundle),
    importBundleFiles: call(API_METHODS.importBundleFiles),
    openSample: call(API_METHODS.openSample),
    saveKeyCard: call(API_METHODS.saveKeyCard),
    stageBundleFile: call(API_METHODS.stageBundleFile),
    purgeEvidence: call(API_METHODS.purgeEvidence),
    settleImport: call(API_METHODS.settleImport),
    onEvent: (name, listener) => subscribe(name, listener as (payload: unknown) => void),
  };
}

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && (EVENT_NAMES as readonly string[]).includes(value);
}
