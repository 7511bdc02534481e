import type { LogAction, LogEntry } from '../domain/records';
import { formatBytes, isValidTimeZone, wallClock } from '../time/format';
import type { ChainCheck } from '../log/chain';

/**
 * The audit trail as people read it (issue #5): each entry's target resolved to a name, a
 * one-line summary of its details, the calendar day in the audit's zone, and a lower-cased
 * search text made once, so filtering 10,000 entries per keystroke stays a string scan.
 */

export const LOG_ACTIONS: readonly LogAction[] = ['create', 'update', 'delete', 'signoff', 'import', 'export'];

export const ACTION_LABELS: Readonly<Record<LogAction, string>> = {
  create: 'Create',
  update: 'Update',
  delete: 'Delete',
  signoff: 'Sign-off',
  import: 'Import',
  export: 'Export',
};

const KIND_LABELS: Readonly<Record<string, string>> = {
  audit: 'Audit',
  control: 'Control',
  evidence: 'Evidence',
  request: 'Request',
  requests: 'Request list',
  task: 'Task',
  signoff: 'Sign-off',
  reviewer: 'Reviewer',
  bundle: 'Bundle',
};

export function kindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? (kind === '' ? 'Other' : kind.charAt(0).toUpperCase() + kind.slice(1));
}

export interface TargetRef {
  readonly kind: string;
  readonly id: string;
}

/** Targets are `<kind>:<id>` (e.g. `evidence:3f…`); a bare word such as `reviewer` has no id. */
export function parseTarget(target: string): TargetRef {
  const colon = target.indexOf(':');
  return colon < 0 ? { kind: target, id: '' } : { kind: target.slice(0, colon), id: target.slice(colon + 1) };
}

/** Names the app still knows, by id; the trail's own entries fill in what the tables no longer hold. */
export interface TrailNames {
  readonly auditName: string;
  readonly evidence: ReadonlyMap<string, string>;
  /** id → 'AC-01 Quarterly access review' */
  readonly controls: ReadonlyMap<string, string>;
  /** id → 'PBC-014' */
  readonly requests: ReadonlyMap<string, string>;
  readonly tasks: ReadonlyMap<string, string>;
}

export const NO_NAMES: TrailNames = { auditName: '', evidence: new Map(), controls: new Map(), requests: new Map(), tasks: new Map() };

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Evidence names as the entries' snapshots record them (an item's name is fixed once stored). */
export function evidenceNamesInLog(log: readonly LogEntry[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const entry of log) {
    const { kind, id } = parseTarget(entry.target);
    const snapshot = entry.details['snapshot'];
    if (kind === 'evidence' && isRecord(snapshot)) {
      const name = text(snapshot['name']);
      if (name) names.set(id, name);
    }
  }
  return names;
}

/**
 * Adds names that only the trail remembers: a deleted control's ref, a deleted task's title,
 * an evidence row removed behind the app's back. Names in the tables win.
 */
export function withTrailNames(names: TrailNames, log: readonly LogEntry[]): TrailNames {
  const evidence = evidenceNamesInLog(log);
  const controls = new Map<string, string>();
  const requests = new Map<string, string>();
  const tasks = new Map<string, string>();
  for (const entry of log) {
    const { kind, id } = parseTarget(entry.target);
    const d = entry.details;
    if (kind === 'control') {
      const ref = text(d['ref']);
      if (ref) controls.set(id, [ref, text(d['title'])].filter(Boolean).join(' '));
    } else if (kind === 'request') {
      const requestId = text(d['requestId']);
      if (requestId) requests.set(id, requestId);
    } else if (kind === 'task') {
      const title = text(d['title']);
      if (title) tasks.set(id, title);
    }
  }
  const merge = (fromLog: Map<string, string>, fromTables: ReadonlyMap<string, string>): Map<string, string> => {
    for (const [id, name] of fromTables) fromLog.set(id, name);
    return fromLog;
  };
  return {
    auditName: names.auditName,
    evidence: merge(evidence, names.evidence),
    controls: merge(controls, names.controls),
    requests: merge(requests, names.requests),
    tasks: merge(tasks, names.tasks),
  };
}

export function shortId(id: string): string {
  return id.length > 8 ? `${id.slice(0, 8)}…` : id;
}

