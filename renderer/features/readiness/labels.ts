import type { ReadinessStatus } from '../../../shared/domain/records';
import type { Tone } from '../maintain/StatusTag';

export const READINESS_STATUSES: readonly ReadinessStatus[] = ['not-started', 'gap', 'ready'];

export const READINESS_LABELS: Readonly<Record<ReadinessStatus, string>> = {
  'not-started': 'Not started',
  gap: 'Gap',
  ready: 'Ready',
};

export const READINESS_TONES: Readonly<Record<ReadinessStatus, Tone>> = {
  'not-started': 'neutral',
  gap: 'warn',
  ready: 'ok',
};
