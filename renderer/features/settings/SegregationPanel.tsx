import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { SOD_POLICIES, type SodPolicy } from '../../../shared/review/segregation';
import { messageOf } from '../../bridge';
import { ErrorBanner } from '../../components/ErrorBanner';
import { getSodPolicy, setSodPolicy } from '../../db/segregation';
import { actorOf, useSystemInfo } from '../app/systemInfo';

const LABELS: Readonly<Record<SodPolicy, { readonly title: string; readonly detail: string }>> = {
  warn: { title: 'Warn', detail: 'A reviewer may approve evidence they collected, and is told so each time.' },
  forbid: { title: 'Forbid', detail: 'Approving one’s own evidence is refused; another reviewer must approve it. Rejecting is always allowed.' },
};

/** Segregation of duties: may a reviewer approve what they collected themselves? Changes are logged. */
export function SegregationPanel(): React.JSX.Element {
  const info = useSystemInfo();
  const policy = useLiveQuery(getSodPolicy);
  const [error, setError] = useState<string | null>(null);
  return (
    <section className="panel settings-sod" aria-labelledby="sod-heading">
      <h2 id="sod-heading">Segregation of duties</h2>
      {error && <ErrorBanner message={error} onDismiss={() => setError(null)} />}
      <fieldset className="sod-options" aria-labelledby="sod-heading" disabled={policy === undefined}>
        {SOD_POLICIES.map((p) => (
          <label key={p} className="radio sod-option">
            <input
              type="radio"
              name="sod"
              value={p}
              checked={policy === p}
              onChange={() => {
                setError(null);
                setSodPolicy(p, actorOf(info)).catch((e: unknown) => setError(messageOf(e)));
              }}
            />
            <span>
              <strong>{LABELS[p].title}</strong> <span className="muted">— {LABELS[p].detail}</span>
            </span>
          </label>
        ))}
      </fieldset>
    </section>
  );
}
