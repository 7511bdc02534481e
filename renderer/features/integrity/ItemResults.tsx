import { useMemo, useState } from 'react';
import type { ItemReport } from '../../../shared/integrity/check';
import { visibleName } from '../../../shared/files/visibleName';
import { Pager } from '../../components/Pager';
import { CheckCell } from './CheckCell';

/** Rows on one page: 10,000 items are results, not a DOM (issue #12). */
const PAGE = 100;

/** Every item with its three checks; items with a problem come first, a page at a time. */
export function ItemResults({ items }: { readonly items: readonly ItemReport[] }): React.JSX.Element {
  const ordered = useMemo(() => [...items].sort((a, b) => Number(a.ok) - Number(b.ok)), [items]);
  const [chosen, setChosen] = useState(0);
  const pages = Math.max(1, Math.ceil(ordered.length / PAGE));
  const page = Math.min(chosen, pages - 1);
  const shown = ordered.slice(page * PAGE, (page + 1) * PAGE);
  return (
    <div className="ic-scroll">
      {pages > 1 && (
        <div className="ic-pages">
          <span className="muted">
            {(page * PAGE + 1).toLocaleString('en-US')}–{(page * PAGE + shown.length).toLocaleString('en-US')} of {ordered.length.toLocaleString('en-US')}
          </span>
          <Pager page={page} pages={pages} onPage={setChosen} label="Result pages (top)" />
        </div>
      )}
      <table className="ic-table" aria-label="Results by item">
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">Result</th>
            <th scope="col">Stored file</th>
            <th scope="col">Sign-offs</th>
            <th scope="col">Trail record</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((item) => (
            <tr key={item.evidenceId} className={item.ok ? 'ic-row' : 'ic-row ic-row-fail'} aria-label={visibleName(item.name)}>
              <th scope="row" className="ic-item">
                <bdi className="ic-item-name">{visibleName(item.name)}</bdi>
                <span className="chips ic-refs">
                  {item.controlRefs.map((ref) => (
                    <span key={ref} className="chip">
                      {visibleName(ref)}
                    </span>
                  ))}
                  {!item.inDatabase && <span className="ic-tag ic-tag-fail">Row missing</span>}
                </span>
              </th>
              <td className="ic-result">
                <span className={`ic-tag ${item.ok ? 'ic-tag-pass' : 'ic-tag-fail'}`}>{item.ok ? 'Verified' : 'Problem'}</span>
              </td>
              <CheckCell outcome={item.file} name={item.name} none="Not checked" />
              <CheckCell outcome={item.signoffs} name={item.name} none="Not signed off" />
              <CheckCell outcome={item.trail} name={item.name} none="—" />
            </tr>
          ))}
        </tbody>
      </table>
      {pages > 1 && (
        <div className="ic-pages ic-pages-foot">
          <Pager page={page} pages={pages} onPage={setChosen} label="Result pages (bottom)" />
        </div>
      )}
    </div>
  );
}
