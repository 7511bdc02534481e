import { useEffect, useState } from 'react';
import { categoriesFor, nextPeriod, type ControlPreset } from '../../../shared/audits/rollForward';
import type { TscSeries } from '../../../shared/domain/types';
import { validateNewAudit, type NewAuditErrors, type NewAuditInput } from '../../../shared/domain/audit';
import { messageOf } from '../../bridge';
import { ErrorBanner } from '../../components/ErrorBanner';
import { AuditWindowFields } from '../../components/AuditWindowFields';
import { Field } from '../../components/Field';
import { createAudit } from '../../db/audits';
import { rollForwardSource, startNextAudit, type RollForwardSource } from '../../db/rollForward';
import { CarryForwardPanel } from './CarryForwardPanel';
import { StarterControlsPicker } from './StarterControlsPicker';
import { actorOf, useSystemInfo } from '../app/systemInfo';
import { auditRoute, hrefFor, navigate } from '../app/useHashRoute';

function defaultPeriod(): { start: string; end: string } {
  const year = new Date().getFullYear();
  return { start: `${year}-01-01`, end: `${year}-12-31` };
}

/** A new audit; with `from`, the next one after that audit (its controls and requests carried forward). */
export function NewAuditPage({ from = null }: { readonly from?: string | null }): React.JSX.Element {
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
  // The default is what audits always began with; the picker offers the narrower starts.
  const [preset, setPreset] = useState<ControlPreset>('all');
  const [categories, setCategories] = useState<readonly TscSeries[]>(['CC']);
  const [source, setSource] = useState<RollForwardSource | null>(null);
  const [carryRequests, setCarryRequests] = useState(true);

  // Starting from the last audit: its organization, zone and type, the next period and name.
  useEffect(() => {
    if (from === null) return;
    let live = true;
    rollForwardSource(from).then(
      (found) => {
        if (!live) return;
        if (!found) {
          setFailure('The audit to start from no longer exists. This form starts a new audit instead.');
          return;
        }
        setSource(found);
        setCarryRequests(found.requests > 0);
        const next = nextPeriod(found.audit);
        setInput((prev) => ({
          ...prev,
          name: next.name,
          organization: found.audit.organization,
          type: found.audit.type,
          asOf: next.asOf ?? prev.asOf,
          periodStart: next.periodStart ?? prev.periodStart,
          periodEnd: next.periodEnd ?? prev.periodEnd,
          timeZone: found.audit.timeZone,
        }));
      },
      (e: unknown) => live && setFailure(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [from]);

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
      const audit = source
        ? await startNextAudit(source.audit.id, input, { requests: carryRequests }, actorOf(info))
        : await createAudit(input, actorOf(info), new Date(), { preset, categories: categoriesFor(preset, categories) });
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
      <h1 id="new-audit-heading">{source ? `Next audit after ${source.audit.name}` : 'New audit'}</h1>
      <p className="muted">
        {source
          ? 'The next period, with the controls, owners and frequencies of the last one: the usual second year.'
          : 'Pick the common SOC 2 controls it starts with, mapped to the Trust Services Criteria; you can adapt them later.'}
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
        {source ? (
          <CarryForwardPanel source={source} requests={carryRequests} onRequestsChange={setCarryRequests} />
        ) : (
          from === null && (
            <StarterControlsPicker
              preset={preset}
              categories={categories}
              onChange={(p, c) => {
                setPreset(p);
                setCategories(c);
              }}
            />
          )
        )}
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
