import type { ControlRecord } from '../../../shared/domain/records';
import { auditRoute, hrefFor } from '../app/useHashRoute';

/** The row heading: the control's ref and title, linking to its page. */
export function ControlHeader({ auditId, control }: { readonly auditId: string; readonly control: ControlRecord }): React.JSX.Element {
  return (
    <th scope="row" className="cov-control">
      <a href={hrefFor(auditRoute(auditId, 'fieldwork', { controlId: control.id }))} className="cov-ref">
        {control.ref}
      </a>
      <span className="cov-title" title={control.title}>
        {control.title}
      </span>
    </th>
  );
}
