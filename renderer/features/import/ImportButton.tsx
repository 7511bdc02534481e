import type { BundleInspection } from '../../../shared/bridge/contract';
import type { Planned } from './planned';

type Inspected = Extract<BundleInspection, { status: 'inspected' }>;

/** The import button, with the one reason it is refused when it is (verification, history, an unconfirmed key). */
export function ImportButton({
  bundle,
  planned,
  exporterTrusted,
  onImport,
}: {
  readonly bundle: Inspected;
  readonly planned: Planned;
  readonly exporterTrusted: boolean;
  readonly onImport: (bundle: Inspected, planned: Planned) => Promise<void>;
}): React.JSX.Element {
  const refusal =
    bundle.report.verdict === 'fail'
      ? 'It failed verification.'
      : !planned.history.ok
        ? 'Its trail does not extend the one held here.'
        : !exporterTrusted && !bundle.builtInSample
          ? 'Confirm the key that signed it first.'
          : null;
  const count = planned.preview.evidence.length;
  return (
    <div className="import-action">
      <button type="button" className="button button-primary" disabled={refusal !== null} onClick={() => void onImport(bundle, planned)}>
        Import {count} {count === 1 ? 'item' : 'items'}
      </button>
      {refusal && <span className="muted"> Not imported: {refusal}</span>}
    </div>
  );
}
