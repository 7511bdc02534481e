import type { ItemReport } from '../../../shared/integrity/check';
import { visibleName } from '../../../shared/files/visibleName';
import { CheckCell } from './CheckCell';

/** Every item with its three checks; items with a problem come first. */
export function ItemResults({ items }: { readonly items: readonly ItemReport[] }): React.JSX.Element {
  const ordered = [...items].sort((a, b) => Number(a.ok) - Number(b.ok));
  return (
    <div className="ic-scroll">
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
          {ordered.map((item) => (
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
    </div>
  );
}
