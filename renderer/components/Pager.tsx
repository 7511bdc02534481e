/** First / previous / next / last over pages of rows: only one page is in the DOM at a time. */
export function Pager({
  page,
  pages,
  onPage,
  label,
}: {
  readonly page: number;
  readonly pages: number;
  readonly onPage: (page: number) => void;
  readonly label: string;
}): React.JSX.Element | null {
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" className="button button-small" onClick={() => onPage(0)} disabled={page === 0}>
        First
      </button>
      <button type="button" className="button button-small" onClick={() => onPage(page - 1)} disabled={page === 0}>
        Previous
      </button>
      <span className="pager-where">
        Page {(page + 1).toLocaleString('en-US')} of {pages.toLocaleString('en-US')}
      </span>
      <button type="button" className="button button-small" onClick={() => onPage(page + 1)} disabled={page >= pages - 1}>
        Next
      </button>
      <button type="button" className="button button-small" onClick={() => onPage(pages - 1)} disabled={page >= pages - 1}>
        Last
      </button>
    </nav>
  );
}
