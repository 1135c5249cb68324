// Terminal column width of a string, measured as Ink measures what it draws: with `string-width`
// (grapheme clusters, East Asian Width, emoji sequences, zero-width marks), so a cell we pad to N columns
// is N columns on Ink's screen too. The same width lays out `flux get` tables.
import stringWidth from 'string-width';

/**
 * Characters outside printable ASCII that string-width counts as one column wherever they stand, and that
 * are each their own grapheme: the console's own punctuation (`·` between log fields, `—`, `…`, `→`, `≥`,
 * `✓ ✗`) and what messages commonly carry. All are East Asian Width "ambiguous" or "neutral": narrow
 * outside CJK locales, as string-width's default has them (test/unit/width-fast-path.test.ts checks each).
 */
export const ONE_CELL_EXTRAS = '·×°–—‘’“”•…←↑→↓≤≥✓✗▲▼●';
const EXTRA_CODES: ReadonlySet<number> = new Set([...ONE_CELL_EXTRAS].map((c) => c.charCodeAt(0)));

/**
 * Whether every code unit of `s` is one column and its own grapheme: printable ASCII, box drawing
 * (U+2500–U+257F, the tree's branches) or ONE_CELL_EXTRAS. Such text is measured by its length and cut by
 * slicing — no grapheme segmenter, which allocates an object per character, for every cell of every frame.
 */
export function isOneCellEach(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c <= 0x7e) continue;
    if ((c >= 0x2500 && c <= 0x257f) || EXTRA_CODES.has(c)) continue;
    return false;
  }
  return true;
}

export function displayWidth(s: string): number {
  return isOneCellEach(s) ? s.length : stringWidth(s);
}
