import { createHash } from 'node:crypto';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { hostname, release, tmpdir, userInfo } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { buildSampleAudit, signAndWrite } from '../bundle/sample';
import type { BlobCheck, Events, EventName, ImportFailure, ImportedFile, PendingCapture, Request, Response, Channel } from '../../../shared/bridge/contract';
import { MAX_READ_BYTES } from '../../../shared/bridge/contract';
import { pngDimensions } from '../../../shared/files/png';
import { composeEvidenceImage, isBlank, MAX_STAMP_HEIGHT, stampWidthFor, type Raster } from '../../../shared/image/raster';
import { visibleName } from '../../../shared/files/visibleName';
import { explainBlankCapture, type ScreenCapturer } from '../capture';
import { decodePng, encodePng } from '../png';
import { createPendingCaptures } from '../pendingCaptures';
import { imageBudgetProblem, MAX_IMAGE_PIXELS } from '../../../shared/image/budget';
import { createUploads } from './upload';
import type { EvidenceStore } from '../store';
import { BridgeFailure, describeKnownError, isDiskFull } from './failure';
import { importFile } from './files';
import { checkPlan } from '../../../shared/bundle/planTypes';
import { PARTIAL_SUFFIX, partialPrefix, writeBundle } from '../bundle/writer';
import { createTextStaging, stagingDirOf, type TextStaging } from '../bundle/staging';
import type { TempLedger } from '../sweep';
import { verifierPageOf, verifyBundle } from '../bundle/verify';
import { currentIdentity, importBundleFiles, sameIdentity, type FileIdentity } from '../bundle/importFiles';
import { createInspections } from '../bundle/inspections';
import { openBundleFile } from '../bundle/bundleFile';
import type { TrustedKey } from '../../../shared/trust/keyring';
import { withCheck } from '../../../shared/verify/report';
import { PROGRESS_INTERVAL_MS, throttled } from './progress';
import { purgeUnreferenced } from './purge';
import { isSafeBagPath } from '../../../shared/bundle/paths';

export type Handler<C extends Channel> = (request: Request<C>) => Promise<Response<C>>;
export type HandlerTable = { readonly [C in Channel]: Handler<C> };

/** Everything Electron-specific the handlers need, passed in so tests can run them in Node. */
export interface HandlerDeps {
  readonly store: EvidenceStore;
  readonly capturer: ScreenCapturer;
  readonly appVersion: string;
  /** main's own open dialog; the renderer never supplies a path to read. */
  readonly chooseFilesToImport: () => Promise<string[]>;
  /** Hides the app window for a capture and returns the function that brings it back. */
  readonly hideWindowForCapture: () => Promise<() => void>;
  readonly emit: <E extends EventName>(name: E, payload: Events[E]) => void;
  /** main's own save dialog; null when the user cancels. The renderer never supplies a path. */
  readonly chooseBundlePath: (suggestedName: string) => Promise<string | null>;
  readonly revealInFolder: (path: string) => void;
  /** main's own open dialog for a bundle; null when the user cancels. */
  readonly chooseBundleToImport: () => Promise<string | null>;
  /** main's own save dialog for a key card; null when the user cancels. */
  readonly chooseKeyCardPath: (suggestedName: string) => Promise<string | null>;
  /** Where generated bag files wait for their export; by default beside the store. */
  readonly staging?: TextStaging;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => Date;
  /**
   * Subscribes to "the app's page went away" (reloaded, closed, crashed): what it had open in
   * main — uploads, captures being edited, bundles being imported — can no longer be finished.
   */
  readonly onPageGone?: (listener: (reason: string) => void) => void;
  /** How long a user-chosen file may go without answering an open or a read (safeFile.ts). */
  readonly stallTimeoutMs?: number;
  /** How long an upload may go without data before it is given up (upload.ts). */
  readonly uploadIdleMs?: number;
  /** Where temporary files about to be written are noted, for the start-up sweep (sweep.ts). */
  readonly tempLedger?: TempLedger;
}

