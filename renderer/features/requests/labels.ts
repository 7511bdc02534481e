import type { RequestStatus } from '../../../shared/requests/status';

export const STATUS_LABELS: Readonly<Record<RequestStatus, string>> = {
  overdue: 'Overdue',
  unlinked: 'Unlinked',
  'not-started': 'Not started',
  partial: 'Partial',
  provided: 'Provided',
};

/** What each status means, for the summary's tooltips and screen readers. */
export const STATUS_HINTS: Readonly<Record<RequestStatus, string>> = {
  overdue: 'The due date has passed and some linked controls still lack evidence.',
  unlinked: 'No control is linked yet: decide which controls answer this request.',
  'not-started': 'No linked control has evidence dated in the audit window yet.',
  partial: 'Some linked controls have evidence, some do not.',
  provided: 'Every linked control has evidence dated in the audit window.',
};

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}
