/**
 * What the verification core reads (issue #11 §1–§2): a list of entries with their sizes and
 * read/hash functions, and the problems the container's reader found. The CLI and the import
 * gate build it from a ZIP, VERIFY.html from the files of a picked folder; the core never
 * touches a file system or a ZIP format itself, so archive-level checks (local headers against
 * the central directory, hidden entries, bombs) live in the ZIP reader and arrive here as
 * `containerProblems`, reported in the same verdict.
 */
export interface SourceEntry {
  /** '/'-separated, as stored: 'bag/data/x.png' in a ZIP, 'picked-folder/bag/data/x.png' from a picker. */
  readonly path: string;
  /** The size the container claims (the ZIP's central directory, the file's size on disk). */
  readonly size: number;
  readonly isDirectory: boolean;
  /** The whole entry; fails when it is larger than maxBytes (tag and JSON files are read whole). */
  read(maxBytes: number): Promise<Uint8Array>;
  /** SHA-256 (hex) of the bytes as read, and how many bytes were read: the true size. */
  digest(): Promise<{ readonly sha256: string; readonly size: number }>;
}

export interface BagSource {
  /** A ZIP holds exactly one bag folder and nothing else; a picked folder may hold OS files beside it. */
  readonly kind: 'zip' | 'folder';
  readonly entries: readonly SourceEntry[];
  /** Problems found by the container's reader; each one fails the verdict. */
  readonly containerProblems: readonly string[];
  /**
   * How many entries may be hashed at once (default 1). Worth more than one only where digest()
   * waits on other threads; each entry in flight holds its read buffers.
   */
  readonly digestConcurrency?: number;
}
