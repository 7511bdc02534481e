import type { Frequency } from '../../shared/domain/types';

/** What the Node side hands the page-side seeder (bench/scale/page/seed.ts). */
export interface SeedAudit {
  readonly name: string;
  readonly organization: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly timeZone: string;
}

export interface SeedControl {
  readonly ref: string;
  readonly title: string;
  readonly frequency: Frequency;
  readonly criteria: readonly string[];
}
