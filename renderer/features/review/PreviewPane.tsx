import { useState } from 'react';
import type { EvidenceRecord } from '../../../shared/domain/records';
import { visibleName } from '../../../shared/files/visibleName';
import { useEvidencePreview } from './useEvidencePreview';

/** The large preview: the image itself, the head of a text file, or why there is none. */
export function PreviewPane({ item }: { readonly item: EvidenceRecord }): React.JSX.Element {
  const preview = useEvidencePreview(item.sha256, item.mime, item.size);
  const [actualSize, setActualSize] = useState(false);
  const name = visibleName(item.name);

  switch (preview.kind) {
    case 'loading':
      return <div className="preview-pane preview-message">Loading preview…</div>;
    case 'error':
      return (
        <div className="preview-pane preview-message preview-error" role="alert">
          The stored bytes could not be read: {preview.message}
        </div>
      );
    case 'none':
      return (
        <div className="preview-pane preview-message">
          <span className="preview-file-kind">{item.mime}</span>
          {preview.reason}
        </div>
      );
    case 'text':
      return (
        <div className="preview-pane preview-text-pane">
          <pre className="preview-text" aria-label={`Contents of ${name}`}>
            {preview.text}
          </pre>
          {preview.truncated && <p className="preview-note muted">Only the beginning of the file is shown.</p>}
        </div>
      );
    case 'image':
      return (
        <div className="preview-pane">
          <div className={actualSize ? 'preview-scroll preview-actual' : 'preview-scroll'}>
            <img className="preview-image" src={preview.url} alt={`Full preview of ${name}`} />
          </div>
          <button type="button" className="button preview-zoom" onClick={() => setActualSize((v) => !v)}>
            {actualSize ? 'Fit to view' : 'Actual size'}
          </button>
        </div>
      );
  }
}
