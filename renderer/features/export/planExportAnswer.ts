import type { PlannedBundle } from '../../db/bundle';

/** What the planning worker posts back: the plan, or why there is none. */
export type PlanExportAnswer = { readonly ok: true; readonly planned: PlannedBundle } | { readonly ok: false; readonly message: string };
