import type { Opinion } from '../../../shared/domain/records';
import type { Tone } from '../maintain/StatusTag';

/** The opinions of a SOC 2 report (AICPA AT-C 205/320), each in words a non-auditor can act on. */
export const OPINION_TEXT: Readonly<Record<Opinion, { readonly label: string; readonly explanation: string; readonly tone: Tone }>> = {
  pending: {
    label: 'Pending',
    explanation: 'The report has not been issued yet.',
    tone: 'neutral',
  },
  unqualified: {
    label: 'Unqualified (clean)',
    explanation: 'The auditor found the controls suitably designed and, for Type II, operating effectively throughout the period.',
    tone: 'ok',
  },
  qualified: {
    label: 'Qualified',
    explanation: 'Clean except for specific matters: one or more controls fell short, and the report names them. Customers will ask about each.',
    tone: 'warn',
  },
  adverse: {
    label: 'Adverse',
    explanation: 'The problems were serious and widespread: the controls as described cannot be relied on.',
    tone: 'danger',
  },
  disclaimer: {
    label: 'Disclaimer of opinion',
    explanation: 'The auditor could not get enough evidence to form an opinion at all.',
    tone: 'danger',
  },
};
