import { useId } from 'react';
import { SYSTEM_REPORT_LIMITS, type SystemReportErrors, type SystemReportForm } from '../../../shared/domain/systemReport';
import { instantForLocalDateTime } from '../../../shared/time/localDateTime';
import { formatUtc } from '../../../shared/time/format';
import { Field } from '../../components/Field';
import './systemReport.css';

export interface ScreenshotOption {
  readonly id: string;
  readonly label: string;
}

/**
 * The "System report" part of an item's editor (DESIGN.md §3): where a user list or a ticket
 * export came from, so the auditor can test it is complete and accurate (PCAOB AS 1105.10).
 */
export function SystemReportFields({
  enabled,
  onToggle,
  form,
  onChange,
  errors,
  warnings,
  screenshots,
  timeZone,
  systems,
}: {
  readonly enabled: boolean;
  readonly onToggle: (enabled: boolean) => void;
  readonly form: SystemReportForm;
  readonly onChange: (patch: Partial<SystemReportForm>) => void;
  readonly errors: SystemReportErrors;
  readonly warnings: readonly string[];
  /** The audit's other image items; undefined while they load. */
  readonly screenshots: readonly ScreenshotOption[] | undefined;
  readonly timeZone: string;
  /** The audit's systems in scope, offered as source systems. */
  readonly systems: readonly string[];
}): React.JSX.Element {
  const listId = useId();
  const parsed = form.extractedAt === '' ? null : instantForLocalDateTime(form.extractedAt, timeZone);
  const options = screenshots ?? [];
  // A linked item that is no longer an image of this audit still shows, so the error next to it makes sense.
  const orphan = form.filterScreenshotId !== '' && screenshots !== undefined && !options.some((o) => o.id === form.filterScreenshotId);

  return (
    <fieldset className="system-report">
      <legend className="system-report-legend">System report</legend>
      <label className="system-report-toggle">
        <input type="checkbox" checked={enabled} onChange={(e) => onToggle(e.target.checked)} />
        <span>This is a system report (a user list, a ticket export, a population)</span>
      </label>
      {enabled && (
        <div className="system-report-fields">
          <Field label="Source system" error={errors.sourceSystem}>
            {(props) => (
              <input
                {...props}
                value={form.sourceSystem}
                onChange={(e) => onChange({ sourceSystem: e.target.value })}
                maxLength={SYSTEM_REPORT_LIMITS.sourceSystem}
                list={systems.length > 0 ? listId : undefined}
                placeholder="Okta, Jira, Workday…"
              />
            )}
          </Field>
          {systems.length > 0 && (
            <datalist id={listId}>
              {systems.map((s) => (
                <option key={s} value={s} />
              ))}
            </datalist>
          )}
          <Field label="Row count" error={errors.rowCount}>
            {(props) => (
              <input {...props} value={form.rowCount} onChange={(e) => onChange({ rowCount: e.target.value })} inputMode="numeric" placeholder="412" />
            )}
          </Field>
          <div className="system-report-wide">
            <Field label="Query or filter" error={errors.query}>
              {(props) => (
                <textarea
                  {...props}
                  value={form.query}
                  onChange={(e) => onChange({ query: e.target.value })}
                  rows={2}
                  maxLength={SYSTEM_REPORT_LIMITS.query}
                  placeholder='The report, query or filter used, e.g. status eq "ACTIVE"'
                />
              )}
            </Field>
          </div>
          <Field label={`Extracted at (${timeZone})`} error={errors.extractedAt}>
            {(props) => (
              <input {...props} type="datetime-local" step={1} value={form.extractedAt} onChange={(e) => onChange({ extractedAt: e.target.value })} />
            )}
          </Field>
          <Field label="Screenshot of the filter" error={errors.filterScreenshotId}>
            {(props) => (
              <select {...props} value={form.filterScreenshotId} onChange={(e) => onChange({ filterScreenshotId: e.target.value })}>
                <option value="">{screenshots === undefined ? 'Loading…' : options.length === 0 ? 'No screenshots in this audit yet' : 'None'}</option>
                {orphan && <option value={form.filterScreenshotId}>An item no longer in this audit</option>}
                {options.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <p className="system-report-hint muted" data-testid="extracted-utc">
            {parsed?.ok ? `Stored as ${formatUtc(parsed.instant)}` : 'Leave a field empty when it is not known.'}
          </p>
          {warnings.map((w) => (
            <p key={w} className="system-report-warning" role="status">
              {w}
            </p>
          ))}
        </div>
      )}
    </fieldset>
  );
}
