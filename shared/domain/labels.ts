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
