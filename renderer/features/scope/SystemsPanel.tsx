import { useState } from 'react';
import type { AuditRecord } from '../../../shared/domain/records';
import { visibleName } from '../../../shared/files/visibleName';
import { MAX_SYSTEM_NAME_CHARS, checkSystemName } from '../../../shared/scope/systems';
import { messageOf } from '../../bridge';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { updateAudit } from '../../db/audits';
import { actorOf, useSystemInfo } from '../app/systemInfo';

export function SystemsPanel({ audit }: { readonly audit: AuditRecord }): React.JSX.Element {
  const info = useSystemInfo();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const save = async (systems: readonly string[]): Promise<boolean> => {
    setSaving(true);
    setFailure(null);
    try {
      await updateAudit(audit.id, { systems }, actorOf(info));
      return true;
    } catch (failed) {
      setFailure(`The systems were not saved: ${messageOf(failed)}`);
      return false;
    } finally {
      setSaving(false);
    }
  };

  const add = async (event: React.FormEvent): Promise<void> => {
    event.preventDefault();
    const check = checkSystemName(name, audit.systems);
    if (!check.ok) {
      setError(check.error);
      return;
    }
    if (await save([...audit.systems, check.name])) setName('');
  };

  return (
    <section className="panel scope-panel" aria-labelledby="scope-systems-heading">
      <h2 id="scope-systems-heading">Systems in scope</h2>
      {failure && <ErrorBanner message={failure} onDismiss={() => setFailure(null)} />}
      {audit.systems.length === 0 ? (
        <p className="scope-note muted">No systems listed yet. Name the production systems the report covers, e.g. AWS, Okta, GitHub.</p>
      ) : (
        <ul className="scope-systems" aria-label="Systems in scope">
          {audit.systems.map((system) => (
            <li key={system}>
              <span className="scope-system-name">{visibleName(system)}</span>
              <button
                type="button"
                className="link-button"
                aria-label={`Remove ${system}`}
                disabled={saving}
                onClick={() => void save(audit.systems.filter((s) => s !== system))}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="scope-system-add" onSubmit={(e) => void add(e)} noValidate>
        <Field label="System name" error={error}>
          {(props) => (
            <input
              {...props}
              value={name}
              maxLength={MAX_SYSTEM_NAME_CHARS * 2}
              placeholder="e.g. AWS production account"
              onChange={(e) => {
                setName(e.target.value);
                setError(undefined);
              }}
            />
          )}
        </Field>
        <button type="submit" className="button" disabled={saving}>
          Add system
        </button>
      </form>
    </section>
  );
}
