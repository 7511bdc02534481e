export type FieldChanges = Record<string, { from: unknown; to: unknown }>;

/**
 * The fields of `patch` whose value differs from `before`, as { from, to } for the log.
 * Compared as JSON because fields are plain data (strings, arrays, small objects).
 */
export function changedFields<T extends object>(before: T, patch: Partial<T>): FieldChanges {
  const changes: FieldChanges = {};
  for (const [key, value] of Object.entries(patch)) {
    const previous: unknown = (before as Record<string, unknown>)[key];
    if (JSON.stringify(previous) !== JSON.stringify(value)) changes[key] = { from: previous ?? null, to: value ?? null };
  }
  return changes;
}
