import { sha256Hex } from '../shared/verify/bytes';
import type { BagSource, SourceEntry } from '../shared/verify/source';

/**
 * The files of a picked folder as the core's source. WebCrypto has no streaming SHA-256, so a
 * file is read whole when it is hashed, and released before the next one.
 */
export interface PickedFile {
  readonly path: string;
  readonly size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

async function digest(bytes: ArrayBuffer): Promise<string> {
  if (globalThis.crypto?.subtle) {
    const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
    return Array.from(hash, (b) => b.toString(16).padStart(2, '0')).join('');
  }
  return sha256Hex(new Uint8Array(bytes));
}

export function folderSource(files: readonly PickedFile[]): BagSource {
  const entries: SourceEntry[] = files.map((file) => ({
    path: file.path,
    size: file.size,
    isDirectory: false,
    read: async (maxBytes) => {
      if (file.size > maxBytes) throw new Error(`${file.path} is too large to be read whole`);
      return new Uint8Array(await file.arrayBuffer());
    },
    digest: async () => {
      const bytes = await file.arrayBuffer();
      return { sha256: await digest(bytes), size: bytes.byteLength };
    },
  }));
  return { kind: 'folder', entries, containerProblems: [] };
}
