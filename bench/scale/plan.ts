import { STARTER_CONTROLS } from '../../shared/catalog/starterControls';
import type { Frequency } from '../../shared/domain/types';
import { seededRandom } from '../lib/table';

/**
 * The installation issue #12 describes, as a deterministic plan: one Type II audit over twelve
 * months, 200 controls of every frequency, 10,000 evidence items (a third of them images),
 * sign-offs on half, rejections with re-captures, edits and system reports. Pure data: the
 * corpus writer puts the files on disk and the page-side seeder builds the rows through the
 * app's own functions. Bump SCALE_PLAN_VERSION whenever the plan changes, so a cached seed is
 * never mistaken for the new one.
 */
export const SCALE_PLAN_VERSION = 2;

export const SCALE_AUDIT = {
  name: 'SOC 2 Type II FY2026 (scale)',
  organization: 'Acme Cloud',
  periodStart: '2025-12-01',
  periodEnd: '2026-11-30',
  timeZone: 'America/New_York',
} as const;

export const TOTAL_ITEMS = 10_000;
export const RECAPTURES = 100;
/** The control the issue opens and attaches to: a daily control with exactly this many items. */
export const DAILY_ITEMS = 338;

/** How many controls of each frequency the audit has, starter controls included. */
const FREQUENCY_MIX: Readonly<Record<Frequency, number>> = {
  daily: 20,
  weekly: 25,
  monthly: 35,
  quarterly: 35,
  semiannual: 10,
  annual: 25,
  once: 15,
  'per-event': 25,
  continuous: 10,
};

const REF_PREFIX: Readonly<Record<Frequency, string>> = {
  daily: 'DLY',
  weekly: 'WKY',
  monthly: 'MON',
  quarterly: 'QTR',
  semiannual: 'SEM',
  annual: 'ANN',
  once: 'ONE',
  'per-event': 'EVT',
  continuous: 'CON',
};

const CRITERIA = ['CC6.1', 'CC6.2', 'CC6.3', 'CC7.1', 'CC7.2', 'CC8.1', 'CC3.2', 'CC5.2', 'CC9.2', 'A1.2'];
const SYSTEMS = ['Okta', 'AWS IAM', 'GitHub', 'Jira', 'Datadog', 'Google Workspace', 'Backblaze', 'CrowdStrike'];
const TOPICS = ['access review', 'backup log', 'change ticket', 'alert triage', 'user list', 'patch report', 'vulnerability scan', 'onboarding'];

export interface PlannedControl {
  readonly ref: string;
  readonly title: string;
  readonly frequency: Frequency;
  readonly criteria: readonly string[];
  /** A starter control the app creates with the audit; the rest are added. */
  readonly starter: boolean;
}

export interface PlannedItem {
  readonly key: number;
  readonly control: number;
  /** The instant the item is evidence for (and captured at), UTC ISO. */
  readonly at: string;
  readonly image: boolean;
  readonly fileName: string;
  /** A few lines of seeded content or an image size: every file's bytes are unique. */
  readonly size: number;
}

export interface PlannedSignoff {
  readonly item: number;
  readonly decision: 'approved' | 'rejected';
}

export interface PlannedEdit {
  readonly item: number;
  readonly notes: string | null;
  /** Moves the evidence date one day back (a report exported the day after its period). */
  readonly moveDay: boolean;
  /** Makes the item a system report whose filter screenshot is this item. */
  readonly systemReportFilter: number | null;
}

export interface ScalePlan {
  readonly controls: readonly PlannedControl[];
  readonly items: readonly PlannedItem[];
  readonly signoffs: readonly PlannedSignoff[];
  /** Re-captures: each replaces one rejected item (its `item` key) with a new file. */
  readonly recaptures: readonly PlannedItem[];
  readonly replaces: readonly number[];
  readonly edits: readonly PlannedEdit[];
}

const DAY_MS = 86_400_000;

