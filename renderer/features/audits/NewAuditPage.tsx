import { useState } from 'react';
import { STARTER_CONTROLS } from '../../../shared/catalog/starterControls';
import { validateNewAudit, type NewAuditErrors, type NewAuditInput } from '../../../shared/domain/audit';
import { messageOf } from '../../bridge';
import { ErrorBanner } from '../../components/ErrorBanner';
import { AuditWindowFields } from '../../components/AuditWindowFields';
import { Field } from '../../components/Field';
import { createAudit } from '../../db/audits';
import { actorOf, useSystemInfo } from '../app/systemInfo';
import { auditRoute, hrefFor, navigate } from '../app/useHashRoute';

function defaultPeriod(): { start: string; end: string } {
  const year = new Date().getFullYear();
  return { start: `${year}-01-01`, end: `${year}-12-31` };
}

export function NewAuditPage(): React.JSX.Element {
  const info = useSystemInfo();
  const period = defaultPeriod();
  const [input, setInput] = useState<NewAuditInput>({
    name: '',
    organization: '',
    type: 'type2',
    asOf: new Date().toISOString().slice(0, 10),
    periodStart: period.start,
    periodEnd: period.end,
    timeZone: info.timeZone,
  });
  const [errors, setErrors] = useState<NewAuditErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  // Editing a field clears its error: a stale message next to a corrected value reads as a bug.
  const set = <K extends keyof NewAuditInput>(key: K, value: NewAuditInput[K]): void => {
    setInput((prev) => ({ ...prev, [key]: value }));
    setErrors(({ [key]: _fixed, ...rest }) => rest);
  };

  const submit = async (event: React.FormEvent): Promise<void> => {
    event.preventDefault();
    const found = validateNewAudit(input);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setSaving(true);
    try {
      const audit = await createAudit(input, actorOf(info));
      navigate(auditRoute(audit.id, 'scope'));
    } catch (error) {
      setFailure(`The audit was not created: ${messageOf(error)}`);
      setSaving(false);
    }
  };

  return (
    <section className="form-page" aria-labelledby="new-audit-heading">
      <a className="back-link" href={hrefFor({ screen: 'audits' })}>
        ← All audits
      </a>
      <h1 id="new-audit-heading">New audit</h1>
      <p className="muted">
        It starts with {STARTER_CONTROLS.length} common SOC 2 controls mapped to the Trust Services Criteria; you can adapt
        them later.
      </p>
      {failure && <ErrorBanner message={failure} onDismiss={() => setFailure(null)} />}
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <Field label="Audit name" error={errors.name}>
          {(props) => (
            <input {...props} value={input.name} onChange={(e) => set('name', e.target.value)} placeholder="SOC 2 Type II 2026" autoFocus />
          )}
        </Field>
        <Field label="Organization" error={errors.organization}>
          {(props) => (
            <input {...props} value={input.organization} onChange={(e) => set('organization', e.target.value)} placeholder="Acme Cloud Inc." />
          )}
        </Field>
        <AuditWindowFields value={input} errors={errors} onChange={set} radioName="type" />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={saving}>
            {saving ? 'Creating…' : 'Create audit'}
          </button>
          <a className="button" href={hrefFor({ screen: 'audits' })}>
            Cancel
          </a>
        </div>
      </form>
    </section>
  );
}
