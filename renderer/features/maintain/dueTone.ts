import type { DueStatus } from '../../../shared/maintain/due';
import type { Tone } from './StatusTag';

export const DUE_TONES: Readonly<Record<DueStatus, Tone>> = {
  overdue: 'danger',
  'due-soon': 'warn',
  upcoming: 'info',
};
