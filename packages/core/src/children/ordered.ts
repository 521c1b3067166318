/**
 * `items` (already in order of `key`) with `item` put in its place: after every item whose key is not greater,
 * as a stable sort of `[...items, item]` would put it. Recorded dates may arrive out of order (notes written up
 * late) while schedules read them in date order; a binary search instead of a re-sort keeps each insertion to
 * one copy, which matters when a rebuild folds a child's visits and reviews one by one.
 */
export const inserted = <T>(items: ReadonlyArray<T>, item: T, key: (t: T) => string): ReadonlyArray<T> => {
  const k = key(item);
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (key(items[middle] as T) <= k) low = middle + 1;
    else high = middle;
  }
  return [...items.slice(0, low), item, ...items.slice(low)];
};
