// Types for scripts/preflight.mjs, which stays plain JavaScript so it runs before anything
// is built; the tests import it.
export function minimumOf(range: string): [number, number, number];
export function isAtLeast(version: string, minimum: readonly number[]): boolean;
export function requiredNode(): string;
export function nodeProblem(version?: string, range?: string): string | null;
