import type { Table } from 'dexie';
import type { EvidenceRecord } from '../../shared/domain/records';
import type { SignoffRecord } from '../../shared/signing/signoff';
import { isWithdrawn } from '../../shared/evidence/withdrawal';
import { readAuditInChunks } from './chunks';
import { onCommitted, type TableChange } from './changeFeed';
import { db } from './db';
import { verifySignatures } from './signatureVerdicts';
import { backgroundTurn, idleTurn } from './backgroundGate';

/**
 * Every evidence row and sign-off of one audit, held in memory for the screens that show the
 * whole audit (coverage, all evidence, the review queue, the request list, the schedule).
 *
 * Why: at 10,000 items each of those screens read the whole table again on open and after every
 * write (a whole-table live query), and re-derived everything from it. Here the rows are read
 * once, a chunk at a time so that no read blocks the window, and kept current from the change
 * feed: a write re-reads only the rows it touched. Each change publishes a new immutable
 * snapshot, so derived figures can be memoized on it.
 */
export interface AuditRows {
  readonly auditId: string;
  /**
   * The items that count: every item of the audit but the withdrawn ones (superseded versions
   * included, in no particular order). Every screen that counts or lists the audit's work reads
   * this, so a withdrawn item leaves coverage, review and every count at once (issue #13).
   */
  readonly evidence: readonly EvidenceRecord[];
  /** Withdrawn items: kept, shown as such where an item is looked at, counted nowhere. */
  readonly withdrawn: readonly EvidenceRecord[];
  /** Every item by id, withdrawn ones included: what a link to an item resolves against. */
  readonly evidenceById: ReadonlyMap<string, EvidenceRecord>;
  readonly signoffs: readonly SignoffRecord[];
}

/** Rows per read: small enough that deserializing one chunk stays far below a 50 ms task. */
const CHUNK = 500;
/** Audits kept in memory without a screen watching them, so going back to a screen is instant. */
const KEEP_UNWATCHED = 1;

interface Entry {
  readonly auditId: string;
  readonly evidence: Map<string, EvidenceRecord>;
  readonly signoffs: Map<string, SignoffRecord>;
  readonly listeners: Set<(rows: AuditRows) => void>;
  rows: AuditRows | undefined;
  loading: Promise<void> | null;
  /** Keys changed while the first read ran, or null when a whole table must be read again. */
  dirty: { evidence: Set<string> | null; signoffs: Set<string> | null };
  flushing: boolean;
  lastUsed: number;
}

const entries = new Map<string, Entry>();


const prefetchers = new WeakSet<(rows: AuditRows) => void>();

/**
 * Marks a listener that only warms caches (useAuditRowsPrefetch): while such listeners are the
 * only ones, the read gives way to every screen's reads; once a screen watches, only to what
 * screens paint from.
 */
export function prefetchListener(listener: (rows: AuditRows) => void): (rows: AuditRows) => void {
  prefetchers.add(listener);
  return listener;
}

function turnOf(entry: Entry): () => Promise<void> {
  return () => ([...entry.listeners].every((l) => prefetchers.has(l)) ? idleTurn() : backgroundTurn());
}

/** All rows of one audit into `into`, CHUNK rows per read, giving way to the window and to screens' reads between reads. */
async function readChunked<T extends { readonly id: string }>(table: Table<T, string>, entry: Entry, into: Map<string, T>): Promise<void> {
  for (const row of await readAuditInChunks(table, '[auditId+id]', entry.auditId, (r) => r.id, { size: CHUNK, pause: turnOf(entry) })) into.set(row.id, row);
}

function snapshot(entry: Entry): AuditRows {
  const evidence: EvidenceRecord[] = [];
  const withdrawn: EvidenceRecord[] = [];
  for (const item of entry.evidence.values()) (isWithdrawn(item) ? withdrawn : evidence).push(item);
  return { auditId: entry.auditId, evidence, withdrawn, evidenceById: new Map(entry.evidence), signoffs: [...entry.signoffs.values()] };
}

/** Publishes only once every sign-off's signature has a verdict: screens never see a sign-off as unverified. */
async function publish(entry: Entry): Promise<void> {
  await verifySignatures([...entry.signoffs.values()]);
  entry.rows = snapshot(entry);
  for (const listener of entry.listeners) listener(entry.rows);
}

async function load(entry: Entry): Promise<void> {
  // Marks for profiles and the benchmark: how long the first read and its verification take.
  const started = performance.now();
  // A cache, not what the screen paints from: a screen's own reads go first (backgroundGate.ts).
  await turnOf(entry)();
  await readChunked(db.evidence, entry, entry.evidence);
  await readChunked(db.signoffs, entry, entry.signoffs);
  performance.measure('audit rows: read', { start: started });
  entry.loading = null;
  await flush(entry);
  if (entry.rows === undefined) await publish(entry);
  performance.measure('audit rows: published', { start: started });
}

