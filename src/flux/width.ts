// Terminal column width of a string, measured as Ink measures what it draws: with `string-width`
// (grapheme clusters, East Asian Width, emoji sequences, zero-width marks), so a cell we pad to N columns
// is N columns on Ink's screen too. The same width lays out `flux get` tables.
import stringWidth from 'string-width';

export function displayWidth(s: string): number {
  // Names, revisions and most messages are printable ASCII, one column per character: counted without
  // the grapheme segmenter (row derivation measures every cell of every row).
  // Box-drawing characters (U+2500–U+257F, the tree's branches) are one column too — string-width counts
  // them so (East Asian Width "ambiguous", narrow outside CJK locales) — so they keep the fast path.
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 || c > 0x7e) && (c < 0x2500 || c > 0x257f)) return stringWidth(s);
  }
  return s.length;
}
