import { STARTER_CONTROLS } from '../../../shared/catalog/starterControls';
import { CONTROL_PRESETS, pickStarterControls, type ControlPreset } from '../../../shared/audits/rollForward';
import { TSC_CATEGORIES, TSC_SERIES, type TscSeries } from '../../../shared/domain/types';

const PRESET_LABELS: Readonly<Record<ControlPreset, string>> = {
  categories: 'Starter controls for the categories in scope',
  security: 'Security (common criteria) only',
  all: `All ${STARTER_CONTROLS.length} starter controls (those outside Security start out of scope)`,
  none: 'No controls: I will add them or import my control matrix',
};

/**
 * Which starter controls a new audit begins with: picked by Trust Services category or a preset,
 * so a Security-only audit does not start with 13 controls to retire one by one (issue #13).
 */
export function StarterControlsPicker({
  preset,
  categories,
  onChange,
}: {
  readonly preset: ControlPreset;
  readonly categories: readonly TscSeries[];
  readonly onChange: (preset: ControlPreset, categories: readonly TscSeries[]) => void;
}): React.JSX.Element {
  const count = pickStarterControls(preset, categories).length;
  return (
    <fieldset className="field starter-picker">
      <legend>Controls to start with</legend>
      {CONTROL_PRESETS.map((p) => (
        <div key={p} className="starter-option">
          <label className="radio">
            <input type="radio" name="preset" value={p} checked={preset === p} onChange={() => onChange(p, categories)} />
            {PRESET_LABELS[p]}
          </label>
          {p === 'categories' && preset === 'categories' && (
            <div className="starter-categories" role="group" aria-label="Categories in scope">
              {TSC_SERIES.map((series) => (
                <label key={series} className="checkbox">
                  <input
                    type="checkbox"
                    checked={series === 'CC' || categories.includes(series)}
                    disabled={series === 'CC'}
                    onChange={(e) => onChange(preset, e.target.checked ? [...categories, series] : categories.filter((s) => s !== series))}
                  />
                  {TSC_CATEGORIES[series]}
                  {series === 'CC' && <span className="muted"> (always)</span>}
                </label>
              ))}
            </div>
          )}
        </div>
      ))}
      <p className="muted starter-count" role="status">
        {count === 0 ? 'The audit starts with no controls.' : `The audit starts with ${count} of ${STARTER_CONTROLS.length} starter controls; you can adapt them on Scope.`}
      </p>
    </fieldset>
  );
}
