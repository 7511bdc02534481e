import type { ThumbnailRecord } from '../../shared/domain/records';
import { db } from './db';

export function getThumbnail(sha256: string): Promise<ThumbnailRecord | undefined> {
  return db.thumbnails.get(sha256);
}

export async function putThumbnail(thumbnail: ThumbnailRecord): Promise<void> {
  await db.thumbnails.put(thumbnail);
}
