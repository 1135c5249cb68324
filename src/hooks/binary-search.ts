// Binary search over an array ordered so that `isAfter` is false for a prefix and true for the rest.

/** The first index whose element `isAfter` says true for (the array's length when none). */
export function firstIndexAfter<T>(items: readonly T[], isAfter: (item: T) => boolean): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (isAfter(items[mid] as T)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
