import { useMemo, useState } from 'react';
import { STARTER_CONTROLS } from '../../../shared/catalog/starterControls';
import { validateNewAudit, type NewAuditErrors, type NewAuditInput } from '../../../shared/domain/audit';
import { messageOf } from '../../bridge';
import { ErrorBanner } from '../../components/ErrorBanner';
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
  // Chromium's list has no plain "UTC", and the machine's own zone may be an alias it omits:
  // both must be choosable, or the select shows one zone while the form keeps another.
  const zones = useMemo(() => {
    const list = Intl.supportedValuesOf('timeZone');
    return [...new Set(['UTC', info.timeZone, ...list])].sort((a, b) => (a === 'UTC' ? -1 : b === 'UTC' ? 1 : a.localeCompare(b)));
  }, [info.timeZone]);
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
        <fieldset className="field">
          <legend>Report type</legend>
          <label className="radio">
            <input type="radio" name="type" checked={input.type === 'type1'} onChange={() => set('type', 'type1')} />
            <span>
              <strong>Type I</strong> — control design as of one date
            </span>
          </label>
          <label className="radio">
            <input type="radio" name="type" checked={input.type === 'type2'} onChange={() => set('type', 'type2')} />
            <span>
              <strong>Type II</strong> — operating effectiveness over a period (3–12 months)
            </span>
          </label>
        </fieldset>
        {input.type === 'type1' ? (
          <Field label="As of" error={errors.asOf}>
            {(props) => <input {...props} type="date" value={input.asOf} onChange={(e) => set('asOf', e.target.value)} />}
          </Field>
        ) : (
          <div className="field-row">
            <Field label="Period start" error={errors.periodStart}>
              {(props) => <input {...props} type="date" value={input.periodStart} onChange={(e) => set('periodStart', e.target.value)} />}
            </Field>
            <Field label="Period end" error={errors.periodEnd}>
              {(props) => <input {...props} type="date" value={input.periodEnd} onChange={(e) => set('periodEnd', e.target.value)} />}
            </Field>
          </div>
        )}
        <Field label="Time zone of the organization" error={errors.timeZone}>
          {(props) => (
            <select {...props} value={input.timeZone} onChange={(e) => set('timeZone', e.target.value)}>
              {zones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone}
                </option>
              ))}
            </select>
          )}
        </Field>
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
