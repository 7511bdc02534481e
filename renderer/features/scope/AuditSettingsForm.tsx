import { useState } from 'react';
import { validateNewAudit, type NewAuditErrors, type NewAuditInput } from '../../../shared/domain/audit';
import type { AuditRecord } from '../../../shared/domain/records';
import { periodLengthWarning } from '../../../shared/scope/period';
import { messageOf } from '../../bridge';
import { ErrorBanner } from '../../components/ErrorBanner';
import { AuditWindowFields } from '../../components/AuditWindowFields';
import { Field } from '../../components/Field';
import { updateAudit, type AuditPatch } from '../../db/audits';
import { actorOf, useSystemInfo } from '../app/systemInfo';

function draftOf(audit: AuditRecord): NewAuditInput {
  return {
    name: audit.name,
    organization: audit.organization,
    type: audit.type,
    // Switching type keeps a sensible date: the as-of date defaults to the period's end.
    asOf: audit.asOf ?? audit.periodEnd ?? '',
    periodStart: audit.periodStart ?? '',
    periodEnd: audit.periodEnd ?? audit.asOf ?? '',
    timeZone: audit.timeZone,
  };
}

function patchOf(draft: NewAuditInput): AuditPatch {
  const type1 = draft.type === 'type1';
  return {
    name: draft.name.trim(),
    organization: draft.organization.trim(),
    type: draft.type,
    asOf: type1 ? draft.asOf : null,
    periodStart: type1 ? null : draft.periodStart,
    periodEnd: type1 ? null : draft.periodEnd,
    timeZone: draft.timeZone,
  };
}

function differs(audit: AuditRecord, patch: AuditPatch): boolean {
  return Object.entries(patch).some(([key, value]) => JSON.stringify((audit as unknown as Record<string, unknown>)[key]) !== JSON.stringify(value));
}

/**
 * The audit's name, organization, report type, window and time zone. Edits are a draft until
 * saved, so that half-typed dates never reach the database or the log.
 */
export function AuditSettingsForm({ audit }: { readonly audit: AuditRecord }): React.JSX.Element {
  const info = useSystemInfo();
  const [draft, setDraft] = useState<NewAuditInput>(() => draftOf(audit));
  const [errors, setErrors] = useState<NewAuditErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);

  const dirty = differs(audit, patchOf(draft));
  const warning = draft.type === 'type2' ? periodLengthWarning(draft.periodStart, draft.periodEnd) : null;

  const set = <K extends keyof NewAuditInput>(key: K, value: NewAuditInput[K]): void => {
    setDraft((prev) => ({ ...prev, [key]: value }));
    setErrors(({ [key]: _fixed, ...rest }) => rest);
    setSaved(false);
  };

  const submit = async (event: React.FormEvent): Promise<void> => {
    event.preventDefault();
    const found = validateNewAudit(draft);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setSaving(true);
    setFailure(null);
    try {
      await updateAudit(audit.id, patchOf(draft), actorOf(info));
      setSaved(true);
    } catch (error) {
      setFailure(`The settings were not saved: ${messageOf(error)}`);
    } finally {
      setSaving(false);
    }
  };

  const discard = (): void => {
    setDraft(draftOf(audit));
    setErrors({});
    setSaved(false);
  };

  return (
    <section className="panel scope-panel" aria-labelledby="scope-settings-heading">
      <h2 id="scope-settings-heading">Audit settings</h2>
      {failure && <ErrorBanner message={failure} onDismiss={() => setFailure(null)} />}
      <form className="scope-form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="field-row">
          <Field label="Audit name" error={errors.name}>
            {(props) => <input {...props} value={draft.name} onChange={(e) => set('name', e.target.value)} />}
          </Field>
          <Field label="Organization" error={errors.organization}>
            {(props) => <input {...props} value={draft.organization} onChange={(e) => set('organization', e.target.value)} />}
          </Field>
        </div>
        <AuditWindowFields
          value={draft}
          errors={errors}
          onChange={set}
          radioName="scope-type"
          warning={
            warning && (
              <p className="scope-warning" role="status">
                <strong>Warning:</strong> {warning} You can still save it.
              </p>
            )
          }
        />
        <div className="form-actions scope-form-actions">
          <button type="submit" className="button button-primary" disabled={saving || !dirty}>
            {saving ? 'Saving…' : 'Save settings'}
          </button>
          {dirty && (
            <button type="button" className="button" onClick={discard} disabled={saving}>
              Discard changes
            </button>
          )}
          <span className="muted" role="status">
            {dirty ? 'Unsaved changes' : saved ? 'Settings saved.' : ''}
          </span>
        </div>
      </form>
    </section>
  );
}
