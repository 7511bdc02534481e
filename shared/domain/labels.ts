import type { AuditStep, Frequency } from './types';

/** How steps and frequencies read to people: one wording in the app and in every bundle. */
export const STEP_LABELS: Readonly<Record<AuditStep, string>> = {
  scope: 'Scope',
  readiness: 'Readiness',
  remediation: 'Remediation',
  fieldwork: 'Fieldwork',
  report: 'Report',
  maintain: 'Maintain',
};

export const FREQUENCY_LABELS: Readonly<Record<Frequency, string>> = {
  once: 'Once',
  annual: 'Annual',
  semiannual: 'Semiannual',
  quarterly: 'Quarterly',
  monthly: 'Monthly',
  weekly: 'Weekly',
  daily: 'Daily',
  'per-event': 'Per event',
  continuous: 'Continuous',
};

/**
 * What was done to an item's bytes, in words: 'cropped:0,40,800,600' → 'cropped to 800 × 600 at
 * (0, 40)', 'redacted:2' → '2 regions redacted'. Unknown steps are shown as they are.
 */
export function processingText(steps: readonly string[]): string {
  return steps
    .map((step) => {
      const [kind, args] = step.split(':');
      if (kind === 'redacted' && args) return args === '1' ? '1 region redacted' : `${args} regions redacted`;
      const crop = kind === 'cropped' && args ? /^(\d+),(\d+),(\d+),(\d+)$/.exec(args) : null;
      if (crop) return `cropped to ${crop[3]} × ${crop[4]} at (${crop[1]}, ${crop[2]})`;
      return step;
    })
    .join(', ');
}
