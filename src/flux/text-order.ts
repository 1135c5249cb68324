// Text order for sorting: by UTF-16 code unit, as the tables' natural order already is. Not
// `localeCompare`: its first call loads ICU's collation tables — about 6 MB of the node binary paged in
// and kept for the life of the console (measured with /proc/self/smaps, docs/performance.md) — and each
// call is several times slower than `<`. Kubernetes names are lower-case ASCII, where the two agree.
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
