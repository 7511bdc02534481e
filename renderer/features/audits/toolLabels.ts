import type { AuditTool } from '../app/useHashRoute';

export const TOOL_LABELS: Readonly<Record<AuditTool, string>> = {
  trail: 'Audit trail',
  integrity: 'Integrity check',
  export: 'Export bundle',
};
