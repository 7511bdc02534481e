/**
 * The value under `key`, made and kept the first time it is asked for: the memo of derived data
 * per immutable snapshot (a review per rows and context, coverage per review, a control's page
 * per rows), which goes when its key does.
 */
export function kept<K extends object, V>(map: WeakMap<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}
