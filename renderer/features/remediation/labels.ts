import type { TaskRecord, TaskStatus } from '../../../shared/domain/records';
import type { Tone } from '../maintain/StatusTag';

export const TASK_STATUS_TONES: Readonly<Record<TaskStatus, Tone>> = {
  open: 'neutral',
  'in-progress': 'info',
  done: 'ok',
};

export const TASK_KIND_LABELS: Readonly<Record<TaskRecord['kind'], string>> = {
  remediation: 'Remediation',
  maintenance: 'Maintenance',
};

export type TaskFilter = TaskStatus | 'overdue' | 'all';
