import type { Events } from '../../../shared/bridge/contract';
import type { IntegrityPhase } from '../../db/integrity';
import { formatBytes } from '../../../shared/time/format';

type Progress = Events['evidence:verify-progress'];

const PHASES: Readonly<Record<IntegrityPhase, string>> = {
  reading: 'Reading the database…',
  files: 'Re-hashing stored files…',
  signoffs: 'Verifying sign-offs and the audit trail…',
};

export function IntegrityProgress({ phase, progress }: { readonly phase: IntegrityPhase; readonly progress: Progress | null }): React.JSX.Element {
  const files = phase === 'files' && progress !== null;
  return (
    <div className="ic-progress" role="status" aria-live="polite">
      <span className="ic-progress-text">
        {files ? `Re-hashing stored files: ${progress.done.toLocaleString('en-US')} of ${progress.total.toLocaleString('en-US')} (${formatBytes(progress.bytesDone)})` : PHASES[phase]}
      </span>
      <progress max={files ? progress.total : undefined} value={files ? progress.done : undefined} aria-label="Integrity check progress" />
    </div>
  );
}
