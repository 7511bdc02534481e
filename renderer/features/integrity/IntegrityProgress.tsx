import type { Events } from '../../../shared/bridge/contract';
import type { IntegrityStep } from '../../../shared/integrity/check';
import type { IntegrityPhase } from '../../db/integrity';
import { formatBytes } from '../../../shared/time/format';

type Progress = Events['evidence:verify-progress'];

const PHASES: Readonly<Record<IntegrityPhase, string>> = {
  reading: 'Reading the database…',
  files: 'Re-hashing stored files…',
  signoffs: 'Verifying sign-offs and the audit trail…',
};

const STEPS: Readonly<Record<IntegrityStep['phase'], string>> = {
  signoffs: 'Verifying sign-offs',
  rows: 'Comparing evidence rows with the audit trail',
  chain: "Walking the audit trail's hash chain",
};

export function IntegrityProgress({
  phase,
  progress,
  step,
}: {
  readonly phase: IntegrityPhase;
  readonly progress: Progress | null;
  /** Where the checks after re-hashing are, when known. */
  readonly step: IntegrityStep | null;
}): React.JSX.Element {
  const files = phase === 'files' && progress !== null;
  const checks = phase === 'signoffs' && step !== null;
  const count = (done: number, total: number): string => `${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}`;
  return (
    <div className="ic-progress" role="status" aria-live="polite">
      <span className="ic-progress-text">
        {files
          ? `Re-hashing stored files: ${count(progress.done, progress.total)} (${formatBytes(progress.bytesDone)})`
          : checks
            ? `${STEPS[step.phase]}: ${count(step.done, step.total)}`
            : PHASES[phase]}
      </span>
      <progress
        max={files ? progress.total : checks ? step.total : undefined}
        value={files ? progress.done : checks ? step.done : undefined}
        aria-label="Integrity check progress"
      />
    </div>
  );
}