/** Temporary folders of the built-in sample audit; the start-up sweep knows them by this prefix. */
export const SAMPLE_DIR_PREFIX = 'evidence-locker-sample-';

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function systemInfo(appVersion: string): Response<'system:info'> {
  let user: string;
  try {
    user = userInfo().username;
  } catch {
    // userInfo() throws when the uid has no passwd entry (some containers).
    user = process.env['USER'] ?? process.env['USERNAME'] ?? 'unknown';
  }
  return {
    user,
    host: hostname(),
    platform: process.platform,
    osRelease: release(),
    appVersion,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
}

export function createHandlers(deps: HandlerDeps): HandlerTable {
  const sleep = deps.sleep ?? defaultSleep;
  const now = deps.now ?? (() => new Date());
  // Exports in progress (to cancel) and written (to reveal), by the id the renderer chose.
  const running = new Map<string, AbortController>();
  const written = new Map<string, string>();
  // Bundles chosen for import, by token: only those that verified may be imported from, and
  // only once their exporter's key is trusted (it was when inspected, or the user confirmed it).
  const inspections = createInspections();
  // Captures being edited, held in memory only: a capture that gets redacted never reaches the disk.
  const pending = createPendingCaptures();
  const uploads = createUploads(deps.store, now, { idleMs: deps.uploadIdleMs });
  const staging = deps.staging ?? createTextStaging(stagingDirOf(deps.store.root));
  deps.onPageGone?.((reason) => {
    uploads.expireAll(reason);
    pending.clear();
    inspections.releaseAll();
  });

  function hold(png: Buffer, raster: Raster, capturedAt: string, display: PendingCapture['display'], origin: PendingCapture['origin']): PendingCapture {
    const held = pending.hold(png, raster);
    return { token: held.token, png: new Uint8Array(png), sha256: held.sha256, size: png.length, width: raster.width, height: raster.height, capturedAt, display, origin };
  }

  async function inspect(path: string, fileName: string, trusted: readonly TrustedKey[], builtInSample: boolean, tempDir: string | null = null): Promise<Response<'bundle:inspect'>> {
    // Opened safely first: a pipe or device chosen in the dialog is named, not verified.
    const before = await currentIdentity(path, deps.stallTimeoutMs);
    const verified = await verifyBundle(path, {
      trusted,
      verifierPage: verifierPageOf(deps.appVersion),
      openFile: (p) => openBundleFile(p, { stallTimeoutMs: deps.stallTimeoutMs }),
    });
    const { texts } = verified;
    const after: FileIdentity | null = await currentIdentity(path, deps.stallTimeoutMs).catch(() => null);
    const unchanged = after !== null && sameIdentity(after, before);
    // Import later reads the bundle again and checks it is this very file: one that changed
    // while it was verified was not verified at all.
    const report = unchanged
      ? verified.report
      : withCheck(verified.report, {
          id: 'unchanged',
          title: 'Unchanged while verified',
          status: 'fail',
          summary: 'The bundle file changed while it was being verified.',
          problems: ['the bundle file changed while it was being verified: choose it again'],
          notes: [],
        });
    const exporter = report.signers.find((s) => s.signed.bag) ?? null;
    const token = await inspections.add({
      path,
      bagName: report.facts.bagName ?? '',
      ok: report.verdict !== 'fail',
      exporter: exporter?.fingerprint ?? null,
      exporterTrusted: exporter?.trustedAs != null,
      identity: before,
      tempDir,
    });
    return { status: 'inspected', token, fileName, report, manifestJson: texts.manifestJson, auditLog: texts.auditLog, builtInSample };
  }

  return {
    'system:info': async () => systemInfo(deps.appVersion),

    'capture:displays': async () => deps.capturer.listDisplays(),

    'capture:screen': async ({ displayId, delayMs }) => {
      for (let left = Math.ceil(delayMs / 1000); left > 0; left -= 1) {
        deps.emit('capture:countdown', { secondsLeft: left });
        await sleep(Math.min(1000, delayMs - (left - 1) * 1000));
      }
      // The capturer may read raw pixels: the ones kept for an earlier capture go first.
      pending.releasePixels();
      const restore = await deps.hideWindowForCapture();
      let shot;
      try {
        shot = await deps.capturer.capturePng(displayId);
      } finally {
        restore();
      }
      const capturedAt = now().toISOString();
      // A capturer that read raw pixels hands them over; a PNG from elsewhere is judged by its header first.
      const declared = shot.raster ?? pngDimensions(shot.png);
      if (!declared) throw new BridgeFailure('capture-failed', 'The capture tool did not return a PNG image. Nothing was stored.');
      const tooLarge = imageBudgetProblem(declared.width, declared.height);
      if (tooLarge) throw new BridgeFailure('too-large', `The capture is ${tooLarge}. Nothing was stored.`);
      const raster = shot.raster ?? (await decodePng(shot.png, MAX_IMAGE_PIXELS));
      if (!raster) throw new BridgeFailure('capture-failed', 'The capture tool did not return a PNG image. Nothing was stored.');
      if (isBlank(raster)) throw explainBlankCapture();
      return hold(shot.png, raster, capturedAt, { id: shot.display.id, name: shot.display.name, width: shot.display.width, height: shot.display.height }, 'screen');
    },

    'capture:open-image': async ({ png }) => {
      // The header first: a small PNG can declare a huge image, and decoding it would exhaust main's memory.
      const declared = pngDimensions(png);
      if (!declared) throw new BridgeFailure('invalid-payload', 'The pasted image is not a PNG. Nothing was stored; attach it as a file instead.');
      const tooLarge = imageBudgetProblem(declared.width, declared.height);
      if (tooLarge) throw new BridgeFailure('too-large', `The pasted image is ${tooLarge}. Nothing was stored; attach it as a file instead.`);
      pending.releasePixels();
      const raster = await decodePng(png, MAX_IMAGE_PIXELS);
      if (!raster) throw new BridgeFailure('invalid-payload', 'The pasted image could not be read as a PNG. Nothing was stored.');
      if (isBlank(raster)) throw new BridgeFailure('capture-blank', 'The pasted image is entirely black, so it was not opened. Copy the screenshot again.');
      const bytes = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
      return hold(bytes, raster, now().toISOString(), { id: 'clipboard', name: 'pasted image', width: raster.width, height: raster.height }, 'pasted');
    },

    'capture:save': async ({ token, crop, redactions, stamp }) => {
      const raw = pending.get(token);
      if (!raw) throw new BridgeFailure('not-found', 'This capture is no longer open (it was saved, discarded, or replaced by newer captures). Capture again.');
      // The header first: a small PNG can declare a huge image, and decoding it would exhaust main's memory.
      const declared = pngDimensions(stamp);
      const width = stampWidthFor(crop?.width ?? raw.width);
      if (!declared) throw new BridgeFailure('invalid-payload', 'The evidence stamp is not a PNG image. Nothing was stored.');
      if (declared.width !== width || declared.height > MAX_STAMP_HEIGHT) {
        throw new BridgeFailure(
          'invalid-payload',
          `The evidence stamp is ${declared.width} × ${declared.height} px; it must be ${width} px wide and at most ${MAX_STAMP_HEIGHT} px high. Nothing was stored.`,
        );
      }
      // The stamp is at most as wide as the capture (or 640 px) and 600 px high: within the budget the capture met.
      const banner = await decodePng(stamp, Math.max(MAX_IMAGE_PIXELS, width * MAX_STAMP_HEIGHT));
      if (!banner) throw new BridgeFailure('invalid-payload', 'The evidence stamp is not a PNG image. Nothing was stored.');
      let composed;
      try {
        composed = composeEvidenceImage(await pending.pixels(raw), { crop, redactions, stamp: banner });
      } catch (error) {
        if (error instanceof RangeError) throw new BridgeFailure('invalid-payload', `${error.message} Nothing was stored.`);
        throw error;
      }
      // Keeping the raw capture of a redacted screenshot would keep what was redacted: only its hash survives.
      const redacted = composed.redacted > 0;
      // Both files, or neither: the raw capture is written while the evidence image is encoded.
      const transaction = deps.store.transaction();
      const [stored, original] = await Promise.allSettled([
        encodePng(composed.image).then((png) => transaction.put(png)),
        redacted ? Promise.resolve(null) : transaction.put(raw.png),
      ]);
      if (stored.status === 'rejected' || original.status === 'rejected') {
        await transaction.rollback();
        const error: unknown = stored.status === 'rejected' ? stored.reason : original.status === 'rejected' ? original.reason : null;
        if (isDiskFull(error)) {
          // The capture stays open: once there is space, Save works without capturing again.
          throw new BridgeFailure('io-error', 'The disk is full, so the capture could not be saved. Free some space and save again; the capture is still open.');
        }
        throw error;
      }
      transaction.commit();
      pending.delete(token);
      return {
        image: { ...stored.value, width: composed.image.width, height: composed.image.height },
        original: { sha256: raw.sha256, size: raw.png.length, width: raw.width, height: raw.height, stored: !redacted },
        processing: composed.processing,
      };
    },

    'capture:discard': async ({ token }) => ({ discarded: pending.delete(token) }),

    'files:upload-begin': async (request) => uploads.begin(request),
    'files:upload-chunk': async ({ uploadId, offset, bytes }) => uploads.chunk(uploadId, offset, bytes),
    'files:upload-finish': async ({ uploadId }) => uploads.finish(uploadId),
    'files:upload-abort': async ({ uploadId }) => uploads.abort(uploadId),

    'files:import': async () => {
      const paths = await deps.chooseFilesToImport();
      const files: ImportedFile[] = [];
      const failures: ImportFailure[] = [];
      for (const [index, path] of paths.entries()) {
        // The platform's own basename: on Linux a backslash is an ordinary file-name character.
        const name = basename(path);
        const progress = throttled(
          (bytes: { bytesDone: number; bytesTotal: number }) => deps.emit('files:progress', { name, index, count: paths.length, ...bytes }),
          (bytes) => bytes.bytesDone >= bytes.bytesTotal,
        );
        try {
          files.push(await importFile(deps.store, path, (bytesDone, bytesTotal) => progress({ bytesDone, bytesTotal }), now, { stallTimeoutMs: deps.stallTimeoutMs }));
        } catch (error) {
          const message = error instanceof BridgeFailure ? error.message : `"${visibleName(name)}" could not be stored: ${String(error)}`;
          failures.push({ name, path, message });
        }
      }
      return { files, failures };
    },

    'evidence:read': async ({ sha256 }) => {
      const size = await deps.store.size(sha256);
      if (size === null) throw new BridgeFailure('not-found', `No stored evidence has SHA-256 ${sha256}.`);
      if (size > MAX_READ_BYTES) {
        throw new BridgeFailure('too-large', `This item is ${size} bytes, too large to preview; it is exported as it is.`);
      }
      const chunks: Buffer[] = [];
      for await (const chunk of deps.store.openRead(sha256)) chunks.push(chunk as Buffer);
      return new Uint8Array(Buffer.concat(chunks));
    },

    'evidence:purge': async (request) => purgeUnreferenced(deps.store, request, now),

    'evidence:verify': async ({ sha256s }) => {
      const unique = [...new Set(sha256s)];
      const results: BlobCheck[] = [];
      let bytesDone = 0;
      // An event per file was 10,000 messages, each a render in the window (issue #12).
      const progress = throttled(
        (counts: { done: number; total: number; bytesDone: number }) => deps.emit('evidence:verify-progress', counts),
        (counts) => counts.done >= counts.total,
        PROGRESS_INTERVAL_MS,
        () => now().getTime(),
      );
      for (const [index, sha256] of unique.entries()) {
        const size = await deps.store.size(sha256);
        if (size === null) {
          results.push({ sha256, status: 'missing', size: null });
        } else {
          const hash = createHash('sha256');
          for await (const chunk of deps.store.openRead(sha256)) {
            hash.update(chunk as Buffer);
            bytesDone += (chunk as Buffer).length;
          }
          results.push({ sha256, status: hash.digest('hex') === sha256 ? 'ok' : 'altered', size });
        }
        progress({ done: index + 1, total: unique.length, bytesDone });
      }
      return results;
    },

    'bundle:export': async ({ exportId, plan }) => {
      // The staged generated files serve this one export, whatever its outcome.
      const release = (): Promise<void> => staging.release(plan.entries.filter((e) => e.kind === 'staged').map((e) => e.sha256));
      const problems = checkPlan(plan);
      if (problems.length > 0) {
        await release();
        throw new BridgeFailure('invalid-payload', `The bundle cannot be written: ${problems.join('; ')}.`);
      }
      if (running.has(exportId)) throw new BridgeFailure('invalid-payload', 'This export is already running.');
      const controller = new AbortController();
      running.set(exportId, controller);
      let forget: (() => Promise<void>) | undefined;
      try {
        const target = await deps.chooseBundlePath(`${plan.bagName}.zip`);
        if (target === null) return { status: 'cancelled' };
        // Should this run be killed midway, the next start finds and removes the hidden temporary file.
        forget = await deps.tempLedger?.note({ dir: dirname(target), prefix: partialPrefix(target), suffix: PARTIAL_SUFFIX });
        const result = await writeBundle(plan, { store: deps.store, staging }, target, {
          signal: controller.signal,
          onProgress: throttled(
            (progress) => deps.emit('bundle:progress', { exportId, ...progress }),
            (progress) => progress.itemsDone >= progress.itemsTotal,
          ),
        });
        written.set(exportId, result.path);
        return { status: 'written', ...result };
      } catch (error) {
        if (error instanceof BridgeFailure && error.code === 'cancelled') return { status: 'cancelled' };
        throw error;
      } finally {
        running.delete(exportId);
        await forget?.();
        await release();
      }
    },

    'bundle:cancel': async ({ exportId }) => {
      const controller = running.get(exportId);
      controller?.abort();
      return { cancelled: controller !== undefined };
    },

    'bundle:stage': async ({ stageId, offset, bytes, last }) => staging.append(stageId, offset, bytes, last),

    'bundle:inspect': async ({ trusted }) => {
      const path = await deps.chooseBundleToImport();
      if (path === null) return { status: 'cancelled' };
      return inspect(path, basename(path), trusted, false);
    },

    // The sample audit goes through the same path as any bundle: written by the same planner
    // and writer, verified, previewed, imported.
    'sample:open': async ({ trusted }) => {
      // Ours alone: removed when the inspection ends, and by the start-up sweep after a crash.
      inspections.releaseSamples();
      const dir = await mkdtemp(join(tmpdir(), SAMPLE_DIR_PREFIX));
      try {
        const sample = await buildSampleAudit(join(dir, 'store'));
        const { written } = await signAndWrite(sample, join(dir, 'sample-audit.zip'), { appVersion: deps.appVersion });
        await rm(sample.store.root, { recursive: true, force: true });
        return await inspect(written.path, 'Sample audit (built in)', trusted, true, dir);
      } catch (error) {
        await rm(dir, { recursive: true, force: true });
        // Said as for any call (the writer's own words are about exporting).
        throw (isDiskFull(error) ? describeKnownError(error, 'sample:open') : null) ?? error;
      }
    },

    'bundle:import-files': async ({ token, files, confirmedExporter }) => {
      const bundle = inspections.get(token);
      if (!bundle) throw new BridgeFailure('not-found', 'Choose the bundle again: this import is no longer open.');
      if (!bundle.ok) throw new BridgeFailure('invalid-payload', 'This bundle failed verification: it can be inspected but not imported.');
      if (!bundle.exporterTrusted && (confirmedExporter === null || confirmedExporter !== bundle.exporter)) {
        throw new BridgeFailure('invalid-payload', 'This bundle is signed by a key nobody confirmed: compare its fingerprint with the exporter before importing it.');
      }
      if (bundle.transaction) throw new BridgeFailure('invalid-payload', 'The files of this bundle were already copied; choose it again to import it anew.');
      for (const file of files) {
        if (!isSafeBagPath(file.path)) throw new BridgeFailure('invalid-payload', `${file.path} is not a path inside the bag.`);
      }
      const progress = throttled(
        (counts: { done: number; total: number }) => deps.emit('bundle:import-progress', counts),
        (counts) => counts.done >= counts.total,
      );
      const { result, transaction } = await importBundleFiles(deps.store, bundle.path, bundle.bagName, files, {
        verified: bundle.identity ?? undefined,
        stallTimeoutMs: deps.stallTimeoutMs,
        onProgress: (done, total) => progress({ done, total }),
      });
      if (inspections.get(token) !== bundle) {
        // The inspection ended meanwhile (the page went away): no row can refer to these blobs.
        await transaction.rollback();
        throw new BridgeFailure('cancelled', 'The window was reloaded or closed during the import. Nothing was added.');
      }
      // Kept provisional until the renderer says whether it wrote the rows (bundle:import-settle).
      bundle.transaction = transaction;
      return result;
    },

    'bundle:import-settle': async ({ token, applied }) => {
      const outcome = await inspections.settle(token, applied);
      if (!outcome) throw new BridgeFailure('not-found', 'This import is no longer open.');
      return outcome;
    },

    'keycard:save': async ({ suggestedName, html }) => {
      const target = await deps.chooseKeyCardPath(suggestedName);
      if (target === null) return { status: 'cancelled' };
      const failed = (error: unknown): BridgeFailure =>
        describeKnownError(error, 'keycard:save') ?? new BridgeFailure('io-error', `The key card could not be saved: ${error instanceof Error ? error.message : String(error)}`);
      let handle;
      try {
        handle = await open(target, 'w');
      } catch (error) {
        // Not opened: whatever was at the path is as it was.
        throw failed(error);
      }
      try {
        await handle.writeFile(html, 'utf8');
        await handle.close();
      } catch (error) {
        // A card cut off by a full disk would be handed on as if whole: it goes.
        await handle.close().catch(() => undefined);
        await rm(target, { force: true });
        throw failed(error);
      }
      return { status: 'written', path: target };
    },

    'bundle:reveal': async ({ exportId }) => {
      const path = written.get(exportId);
      if (path) deps.revealInFolder(path);
      return { shown: path !== undefined };
    },
  };
}
