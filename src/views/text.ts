// Fitting already-sanitised text into terminal cells, by display width (wide characters take two cells).
import { displayWidth } from '../flux/width.js';

export function textWidth(text: string): number {
  return displayWidth(text);
}

/** Cuts `text` to at most `width` cells, ending in `…` when cut. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  // Fast path: ASCII-only text is one cell per character.
  if (text.length <= width && !/[^\x20-\x7e]/.test(text)) return text;
  if (displayWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const ch of text) {
    const w = displayWidth(ch);
    if (used + w > width - 1) break;
    out += ch;
    used += w;
  }
  return `${out}…`;
}

/** Exactly `width` cells: cut with `…` or padded with spaces. */
export function fitCell(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const cut = truncate(text, width);
  const pad = ' '.repeat(Math.max(0, width - displayWidth(cut)));
  return align === 'left' ? cut + pad : pad + cut;
}

/** Splits a line into chunks of at most `width` cells (for wrapped log lines). */
export function wrapLine(text: string, width: number): readonly string[] {
  if (width <= 0 || displayWidth(text) <= width) return [text];
  const out: string[] = [];
  let line = '';
  let used = 0;
  for (const ch of text) {
    const w = displayWidth(ch);
    if (used + w > width) {
      out.push(line);
      line = '';
      used = 0;
    }
    line += ch;
    used += w;
  }
  if (line !== '') out.push(line);
  return out;
}