/** What an entry is about, in words: `Evidence "okta-users.csv"`, `Control AC-01 Access review`. */
export function describeTarget(target: string, names: TrailNames): string {
  const { kind, id } = parseTarget(target);
  const label = kindLabel(kind);
  const known = (map: ReadonlyMap<string, string>): string | undefined => map.get(id);
  switch (kind) {
    case 'audit':
    case 'requests':
      return names.auditName ? `${label} "${names.auditName}"` : label;
    case 'evidence': {
      const name = known(names.evidence);
      return name ? `${label} "${name}"` : `${label} ${shortId(id)}`;
    }
    case 'control':
      return `${label} ${known(names.controls) ?? shortId(id)}`;
    case 'request':
      return `${label} ${known(names.requests) ?? shortId(id)}`;
    case 'task': {
      const title = known(names.tasks);
      return title ? `${label} "${title}"` : `${label} ${shortId(id)}`;
    }
    default:
      return id ? `${label} ${shortId(id)}` : label;
  }
}

const MAX_VALUE = 48;
const MAX_SUMMARY = 220;

function clip(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

/** A value in a summary: control ids become their refs, long text is clipped. */
function showValue(value: unknown, names: TrailNames): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') {
    const control = names.controls.get(value);
    return control ? (control.split(' ')[0] ?? control) : JSON.stringify(clip(value, MAX_VALUE));
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const parts = value.slice(0, 4).map((v) => showValue(v, names));
    return `[${parts.join(', ')}${value.length > 4 ? `, +${value.length - 4}` : ''}]`;
  }
  return '{…}';
}

function changesSummary(changes: Record<string, unknown>, names: TrailNames): string {
  return Object.entries(changes)
    .map(([field, change]) => (isRecord(change) ? `${field}: ${showValue(change['from'], names)} → ${showValue(change['to'], names)}` : `${field} changed`))
    .join('; ');
}

function blobsSize(value: unknown): { count: number; bytes: number } {
  const list = Array.isArray(value) ? value.filter(isRecord) : [];
  return { count: list.length, bytes: list.reduce((n, b) => n + (typeof b['size'] === 'number' ? b['size'] : 0), 0) };
}

/** A withdrawal, its undoing or a purge (renderer/db/withdrawal.ts), in words rather than as a field change. */
function withdrawalSummary(d: Readonly<Record<string, unknown>>): string | null {
  switch (d['event']) {
    case 'withdraw':
      return `Withdrawn: "${clip(text(d['reason']) ?? '', 160)}"`;
    case 'restore':
      return 'Withdrawal undone: the item counts again';
    case 'purge': {
      const removed = blobsSize(d['remove']);
      const kept = blobsSize(d['keep']);
      const parts = [`Stored bytes purged: ${removed.count === 1 ? '1 file' : `${removed.count} files`} (${formatBytes(removed.bytes)})`];
      if (kept.count > 0) parts.push(`${kept.count === 1 ? '1 file' : `${kept.count} files`} kept, still used elsewhere`);
      return parts.join(' · ');
    }
    default:
      return null;
  }
}

/** One line that says what happened; the full JSON stays one click away. */
export function summarizeDetails(entry: Pick<LogEntry, 'action' | 'details'>, names: TrailNames): string {
  const d = entry.details;
  const parts: string[] = [];
  if (entry.action === 'signoff') {
    parts.push(text(d['decision']) ?? 'decision');
    const comment = text(d['comment']);
    if (comment) parts.push(`"${clip(comment, 80)}"`);
    const fingerprint = text(d['keyFingerprint']);
    if (fingerprint) parts.push(`key ${fingerprint.slice(0, 9)}…`);
    return clip(parts.join(' · '), MAX_SUMMARY);
  }
  const event = withdrawalSummary(d);
  if (event !== null) return clip(event, MAX_SUMMARY);
  if (isRecord(d['snapshot'])) {
    // The target column already names the item (from this very snapshot): say what it is.
    const s = d['snapshot'];
    if (typeof s['mime'] === 'string') parts.push(s['mime']);
    if (typeof s['size'] === 'number') parts.push(formatBytes(s['size']));
    if (Array.isArray(s['controlIds']) && s['controlIds'].length > 0) parts.push(`for ${showValue(s['controlIds'], names)}`);
    return clip(parts.join(' · '), MAX_SUMMARY);
  }
  const rest = Object.entries(d).filter(([key]) => key !== 'changes');
  for (const [key, value] of rest.slice(0, 5)) parts.push(`${key}: ${showValue(value, names)}`);
  if (isRecord(d['changes'])) parts.unshift(changesSummary(d['changes'], names));
  return clip(parts.join(' · '), MAX_SUMMARY) || '—';
}

export interface TrailRow {
  readonly entry: LogEntry;
  readonly kind: string;
  readonly target: string;
  readonly summary: string;
  /** 'YYYY-MM-DD' in the audit's zone: the date filter speaks the audit's calendar. */
  readonly day: string;
  readonly search: string;
}

