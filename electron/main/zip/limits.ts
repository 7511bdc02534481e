/**
 * Resource limits of the strict ZIP reader (issue #14: limits that hold for any input). Each
 * has a name that appears in the problem it raises, so a refusal says which limit it hit.
 */
export interface ZipLimits {
  /** Entries in the central directory. */
  readonly entries: number;
  /** Bytes of the central directory itself, read into memory whole. */
  readonly directoryBytes: number;
  /** Sum of the entries' declared sizes, and of the bytes actually inflated, per inspect. */
  readonly totalBytes: number;
  /** Largest size ÷ compressed size of one entry, for entries above `ratioFloorBytes`. */
  readonly entryRatio: number;
  /** Largest total size ÷ archive size, once the total is above `ratioFloorBytes`. */
  readonly archiveRatio: number;
  readonly ratioFloorBytes: number;
  /** Wall-clock budget of one inspection, in milliseconds. */
  readonly budgetMs: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  // A bundle holds at most 250,000 entries (MAX_PLAN_ENTRIES); room for older or foreign bags.
  entries: 300_000,
  directoryBytes: 128 * 1024 * 1024,
  // Far above a year of evidence; a 109 KB file of overlapping records claimed 6-8 GiB.
  totalBytes: 64 * 1024 ** 3,
  // Real text deflates 5-20×; zeros deflate about 1,000×, which is a bomb's tell.
  entryRatio: 200,
  archiveRatio: 100,
  ratioFloorBytes: 16 * 1024 * 1024,
  // At verify speed (hundreds of MiB/s) an honest 64 GiB bag takes minutes, not an hour.
  budgetMs: 60 * 60 * 1000,
};

export const LIMIT_NAMES: Record<keyof ZipLimits, string> = {
  entries: 'entry count',
  directoryBytes: 'central directory size',
  totalBytes: 'total inflated bytes',
  entryRatio: 'compression ratio per entry',
  archiveRatio: 'compression ratio of the archive',
  ratioFloorBytes: 'compression ratio floor',
  budgetMs: 'time budget',
};
