/** What the page-side probe (bench/scale/page/probe.ts) is asked to wait for, and what it reports. */
export interface ReadySpec {
  /** An element that exists once the content is there. */
  readonly selector: string;
  /** A regular expression its text must match. */
  readonly text?: string;
  /** Other elements that must exist too. */
  readonly all?: readonly string[];
  /** At least this many elements match `selector`. */
  readonly count?: number;
  /** Elements that must be gone (loading notes, a busy region). */
  readonly absent?: readonly string[];
  /** An input whose value must be this (a keystroke has reached it). */
  readonly inputValue?: { readonly selector: string; readonly value: string };
}

export interface Sample {
  /** Trigger → content painted, ms. */
  readonly ms: number;
  /** Answer of the named bridge call → content painted, ms (attaching: main stored the file). */
  readonly afterBridgeMs: number | null;
  readonly longestTaskMs: number;
  readonly longTasks: number;
  readonly domNodes: number;
  /** The app's own performance.measure() durations made during the sample, by name (ms). */
  readonly measures: Readonly<Record<string, number>>;
  /** The longest task (ms) within each of those measures' spans. */
  readonly measureLongestTaskMs: Readonly<Record<string, number>>;
}
