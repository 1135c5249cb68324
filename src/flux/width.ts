// Terminal column width of a string, as tablewriter (go-runewidth) counts it for `flux get` tables:
// East Asian wide and emoji code points take two columns, combining marks none. Good enough for
// alignment; not a full Unicode width table.

const WIDE: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f680, 0x1f6ff],
  [0x1f900, 0x1f9ff],
  [0x1fa70, 0x1faff],
  [0x20000, 0x3fffd],
];

const ZERO: readonly (readonly [number, number])[] = [
  [0x0300, 0x036f],
  [0x200b, 0x200f],
  [0x20d0, 0x20ff],
  [0xfe00, 0xfe0f],
];

function inRanges(c: number, ranges: readonly (readonly [number, number])[]): boolean {
  for (const [lo, hi] of ranges) {
    if (c < lo) return false;
    if (c <= hi) return true;
  }
  return false;
}

export function displayWidth(s: string): number {
  // Names, revisions and most messages are plain ASCII: one column per character.
  let i = 0;
  while (i < s.length && s.charCodeAt(i) < 0x300) i++;
  return i === s.length ? s.length : i + wideWidth(s, i);
}

/** Columns of `s` from index `from` on, character by character. */
function wideWidth(s: string, from: number): number {
  let width = 0;
  for (let i = from; i < s.length; i++) {
    const c = s.codePointAt(i) ?? 0;
    if (c > 0xffff) i++;
    if (c < 0x300) {
      width += 1;
      continue;
    }
    if (inRanges(c, ZERO)) continue;
    width += inRanges(c, WIDE) ? 2 : 1;
  }
  return width;
}
