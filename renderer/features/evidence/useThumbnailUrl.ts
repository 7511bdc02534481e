import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { isPreviewableImage } from '../../../shared/files/mime';
import type { ThumbnailRecord } from '../../../shared/domain/records';
import { bridge, unwrap } from '../../bridge';
import { getThumbnail, putThumbnail } from '../../db/thumbnails';
import { makeThumbnail } from './makeThumbnail';

const pending = new Set<string>();

/**
 * One object URL per thumbnail for the life of the page. Thumbnails are small and immutable
 * (keyed by content hash), so caching beats revoking: a URL revoked by one unmounting card
 * would break another card, or a StrictMode re-mount, showing the same bytes.
 */
const urls = new Map<string, string>();

function urlFor(thumbnail: ThumbnailRecord): string {
  let url = urls.get(thumbnail.sha256);
  if (!url) {
    url = URL.createObjectURL(thumbnail.blob);
    urls.set(thumbnail.sha256, url);
  }
  return url;
}

/**
 * An object URL for an item's thumbnail. Thumbnails are made once, on first sight, from the
 * stored bytes, and kept in IndexedDB; a lost thumbnail is simply made again.
 */
export function useThumbnailUrl(sha256: string, mime: string): { url: string | null; failed: boolean } {
  const previewable = isPreviewableImage(mime);
  const thumbnail = useLiveQuery(() => (previewable ? getThumbnail(sha256) : undefined), [sha256, previewable], null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (!previewable || thumbnail !== undefined || pending.has(sha256)) return;
    pending.add(sha256);
    unwrap(bridge().readEvidence({ sha256 }))
      .then((bytes) => makeThumbnail(sha256, new Uint8Array(bytes), mime))
      .then(putThumbnail)
      .catch(() => setFailed(true))
      .finally(() => pending.delete(sha256));
  }, [previewable, thumbnail, sha256, mime]);

  return { url: thumbnail ? urlFor(thumbnail) : null, failed };
}