/** Re-reads the rows the change feed named (or everything, after a range write) and publishes. */
async function flush(entry: Entry): Promise<void> {
  if (entry.loading !== null || entry.flushing) return;
  const { evidence, signoffs } = entry.dirty;
  if (evidence !== null && signoffs !== null && evidence.size === 0 && signoffs.size === 0) return;
  entry.dirty = { evidence: new Set(), signoffs: new Set() };
  entry.flushing = true;
  try {
    await refresh(entry, db.evidence, entry.evidence, evidence);
    await refresh(entry, db.signoffs, entry.signoffs, signoffs);
    await publish(entry);
  } finally {
    entry.flushing = false;
  }
  // Writes that arrived meanwhile.
  await flush(entry);
}

async function refresh<T extends { readonly id: string; readonly auditId: string }>(
  entry: Entry,
  table: Table<T, string>,
  into: Map<string, T>,
  keys: ReadonlySet<string> | null,
): Promise<void> {
  if (keys === null) {
    into.clear();
    await readChunked(table, entry, into);
    return;
  }
  const ids = [...keys];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const slice = ids.slice(i, i + CHUNK);
    const rows = await table.bulkGet(slice);
    slice.forEach((id, n) => {
      const row = rows[n];
      if (row && row.auditId === entry.auditId) into.set(id, row);
      else into.delete(id);
    });
  }
}

function applyChanges(changes: readonly TableChange[]): void {
  for (const change of changes) {
    if (change.database !== db.name) continue;
    const part = change.table === 'evidence' ? 'evidence' : change.table === 'signoffs' ? 'signoffs' : null;
    if (part === null) continue;
    for (const entry of entries.values()) {
      const dirty = entry.dirty[part];
      if (dirty === null) continue;
      if (change.keys === null) entry.dirty[part] = null;
      else for (const key of change.keys) if (typeof key === 'string') dirty.add(key);
    }
  }
  for (const entry of entries.values()) void flush(entry).catch((error: unknown) => console.error('audit rows could not be refreshed', error));
}

onCommitted(applyChanges);

function entryFor(auditId: string): Entry {
  let entry = entries.get(auditId);
  if (!entry) {
    const fresh: Entry = {
      auditId,
      evidence: new Map(),
      signoffs: new Map(),
      listeners: new Set(),
      rows: undefined,
      loading: null,
      dirty: { evidence: new Set(), signoffs: new Set() },
      flushing: false,
      lastUsed: Date.now(),
    };
    fresh.loading = load(fresh).catch((error: unknown) => {
      // Forget the entry: the next screen that asks reads again rather than waiting forever.
      entries.delete(auditId);
      console.error('audit rows could not be read', error);
    });
    entries.set(auditId, fresh);
    entry = fresh;
  }
  entry.lastUsed = Date.now();
  return entry;
}

/** Drops audits nobody watches, beyond the most recently used few. */
function evict(): void {
  const idle = [...entries.values()].filter((e) => e.listeners.size === 0).sort((a, b) => b.lastUsed - a.lastUsed);
  for (const entry of idle.slice(KEEP_UNWATCHED)) entries.delete(entry.auditId);
}

/**
 * The rows as last published, without starting a read: for a screen that needs only the items
 * (not their review state) and should not wait for thousands of signatures to be verified.
 */
export function peekAuditRows(auditId: string): AuditRows | undefined {
  return entries.get(auditId)?.rows;
}

/** The audit's rows as last published, or undefined while the first read runs. */
export function currentAuditRows(auditId: string): AuditRows | undefined {
  return entryFor(auditId).rows;
}

/** The audit's rows: from memory when they are there, else once the first read is done. */
export function loadAuditRows(auditId: string): Promise<AuditRows> {
  const rows = currentAuditRows(auditId);
  if (rows) return Promise.resolve(rows);
  return new Promise((resolve) => {
    const stop = watchAuditRows(auditId, (next) => {
      stop();
      resolve(next);
    });
  });
}

/** Calls `listener` with each new snapshot of the audit's rows; reading starts on first use. */
export function watchAuditRows(auditId: string, listener: (rows: AuditRows) => void): () => void {
  const entry = entryFor(auditId);
  entry.listeners.add(listener);
  return () => {
    entry.listeners.delete(listener);
    entry.lastUsed = Date.now();
    evict();
  };
}
