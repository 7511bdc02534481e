import type { Review } from '../../../shared/coverage/coverage';

export const REVIEW_LABELS: Readonly<Record<Review, string>> = {
  pending: 'Pending review',
  approved: 'Approved',
  rejected: 'Rejected',
};
