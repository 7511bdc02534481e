import type { FieldworkView } from '../app/useHashRoute';

export const FIELDWORK_VIEW_LABELS: Readonly<Record<FieldworkView, string>> = {
  controls: 'Controls',
  coverage: 'Coverage',
  requests: 'Request list',
  review: 'Review',
  evidence: 'All evidence',
};
