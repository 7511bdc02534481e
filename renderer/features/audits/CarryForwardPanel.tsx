import { TSC_CATEGORIES } from '../../../shared/domain/types';
import { visibleName } from '../../../shared/files/visibleName';
import type { RollForwardSource } from '../../db/rollForward';

/** What the next audit takes from the last one, and whether the request list comes too. */
export function CarryForwardPanel({
  source,
  requests,
  onRequestsChange,
}: {
  readonly source: RollForwardSource;
  readonly requests: boolean;
  readonly onRequestsChange: (carry: boolean) => void;
}): React.JSX.Element {
  const { audit } = source;
  return (
    <fieldset className="field carry-forward">
      <legend>Carried forward from {visibleName(audit.name)}</legend>
      <ul>
        <li>
          {source.activeControls} controls with their owners ({source.owners} set), frequencies and criteria; readiness starts over
          {source.retiredControls > 0 && `; ${source.retiredControls} retired ${source.retiredControls === 1 ? 'control stays' : 'controls stay'} behind`}
        </li>
        <li>Categories in scope: {audit.categories.map((s) => TSC_CATEGORIES[s]).join(', ') || TSC_CATEGORIES.CC}</li>
        <li>{audit.systems.length === 0 ? 'No systems in scope yet' : `Systems: ${audit.systems.map(visibleName).join(', ')}`}</li>
      </ul>
      <label className="checkbox">
        <input type="checkbox" checked={requests} disabled={source.requests === 0} onChange={(e) => onRequestsChange(e.target.checked)} />
        {source.requests === 0 ? 'The request list (it has no requests)' : `The request list: ${source.requests} requests, due dates moved a year on`}
      </label>
      <p className="muted">Evidence, sign-offs and the audit trail stay with {visibleName(audit.name)}: they belong to its period.</p>
    </fieldset>
  );
}
