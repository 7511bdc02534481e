import { hrefFor } from '../app/useHashRoute';

/** Shown instead of the decision buttons until this installation has a reviewer and a key. */
export function NoReviewer(): React.JSX.Element {
  return (
    <div className="no-reviewer" role="note">
      <h3>Set your reviewer identity to sign off</h3>
      <p>
        Every approval or rejection is signed with this computer&apos;s reviewer key and carries your name and role. Set them once in settings;
        the key is made then.
      </p>
      <a className="button button-primary" href={hrefFor({ screen: 'settings' })}>
        Set reviewer identity
      </a>
    </div>
  );
}
