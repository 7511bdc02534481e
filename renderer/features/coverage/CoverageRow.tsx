import type { ReactNode } from 'react';
import type { ControlRecord } from '../../../shared/domain/records';
import { useNearViewport } from '../../components/useNearViewport';
import { ControlHeader } from './ControlHeader';

/**
 * One control's row, drawn in full only near the viewport: 200 controls of weekly and daily
 * slots are tens of thousands of cells, while a screen shows a few dozen rows. Elsewhere the
 * row keeps its heading (the ref stays findable) and its height.
 */
export function CoverageRow({
  auditId,
  control,
  estimate,
  span,
  children,
}: {
  readonly auditId: string;
  readonly control: ControlRecord;
  /** Height of a row never drawn yet, px. */
  readonly estimate: number;
  /** Columns after the heading. */
  readonly span: number;
  /** The cells after the heading, made only when the row is drawn. */
  readonly children: () => ReactNode;
}): React.JSX.Element {
  const { ref, near, lastHeight } = useNearViewport<HTMLTableRowElement>();
  return (
    <tr ref={ref} data-control={control.ref} className={near ? undefined : 'cov-row-pending'} style={near ? undefined : { height: lastHeight ?? estimate }}>
      <ControlHeader auditId={auditId} control={control} />
      {near ? children() : <td colSpan={span} className="cov-pending" />}
    </tr>
  );
}
