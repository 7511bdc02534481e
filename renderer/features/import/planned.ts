import type { ImportHistory } from '../../../shared/bundle/importHistory';
import type { ImportPreview } from '../../../shared/bundle/importPlan';

/** An inspected bundle's import preview and its history check against the trail held here. */
export interface Planned {
  readonly preview: ImportPreview;
  readonly history: ImportHistory;
}
