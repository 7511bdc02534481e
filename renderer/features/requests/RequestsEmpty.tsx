/** What a PBC list is, for someone who has never received one, and the way to bring one in. */
export function RequestsEmpty({ onImport }: { readonly onImport: () => void }): React.JSX.Element {
  return (
    <div className="empty-state requests-empty">
      <h2>No request list yet</h2>
      <p>
        Auditors send a <strong>PBC list</strong> (“provided by client”): every document and piece of evidence they ask for, each with
        its own request id, a description, the controls it relates to and a due date.
      </p>
      <p>
        Import it from the CSV file the auditor sent (or export their spreadsheet as CSV). Each request is linked to your controls, and
        its status follows the evidence you collect for them, so you can see at a glance what is provided, what is missing and what is
        overdue.
      </p>
      <button type="button" className="button button-primary" onClick={onImport}>
        Import request list (CSV)…
      </button>
    </div>
  );
}
