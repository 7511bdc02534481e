/**
 * Playwright bindings carry JSON only, so bytes cross as base64 inside a tagged object. The
 * page-side twin of these two functions lives in the init script (it cannot import modules).
 */
export function encodeWire(value: unknown): unknown {
  if (value instanceof Uint8Array) return { __bytes: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  if (Array.isArray(value)) return value.map(encodeWire);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeWire(v)]));
  }
  return value;
}

export function decodeWire(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeWire);
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record['__bytes'] === 'string' && Object.keys(record).length === 1) {
      return new Uint8Array(Buffer.from(record['__bytes'], 'base64'));
    }
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, decodeWire(v)]));
  }
  return value;
}
