// `flux get` shortens commit SHAs and digests to 8 characters (fluxcd/flux2 internal/utils/hex.go).

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66);
}

/** A regex word character (`\w` without the u flag): ASCII letters, digits and `_`. */
function isWord(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}

/**
 * What HEX would match, in order: maximal runs of 40–128 lowercase hex characters with no word character
 * on either side (hex characters are word characters, so a match can only be a whole run). One pass over
 * char codes instead of a regex: most rows' messages and revisions carry a hash.
 */
function hexWords(s: string): string[] {
  const hits: string[] = [];
  let i = 0;
  while (i < s.length) {
    if (!isHex(s.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < s.length && isHex(s.charCodeAt(i))) i++;
    const length = i - start;
    if (length < 40 || length > 128) continue;
    if (start > 0 && isWord(s.charCodeAt(start - 1))) continue;
    if (i < s.length && isWord(s.charCodeAt(i))) continue;
    hits.push(s.slice(start, i));
  }
  return hits;
}

/**
 * Replaces every hexadecimal run of 40 to 128 characters (SHA-1 up to SHA-512) that stands as a word with
 * its first 8 characters: `main@sha1:696f056df216…` → `main@sha1:696f056d`. Like the CLI, each hit is then
 * replaced everywhere it occurs in the string.
 */
export function truncateHex(s: string): string {
  if (s.length < 40) return s;
  const hits = hexWords(s);
  if (hits.length === 0) return s;
  let out = s;
  for (const hit of hits.length === 1 ? hits : new Set(hits)) out = out.replaceAll(hit, hit.slice(0, 8));
  return out;
}