function days(start: string, end: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${start}T00:00:00Z`); t <= Date.parse(`${end}T00:00:00Z`); t += DAY_MS) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

function plannedControls(): PlannedControl[] {
  const controls: PlannedControl[] = STARTER_CONTROLS.map((c) => ({ ref: c.ref, title: c.title, frequency: c.frequency, criteria: c.criteria, starter: true }));
  for (const [frequency, total] of Object.entries(FREQUENCY_MIX) as [Frequency, number][]) {
    const have = controls.filter((c) => c.frequency === frequency).length;
    for (let n = 1; have + n <= total; n += 1) {
      const topic = TOPICS[(n + have) % TOPICS.length] ?? 'evidence';
      const system = SYSTEMS[n % SYSTEMS.length] ?? 'system';
      controls.push({
        ref: `${REF_PREFIX[frequency]}-${String(n).padStart(2, '0')}`,
        title: `${system} ${topic} (${frequency})`,
        frequency,
        criteria: [CRITERIA[n % CRITERIA.length] ?? 'CC6.1', CRITERIA[(n * 3 + 1) % CRITERIA.length] ?? 'CC7.2'],
        starter: false,
      });
    }
  }
  // Daily controls first among the added ones: the "daily control" is the first of them.
  return controls;
}

/** The days a control of this frequency has evidence on, before the per-event top-up. */
function scheduleDays(frequency: Frequency, all: readonly string[], random: () => number, exactDaily: boolean): string[] {
  const pick = (from: readonly string[]): string => from[Math.floor(random() * from.length)] ?? from[0] ?? all[0] ?? SCALE_AUDIT.periodStart;
  const byPrefix = (length: number): string[][] => {
    const groups = new Map<string, string[]>();
    for (const day of all) groups.set(day.slice(0, length), [...(groups.get(day.slice(0, length)) ?? []), day]);
    return [...groups.values()];
  };
  switch (frequency) {
    case 'daily': {
      const skip = exactDaily ? all.length - DAILY_ITEMS : 17 + Math.floor(random() * 20);
      const skipped = new Set<number>();
      while (skipped.size < skip) skipped.add(Math.floor(random() * all.length));
      return all.filter((_, i) => !skipped.has(i));
    }
    case 'weekly': {
      const weeks: string[] = [];
      for (let i = 0; i < all.length; i += 7) if (random() > 0.06) weeks.push(pick(all.slice(i, i + 7)));
      return weeks;
    }
    case 'monthly':
      return byPrefix(7).filter(() => random() > 0.05).map(pick);
    case 'quarterly':
      return [0, 3, 6, 9].map((m) => pick(byPrefix(7)[m + 1] ?? all));
    case 'semiannual':
      return [pick(all.slice(30, 150)), pick(all.slice(200, 330))];
    case 'annual':
    case 'once':
      return [pick(all.slice(60, 300))];
    case 'continuous':
      return [pick(all.slice(0, 30)), pick(all.slice(-30))];
    case 'per-event':
      return [];
  }
}

function instantOn(day: string, random: () => number): string {
  // Mid-afternoon in New York whatever daylight saving does: 18:00–21:59 UTC.
  const seconds = 18 * 3600 + Math.floor(random() * 4 * 3600);
  return new Date(Date.parse(`${day}T00:00:00Z`) + seconds * 1000).toISOString().replace('.000Z', 'Z');
}

export function buildScalePlan(seed: number): ScalePlan {
  const random = seededRandom(seed * 7919 + SCALE_PLAN_VERSION);
  const controls = plannedControls();
  const all = days(SCALE_AUDIT.periodStart, SCALE_AUDIT.periodEnd);
  const firstDaily = controls.findIndex((c) => c.frequency === 'daily' && !c.starter);

  const dated: { control: number; day: string }[] = [];
  controls.forEach((control, index) => {
    for (const day of scheduleDays(control.frequency, all, random, index === firstDaily)) dated.push({ control: index, day });
  });
  // A few items dated before the period: shown, flagged, never counted.
  const monthly = controls.flatMap((c, i) => (c.frequency === 'monthly' ? [i] : []));
  for (let n = 0; n < 20; n += 1) dated.push({ control: monthly[n % monthly.length] ?? 0, day: `2025-11-${String(10 + n).padStart(2, '0')}` });
  // Per-event controls take up what is left, so the total is exactly TOTAL_ITEMS.
  const events = controls.flatMap((c, i) => (c.frequency === 'per-event' ? [i] : []));
  for (let n = 0; dated.length < TOTAL_ITEMS - RECAPTURES; n += 1) {
    dated.push({ control: events[n % events.length] ?? 0, day: all[Math.floor(random() * all.length)] ?? SCALE_AUDIT.periodStart });
  }

  const item = (key: number, control: number, day: string, tag: string): PlannedItem => {
    const image = random() < 1 / 3;
    const ref = controls[control]?.ref ?? 'X';
    const topic = TOPICS[Math.floor(random() * TOPICS.length)] ?? 'evidence';
    const system = SYSTEMS[Math.floor(random() * SYSTEMS.length)] ?? 'system';
    return {
      key,
      control,
      at: instantOn(day, random),
      image,
      fileName: `${ref} ${system} ${topic} ${day}${tag} #${key}.${image ? 'png' : 'csv'}`,
      size: image ? 160 + Math.floor(random() * 160) : 5 + Math.floor(random() * 60),
    };
  };
  const items = dated.map((d, key) => item(key, d.control, d.day, ''));

  const signoffs: PlannedSignoff[] = [];
  for (const it of items) {
    if (random() < 0.5) signoffs.push({ item: it.key, decision: random() < 0.05 ? 'rejected' : 'approved' });
  }
  const rejected = signoffs.filter((s) => s.decision === 'rejected').map((s) => s.item);
  const replaces = rejected.slice(0, RECAPTURES);
  const recaptures = replaces.map((key, n) => {
    const original = items[key];
    const day = original ? original.at.slice(0, 10) : SCALE_AUDIT.periodStart;
    return item(items.length + n, original?.control ?? 0, day, ' re-capture');
  });

  const edits: PlannedEdit[] = [];
  const images = items.filter((it) => it.image);
  for (const it of items) {
    const r = random();
    if (r < 0.03) edits.push({ item: it.key, notes: `Checked against the ${SYSTEMS[it.key % SYSTEMS.length] ?? 'source'} console by the on-call engineer.`, moveDay: false, systemReportFilter: null });
    else if (r < 0.035) edits.push({ item: it.key, notes: null, moveDay: true, systemReportFilter: null });
    else if (r < 0.041 && !it.image) {
      const filter = images.find((img) => img.control === it.control) ?? images[it.key % images.length];
      edits.push({ item: it.key, notes: null, moveDay: false, systemReportFilter: filter?.key ?? null });
    }
  }
  return { controls, items, signoffs, recaptures, replaces, edits };
}
