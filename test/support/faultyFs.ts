import type * as FsPromises from 'node:fs/promises';
import { resolve, sep } from 'node:path';

/**
 * Faults of a file system, for `vi.mock('node:fs/promises', …)`.
 *
 * A byte quota on folders: writes through any file opened
 * under a limited folder count against its limit, and the write that would pass it fails as
 * the kernel's would, with ENOSPC (disk full) or EDQUOT (quota exhausted). Everything else —
 * opening, linking, renaming, removing, reading — is the real file system's.
 *
 * Why not a real quota: this machine's kernel is built without CONFIG_QUOTA (ext4 says so at
 * mount) and tmpfs refuses `usrquota`, so EDQUOT cannot be had from a real file system here;
 * root would also bypass it. The real full disk (a 256 KiB tmpfs) is in faults.test.ts.
 */
export type FullCode = 'ENOSPC' | 'EDQUOT';

interface Quota {
  readonly root: string;
  readonly limit: number;
  readonly code: FullCode;
  used: number;
}

const quotas: Quota[] = [];
/** Folders whose files cannot be removed, and the error rm(2) gives. */
const stuck: { readonly root: string; readonly code: string }[] = [];

/**
 * Makes removing anything under `root` fail with `code` (EBUSY: a virus scanner holds it;
 * EPERM: an immutable file) — what root cannot otherwise be refused on this machine.
 */
export function refuseRemovals(root: string, code: 'EBUSY' | 'EPERM'): () => void {
  const entry = { root: resolve(root), code };
  stuck.push(entry);
  return () => void stuck.splice(stuck.indexOf(entry), 1);
}

const isUnder = (path: unknown, root: string): boolean => {
  if (typeof path !== 'string') return false;
  const full = resolve(path);
  return full === root || full.startsWith(root + sep);
};

/** Limits what may be written under `root` (in total, from now on) to `limit` bytes. */
export function limitWrites(root: string, limit: number, code: FullCode): () => void {
  const quota: Quota = { root: resolve(root), limit, code, used: 0 };
  quotas.push(quota);
  return () => void quotas.splice(quotas.indexOf(quota), 1);
}

// The latest limit on a folder is the one that holds.
const quotaOf = (path: unknown): Quota | undefined => quotas.findLast((q) => isUnder(path, q.root));

/** The error Node raises for a write(2) that failed with `code`. */
function writeError(code: FullCode): NodeJS.ErrnoException {
  const text = code === 'ENOSPC' ? 'no space left on device' : 'disk quota exceeded';
  return Object.assign(new Error(`${code}: ${text}, write`), { errno: code === 'ENOSPC' ? -28 : -122, code, syscall: 'write' });
}

const sizeOf = (data: unknown): number => {
  if (typeof data === 'string') return Buffer.byteLength(data);
  if (ArrayBuffer.isView(data)) return data.byteLength;
  if (Array.isArray(data)) return data.reduce((n: number, part: unknown) => n + sizeOf(part), 0);
  return 0;
};

/** Counts `bytes` against the quota, or throws as a full disk does. */
function charge(quota: Quota, bytes: number): void {
  if (quota.used + bytes > quota.limit) throw writeError(quota.code);
  quota.used += bytes;
}

type FileHandle = FsPromises.FileHandle;

function limitedHandle(handle: FileHandle, quota: Quota): FileHandle {
  return new Proxy(handle, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (property === 'write') {
        return async (data: unknown, offset?: unknown, length?: unknown, ...rest: unknown[]) => {
          charge(quota, ArrayBuffer.isView(data) && typeof length === 'number' ? length : ArrayBuffer.isView(data) && typeof offset === 'number' ? data.byteLength - offset : sizeOf(data));
          return method.call(target, data, offset, length, ...rest);
        };
      }
      if (property === 'writev' || property === 'writeFile' || property === 'appendFile') {
        return async (data: unknown, ...rest: unknown[]) => {
          charge(quota, sizeOf(data));
          return method.call(target, data, ...rest);
        };
      }
      return method.bind(target);
    },
  });
}

/** node:fs/promises with the faults above applied: the module the mock returns. */
export function withFaults(actual: typeof FsPromises): typeof FsPromises {
  const open: typeof actual.open = async (path, ...rest) => {
    const handle = await actual.open(path, ...rest);
    const quota = quotaOf(path);
    return quota ? limitedHandle(handle, quota) : handle;
  };
  const writeFile: typeof actual.writeFile = async (path, data, ...rest) => {
    const quota = quotaOf(path);
    if (quota) charge(quota, sizeOf(data));
    return actual.writeFile(path, data, ...rest);
  };
  const appendFile: typeof actual.appendFile = async (path, data, ...rest) => {
    const quota = quotaOf(path);
    if (quota) charge(quota, sizeOf(data));
    return actual.appendFile(path, data, ...rest);
  };
  const rm: typeof actual.rm = async (path, ...rest) => {
    const refusal = stuck.findLast((s) => isUnder(path, s.root));
    if (refusal) throw Object.assign(new Error(`${refusal.code}: operation not permitted, rm '${String(path)}'`), { code: refusal.code, syscall: 'rm', path: String(path) });
    return actual.rm(path, ...rest);
  };
  const limited = { ...actual, open, writeFile, appendFile, rm };
  return { ...limited, default: limited } as typeof FsPromises;
}
