// Terminal column width of a string, measured as Ink measures what it draws: with `string-width`
// (grapheme clusters, East Asian Width, emoji sequences, zero-width marks), so a cell we pad to N columns
// is N columns on Ink's screen too. The same width lays out `flux get` tables.
import stringWidth from 'string-width';

export function displayWidth(s: string): number {
  // Names, revisions and most messages are printable ASCII, one column per character: counted without
  // the grapheme segmenter (row derivation measures every cell of every row).
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return stringWidth(s);
  }
  return s.length;
}
