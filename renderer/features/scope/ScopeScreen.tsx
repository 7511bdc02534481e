import type { AuditRecord, ControlRecord } from '../../../shared/domain/records';
import { AuditSettingsForm } from './AuditSettingsForm';
import { CategoriesPanel } from './CategoriesPanel';
import { ControlsSection } from './ControlsSection';
import { SystemsPanel } from './SystemsPanel';
import './scope.css';

/** Step 1 of an audit: what is audited (settings, categories, systems) and against which controls. */
export function ScopeScreen({ audit, controls }: { readonly audit: AuditRecord; readonly controls: readonly ControlRecord[] }): React.JSX.Element {
  return (
    <div className="scope">
      <div className="scope-grid">
        {/* Keyed by audit: the settings draft belongs to one audit and must not leak into the next. */}
        <AuditSettingsForm key={audit.id} audit={audit} />
        <div className="scope-side">
          <CategoriesPanel audit={audit} controls={controls} />
          <SystemsPanel audit={audit} />
        </div>
      </div>
      <ControlsSection audit={audit} controls={controls} />
    </div>
  );
}