function dayFormatter(timeZone: string): (iso: string) => string {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone: isValidTimeZone(timeZone) ? timeZone : 'UTC',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  return (iso) => {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? '' : format.format(date);
  };
}

export function buildTrailRows(log: readonly LogEntry[], names: TrailNames, timeZone: string): TrailRow[] {
  const dayOf = dayFormatter(timeZone);
  return log.map((entry) => {
    const kind = parseTarget(entry.target).kind;
    const target = describeTarget(entry.target, names);
    const summary = summarizeDetails(entry, names);
    let details: string;
    try {
      details = JSON.stringify(entry.details);
    } catch {
      details = '';
    }
    const search = [entry.seq, entry.actor, entry.action, target, summary, details, entry.hash].join('\n').toLowerCase();
    return { entry, kind, target, summary, day: dayOf(entry.at), search };
  });
}

export interface TrailFilter {
  readonly action: LogAction | '';
  readonly kind: string;
  readonly actor: string;
  /** 'YYYY-MM-DD' or '' (open). */
  readonly from: string;
  readonly to: string;
  readonly text: string;
}

export const NO_TRAIL_FILTER: TrailFilter = { action: '', kind: '', actor: '', from: '', to: '', text: '' };

export function isTrailFiltered(filter: TrailFilter): boolean {
  return Object.values(filter).some((value) => value !== '');
}

export function filterTrail(rows: readonly TrailRow[], filter: TrailFilter): TrailRow[] {
  const words = filter.text.toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter(
    (row) =>
      (filter.action === '' || row.entry.action === filter.action) &&
      (filter.kind === '' || row.kind === filter.kind) &&
      (filter.actor === '' || row.entry.actor === filter.actor) &&
      (filter.from === '' || row.day >= filter.from) &&
      (filter.to === '' || row.day <= filter.to) &&
      words.every((word) => row.search.includes(word)),
  );
}

/** The distinct values the action, kind and actor filters offer, in a stable order. */
export function trailFacets(rows: readonly TrailRow[]): { actions: LogAction[]; kinds: string[]; actors: string[] } {
  const actions = new Set<LogAction>();
  const kinds = new Set<string>();
  const actors = new Set<string>();
  for (const row of rows) {
    actions.add(row.entry.action);
    kinds.add(row.kind);
    actors.add(row.entry.actor);
  }
  return {
    actions: LOG_ACTIONS.filter((a) => actions.has(a)),
    kinds: [...kinds].sort((a, b) => kindLabel(a).localeCompare(kindLabel(b))),
    actors: [...actors].sort((a, b) => a.localeCompare(b)),
  };
}

/**
 * The chain check in words. verifyChain says "expected entry 4" when it meets entry 5 after
 * entry 3; people need to hear that entry 4 is gone.
 */
export function explainChainBreak(check: Extract<ChainCheck, { ok: false }>): string {
  const expected = /^expected entry (\d+)$/.exec(check.reason);
  if (expected) {
    const want = Number(expected[1]);
    if (check.seq > want) {
      return check.seq - want === 1
        ? `entry ${want} is missing before it`
        : `entries ${want}–${check.seq - 1} are missing before it`;
    }
    return `it repeats or reorders an earlier entry (expected entry ${want})`;
  }
  return check.reason;
}

export function describeChain(check: ChainCheck, log: readonly LogEntry[]): string {
  if (check.ok) {
    const last = log.at(-1);
    const count = `${log.length.toLocaleString('en-US')} ${log.length === 1 ? 'entry' : 'entries'}`;
    return last ? `Chain intact: ${count}, last hash ${last.hash.slice(0, 16)}…` : 'Chain intact: no entries yet';
  }
  return `Chain broken at entry ${check.seq}: ${explainChainBreak(check)}`;
}

/**
 * Formats instants in one zone (an unknown one as UTC) by the app's one zone formatter
 * (wallClock): the trail shows hundreds of rows per page, each with the audit's local time
 * beside UTC.
 */
export function zoneTimeFormatter(timeZone: string): (iso: string) => string {
  const zone = isValidTimeZone(timeZone) ? timeZone : 'UTC';
  return (iso) => {
    const ms = new Date(iso).getTime();
    if (Number.isNaN(ms)) return 'invalid date';
    const clock = wallClock(ms, zone) ?? { local: '', offset: '' };
    // ICU writes a zero offset as "GMT" or "GMT+0" depending on version; say it one way.
    return `${clock.local} ${clock.offset.replace(/^GMT(\+0)?$/, 'GMT+0')}`;
  };
}
