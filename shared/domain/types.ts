/** Domain types shared by main and renderer (DESIGN.md §1). Pure: no Node or DOM APIs. */

export const TSC_SERIES = ['CC', 'A', 'C', 'PI', 'P'] as const;
export type TscSeries = (typeof TSC_SERIES)[number];

/** The five Trust Services Categories; Security (the common criteria) is always in scope. */
export const TSC_CATEGORIES = {
  CC: 'Security',
  A: 'Availability',
  C: 'Confidentiality',
  PI: 'Processing Integrity',
  P: 'Privacy',
} as const satisfies Record<TscSeries, string>;

export const FREQUENCIES = [
  'once',
  'annual',
  'semiannual',
  'quarterly',
  'monthly',
  'weekly',
  'daily',
  'per-event',
  'continuous',
] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export const AUDIT_STEPS = ['scope', 'readiness', 'remediation', 'fieldwork', 'report', 'maintain'] as const;
export type AuditStep = (typeof AUDIT_STEPS)[number];

export type AuditType = 'type1' | 'type2';

/** One Trust Services Criterion, e.g. CC6.1. */
export interface Criterion {
  /** e.g. 'CC6.1', 'PI1.3', 'P4.2' */
  readonly id: string;
  readonly series: TscSeries;
  /** The group inside the series, e.g. 'CC6' — "Logical and Physical Access Controls". */
  readonly group: string;
  /** A short title in our own words (the AICPA text is copyrighted). */
  readonly title: string;
}

/** A control of the built-in starter set, copied into each new audit. */
export interface StarterControl {
  /** Stable reference like 'AC-03'. */
  readonly ref: string;
  readonly title: string;
  readonly description: string;
  readonly frequency: Frequency;
  /** Ids of the criteria it addresses; every one must exist in the catalog. */
  readonly criteria: readonly string[];
}
