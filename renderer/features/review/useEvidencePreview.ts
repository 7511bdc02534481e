import { useEffect, useState } from 'react';
import { MAX_READ_BYTES } from '../../../shared/bridge/contract';
import { isPreviewableImage } from '../../../shared/files/mime';
import { formatBytes } from '../../../shared/time/format';
import { bridge, messageOf, unwrap } from '../../bridge';

export type Preview =
  | { readonly kind: 'loading' }
  | { readonly kind: 'image'; readonly url: string }
  | { readonly kind: 'text'; readonly text: string; readonly truncated: boolean }
  | { readonly kind: 'none'; readonly reason: string }
  | { readonly kind: 'error'; readonly message: string };

/** Text shown in the preview; a reviewer reads the head of a log or export, the rest is in the file. */
export const TEXT_PREVIEW_CHARS = 20_000;
const TEXT_MAX_BYTES = 4 * 1024 * 1024;
const TEXT_TYPES = ['text/plain', 'text/csv', 'text/tab-separated-values', 'text/markdown', 'application/json', 'application/yaml', 'application/xml', 'text/html'];

type Plan = { readonly kind: 'image' | 'text' } | { readonly kind: 'none'; readonly reason: string };

function planFor(mime: string, size: number): Plan {
  if (isPreviewableImage(mime)) {
    return size <= MAX_READ_BYTES ? { kind: 'image' } : { kind: 'none', reason: `The image is ${formatBytes(size)}; previews stop at ${formatBytes(MAX_READ_BYTES)}.` };
  }
  // HTML and XML are shown as their source text, never rendered: evidence is untrusted content.
  if (TEXT_TYPES.includes(mime)) {
    return size <= TEXT_MAX_BYTES ? { kind: 'text' } : { kind: 'none', reason: `The file is ${formatBytes(size)}; text previews stop at ${formatBytes(TEXT_MAX_BYTES)}.` };
  }
  return { kind: 'none', reason: `No preview for ${mime} files: check the file facts and hash below.` };
}

/**
 * The stored bytes of one item for the large preview, read from main by hash. An image becomes
 * an object URL that is revoked as soon as another item is selected, so paging through a queue
 * of large screenshots does not keep them all in memory.
 */
export function useEvidencePreview(sha256: string, mime: string, size: number): Preview {
  const plan = planFor(mime, size);
  const [loaded, setLoaded] = useState<{ readonly sha256: string; readonly preview: Preview } | null>(null);
  const planKind = plan.kind;

  useEffect(() => {
    if (planKind === 'none') return undefined;
    let cancelled = false;
    let url: string | null = null;
    unwrap(bridge().readEvidence({ sha256 })).then(
      (bytes) => {
        if (cancelled) return;
        if (planKind === 'image') {
          url = URL.createObjectURL(new Blob([new Uint8Array(bytes)], { type: mime }));
          setLoaded({ sha256, preview: { kind: 'image', url } });
        } else {
          // UTF-8 takes at most 4 bytes a character: this head holds the characters shown.
          const head = bytes.subarray(0, TEXT_PREVIEW_CHARS * 4);
          const decoded = new TextDecoder('utf-8').decode(head);
          const truncated = bytes.length > head.length || decoded.length > TEXT_PREVIEW_CHARS;
          setLoaded({ sha256, preview: { kind: 'text', text: decoded.slice(0, TEXT_PREVIEW_CHARS), truncated } });
        }
      },
      (error: unknown) => {
        if (!cancelled) setLoaded({ sha256, preview: { kind: 'error', message: messageOf(error) } });
      },
    );
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [sha256, mime, planKind]);

  if (plan.kind === 'none') return plan;
  return loaded?.sha256 === sha256 ? loaded.preview : { kind: 'loading' };
}
