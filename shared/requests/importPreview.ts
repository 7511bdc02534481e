/**
 * What an import of a request list will do, row by row, once the file's plan (planRequestImport)
 * meets the requests the audit already holds. Pure.
 *
 * A request id already in the audit is reported and skipped, never overwritten: the auditor's
 * list is re-sent with more rows as fieldwork goes on, and re-importing it must not undo links
 * someone made by hand since the first import.
 */
import type { ColumnMapping } from '../csv/mapping';
import { normalizeHeader } from '../csv/mapping';
import type { ImportedRequest, RequestField, RequestImportPlan } from '../csv/requestsCsv';

export const REQUEST_FIELD_LABELS: Readonly<Record<RequestField, string>> = {
  requestId: 'Request ID',
  description: 'Description',
  controlRefs: 'Control refs',
  dueDate: 'Due date',
};

export type PreviewRow =
  | { readonly kind: 'new'; readonly line: number; readonly request: ImportedRequest; readonly warnings: readonly string[] }
  | { readonly kind: 'existing'; readonly line: number; readonly request: ImportedRequest; readonly warnings: readonly string[] }
  | { readonly kind: 'error'; readonly line: number; readonly errors: readonly string[]; readonly raw: readonly string[]; readonly warnings: readonly string[] };

export interface ImportPreview {
  readonly rows: readonly PreviewRow[];
  /** The requests "Import" writes, in file order. */
  readonly toImport: readonly ImportedRequest[];
  readonly existing: number;
  readonly errors: number;
}

/** Request ids are compared the way the importer compares them within a file: without regard to case. */
export function requestIdKey(requestId: string): string {
  return requestId.trim().normalize('NFKC').toUpperCase();
}

export function previewImport(plan: RequestImportPlan, existingRequestIds: Iterable<string>): ImportPreview {
  const existingKeys = new Set([...existingRequestIds].map(requestIdKey));
  const rows = plan.rows.map((row): PreviewRow => {
    if (!row.ok) return { kind: 'error', line: row.line, errors: row.errors, raw: row.raw, warnings: row.warnings };
    const kind = existingKeys.has(requestIdKey(row.request.requestId)) ? 'existing' : 'new';
    return { kind, line: row.line, request: row.request, warnings: row.warnings };
  });
  const toImport = rows.flatMap((row) => (row.kind === 'new' ? [row.request] : []));
  return {
    rows,
    toImport,
    existing: rows.filter((row) => row.kind === 'existing').length,
    errors: rows.filter((row) => row.kind === 'error').length,
  };
}

/**
 * Whether the file's columns need the user's eye: true unless every field was found under its
 * own name ('Request ID', 'Description', 'Control refs', 'Due date', in any case or spacing).
 * A file that uses the auditor's own words ('PBC #', 'Date due') was matched by a guess.
 */
export function mappingNeedsReview(headers: readonly string[], mapping: ColumnMapping<RequestField>): boolean {
  return (Object.keys(REQUEST_FIELD_LABELS) as RequestField[]).some((field) => {
    const column = mapping[field];
    if (column === null) return true;
    return normalizeHeader(headers[column] ?? '') !== normalizeHeader(REQUEST_FIELD_LABELS[field]);
  });
}

/** Control ids for refs spelled as the audit spells them (the plan already normalized them). */
export function controlIdsForRefs(refs: readonly string[], controls: readonly { readonly id: string; readonly ref: string }[]): string[] {
  const byKey = new Map(controls.map((c): [string, string] => [requestIdKey(c.ref), c.id]));
  const ids = refs.map((ref) => byKey.get(requestIdKey(ref))).filter((id): id is string => id !== undefined);
  return [...new Set(ids)];
}
