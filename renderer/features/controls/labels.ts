import type { Frequency } from '../../../shared/domain/types';

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
