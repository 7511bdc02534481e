import { useThumbnailUrl } from './useThumbnailUrl';

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1, dot + 5).toUpperCase() : 'FILE';
}

export function Thumbnail({ sha256, mime, name }: { readonly sha256: string; readonly mime: string; readonly name: string }): React.JSX.Element {
  const { url, failed } = useThumbnailUrl(sha256, mime);
  if (url) return <img className="thumb" src={url} alt={`Preview of ${name}`} />;
  return (
    <div className="thumb thumb-file" role="img" aria-label={failed ? `No preview for ${name}` : `File ${name}`}>
      {extensionOf(name)}
    </div>
  );
}
