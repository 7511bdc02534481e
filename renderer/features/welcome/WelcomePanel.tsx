import { markWelcomeDone } from '../../db/welcome';
import { hrefFor } from '../app/useHashRoute';
import { WelcomeReviewer } from './WelcomeReviewer';
import './welcome.css';

const STEPS: readonly (readonly [string, string])[] = [
  ['Set up the audit', 'Name it, set its period, and pick the SOC 2 controls that apply: a starter checklist of common controls is ready to trim.'],
  [
    'Capture evidence',
    'On each control, capture the screen (Ctrl+Shift+E from anywhere) or attach files. Every item is stamped with its time, its source and its SHA-256 as it is stored, on this computer only.',
  ],
  [
    'Review, sign off and export',
    'A reviewer approves or rejects each item with a signed sign-off. The export is one ZIP the auditor checks with their own tools, file by file.',
  ],
];

/**
 * First run (issue #16): the flow in three steps, the sample audit, and the reviewer's name and
 * role asked once. Shown on the audit list until the user skips it or leaves it for an audit.
 */
export function WelcomePanel(): React.JSX.Element {
  const done = (): void => void markWelcomeDone();
  return (
    <section className="welcome" aria-labelledby="welcome-heading">
      <h2 id="welcome-heading">Welcome to Evidence Locker</h2>
      <p className="welcome-lead">Collect SOC 2 evidence your auditor can verify, in three steps:</p>
      <ol className="welcome-steps">
        {STEPS.map(([title, text], i) => (
          <li key={title}>
            <span className="welcome-step-number" aria-hidden="true">
              {i + 1}
            </span>
            <span>
              <strong>{title}</strong>
              <span className="welcome-step-text">{text}</span>
            </span>
          </li>
        ))}
      </ol>
      <WelcomeReviewer />
      <div className="page-actions welcome-actions">
        <a className="button button-primary" href={hrefFor({ screen: 'new-audit' })} onClick={done}>
          Create your first audit
        </a>
        <a className="button" href={hrefFor({ screen: 'import' })} onClick={done}>
          Explore a sample audit
        </a>
        <button type="button" className="link-button" onClick={done}>
          Skip the welcome
        </button>
      </div>
      <p className="muted welcome-note">
        The sample is a small Type II audit with screenshots, files and signed sign-offs: import it to see every screen, and export it to see
        what auditors receive.
      </p>
    </section>
  );
}
