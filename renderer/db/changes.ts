import { canonicalJson } from '../../shared/log/chain';

export type FieldChanges = Record<string, { from: unknown; to: unknown }>;

/**
 * The fields of `patch` whose value differs from `before`, as { from, to } for the log.
 * Compared as canonical JSON: fields are plain data, and key order must not count as a change.
 */
export function changedFields<T extends object>(before: T, patch: Partial<T>): FieldChanges {
  const changes: FieldChanges = {};
  for (const [key, value] of Object.entries(patch)) {
    const previous: unknown = (before as Record<string, unknown>)[key];
    if (canonicalJson(previous ?? null) !== canonicalJson(value ?? null)) changes[key] = { from: previous ?? null, to: value ?? null };
  }
  return changes;
}
