// Fitting already-sanitised text into terminal cells, by display width (wide characters take two cells).
import { displayWidth, isOneCellEach } from '../flux/width.js';

// Cuts fall between grapheme clusters, never inside one: a flag, a ZWJ emoji family or a letter with its
// combining accent is kept whole or dropped whole, so the cut text measures what string-width says.
// Made on first use: the first segmenter of a process costs 8–13 ms (ICU's break data), which `status` and
// a console whose text is all one cell each never need.
let graphemeSegmenter: Intl.Segmenter | undefined;

function* graphemes(text: string): Generator<string> {
  graphemeSegmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  for (const { segment } of graphemeSegmenter.segment(text)) yield segment;
}

export function textWidth(text: string): number {
  return displayWidth(text);
}

/**
 * What a cut cell ends in. ASCII on purpose, as git's `trunc` does: Ink measures every line it draws with
 * string-width, whose fast path is printable ASCII; one `…` in a row sends the whole row through the
 * grapheme segmenter — 3.6 ms instead of 0.06 ms per 48-row frame, measured, and 7 ms of key latency at the
 * median under churn (README, Performance).
 */
export const CUT_MARK = '..';

/** Cuts `text` to at most `width` cells, ending in CUT_MARK when cut (just cut when too narrow for it). */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  const mark = width > CUT_MARK.length ? CUT_MARK : '';
  // One cell per code unit (isOneCellEach): every cell of every frame is cut, so cuts are slices.
  if (isOneCellEach(text))
    return text.length <= width ? text : `${text.slice(0, width - mark.length)}${mark}`;
  if (displayWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const ch of graphemes(text)) {
    const w = displayWidth(ch);
    if (used + w > width - mark.length) break;
    out += ch;
    used += w;
  }
  return `${out}${mark}`;
}

/** Up to `cells` cells of `parts`, from the front (or from the back, read back to front). */
function take(parts: readonly string[], cells: number, fromEnd: boolean): string {
  let out = '';
  let used = 0;
  for (let i = 0; i < parts.length; i++) {
    const ch = parts[fromEnd ? parts.length - 1 - i : i] ?? '';
    const w = displayWidth(ch);
    if (used + w > cells) break;
    out = fromEnd ? ch + out : out + ch;
    used += w;
  }
  return out;
}

/**
 * Cuts `text` to at most `width` cells by taking out its middle (CUT_MARK there): for names, whose head and
 * tail tell `team-apps-frontend-prod` from `team-apps-frontend-stage` where an end cut would not.
 */
export function truncateMiddle(text: string, width: number): string {
  if (width <= CUT_MARK.length + 1) return truncate(text, width);
  const room = width - CUT_MARK.length;
  if (isOneCellEach(text)) {
    if (text.length <= width) return text;
    const tail = Math.floor(room / 2);
    return `${text.slice(0, room - tail)}${CUT_MARK}${text.slice(text.length - tail)}`;
  }
  if (displayWidth(text) <= width) return text;
  const parts = [...graphemes(text)];
  const tail = take(parts, Math.floor(room / 2), true);
  const head = take(parts, room - displayWidth(tail), false);
  return `${head}${CUT_MARK}${tail}`;
}

/**
 * One column's names, each cut to `width` cells in the middle as truncateMiddle cuts it — except where two
 * different names would then read the same (billing-prod-1-metrics-server and billing-prod-2-metrics-server
 * both `billing-p..cs-server`): those keep the part that tells them from every other name of `names`, the
 * cut moved as little as that takes (`billing-prod-1..rver`), or, when even that is too wide, a window
 * that ends on it (`..ling-prod-1..`). Names that fit, and names the plain cut already tells apart, are cut
 * as ever, so a column only changes where it had to. Linear in the names, plus a sort of them when two
 * clash: meant for the rows on screen, not for a whole list. Too narrow to tell some apart, some stay alike.
 */
export function truncateApart(names: readonly string[], width: number): string[] {
  const cut = names.map((name) => truncateMiddle(name, width));
  // Narrower than that, truncateMiddle cuts hard at the end: there is no cut to move.
  if (width <= CUT_MARK.length + 1) return cut;
  const nameOf = new Map<string, string>();
  const clashes = new Set<string>();
  cut.forEach((text, i) => {
    const name = names[i] ?? '';
    const first = nameOf.get(text);
    if (first === undefined) nameOf.set(text, name);
    else if (first !== name) clashes.add(text);
  });
  if (clashes.size === 0) return cut;
  const distinct = [...new Set(names)];
  const heads = uniqueLengths(distinct, (name) => name);
  const tails = uniqueLengths(distinct, (name) => [...name].reverse().join(''));
  // What each shown text stands for: the cuts that stay, then each moved name's first free cut.
  const owner = new Map<string, string>();
  cut.forEach((text, i) => {
    if (!clashes.has(text)) owner.set(text, names[i] ?? '');
  });
  const moved = new Map<string, string>();
  cut.forEach((text, i) => {
    const name = names[i] ?? '';
    if (!clashes.has(text) || moved.has(name)) return;
    const ways = cutsApart(name, width, heads.get(name) ?? Infinity, tails.get(name) ?? Infinity);
    const free = ways.find((way) => (owner.get(way) ?? name) === name) ?? ways[0] ?? text;
    owner.set(free, name);
    moved.set(name, free);
  });
  return cut.map((text, i) => moved.get(names[i] ?? '') ?? text);
}

/**
 * For each of the distinct `names`: how many code units of its `key` (the name, or the name reversed for
 * its tail) no other name's key starts with; Infinity when every one of them is another's (`app` beside
 * `app-2`). Sorted, the key sharing the longest start with a key is next to it.
 */
function uniqueLengths(names: readonly string[], key: (name: string) => string): Map<string, number> {
  const keyed = names.map((name) => ({ name, key: key(name) }));
  // By code unit, as the shared starts are measured; localeCompare's order would not put them side by side.
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const shared = (a: string | undefined, b: string | undefined): number => {
    if (a === undefined || b === undefined) return 0;
    let n = 0;
    while (n < a.length && n < b.length && a.charCodeAt(n) === b.charCodeAt(n)) n++;
    return n;
  };
  const out = new Map<string, number>();
  keyed.forEach(({ name, key: k }, i) => {
    const need = Math.max(shared(k, keyed[i - 1]?.key), shared(k, keyed[i + 1]?.key)) + 1;
    out.set(name, need > k.length ? Infinity : need);
  });
  return out;
}

/** The fewest graphemes from the front of `parts` (the back: fromEnd) spanning `units` code units, and their cells. */
function span(parts: readonly string[], units: number, fromEnd: boolean): { cells: number; count: number } {
  let cells = 0;
  let seen = 0;
  for (let i = 0; i < parts.length; i++) {
    const ch = parts[fromEnd ? parts.length - 1 - i : i] ?? '';
    cells += displayWidth(ch);
    seen += ch.length;
    if (seen >= units) return { cells, count: i + 1 };
  }
  return { cells: Infinity, count: parts.length };
}

/**
 * The ways to show `name` in `width` cells that keep the part no other name has — its first `headUnits`
 * code units or its last `tailUnits` — best first: one cut, moved from truncateMiddle's as little as that
 * takes; where that part is too wide for one cut, a window ending (or starting) on it, the nearer end
 * first. Empty when there is no such way.
 */
function cutsApart(name: string, width: number, headUnits: number, tailUnits: number): string[] {
  if (displayWidth(name) <= width) return [name];
  const parts = [...graphemes(name)];
  const room = width - CUT_MARK.length;
  const plainTail = Math.floor(room / 2);
  const head = span(parts, headUnits, false);
  const tail = span(parts, tailUnits, true);
  const ways: { text: string; rank: number }[] = [];
  if (head.cells <= room) {
    const front = take(parts, Math.max(head.cells, room - plainTail), false);
    const text = `${front}${CUT_MARK}${take(parts, room - displayWidth(front), true)}`;
    ways.push({ text, rank: Math.max(0, head.cells - (room - plainTail)) });
  }
  if (tail.cells <= room) {
    const back = take(parts, Math.max(tail.cells, plainTail), true);
    const text = `${take(parts, room - displayWidth(back), false)}${CUT_MARK}${back}`;
    ways.push({ text, rank: Math.max(0, tail.cells - plainTail) });
  }
  if (width - 2 * CUT_MARK.length >= 1) {
    // Read with what comes before it, the part that tells it apart ends the window.
    if (head.cells > room && head.cells !== Infinity) {
      const after = head.count < parts.length ? CUT_MARK : '';
      const body = take(parts.slice(0, head.count), width - CUT_MARK.length - after.length, true);
      ways.push({ text: `${CUT_MARK}${body}${after}`, rank: room + head.cells });
    }
    if (tail.cells > room && tail.cells !== Infinity) {
      const start = parts.length - tail.count;
      const before = start > 0 ? CUT_MARK : '';
      const body = take(parts.slice(start), width - before.length - CUT_MARK.length, false);
      ways.push({ text: `${before}${body}${CUT_MARK}`, rank: room + tail.cells });
    }
  }
  // Stable: on a tie the head's way, as truncateMiddle gives the head the odd cell.
  return ways.sort((a, b) => a.rank - b.rank).map((way) => way.text);
}

/** Exactly `width` cells: cut (CUT_MARK, at the end or in the middle) or padded with spaces. */
export function fitCell(
  text: string,
  width: number,
  align: 'left' | 'right' = 'left',
  cut: 'end' | 'middle' = 'end',
): string {
  const cutText = cut === 'middle' ? truncateMiddle(text, width) : truncate(text, width);
  const pad = ' '.repeat(Math.max(0, width - displayWidth(cutText)));
  return align === 'left' ? cutText + pad : pad + cutText;
}

/** Splits a line into chunks of at most `width` cells (for wrapped log lines). */
export function wrapLine(text: string, width: number): readonly string[] {
  if (width <= 0 || displayWidth(text) <= width) return [text];
  const out: string[] = [];
  let line = '';
  let used = 0;
  for (const ch of graphemes(text)) {
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

/**
 * Breaks prose into lines of at most `width` cells at spaces. A word wider than a line (a URL, a path, a
 * generated name) is split where the line ends instead, after what precedes it on that line: moved to a
 * line of its own it would leave a gap and still be split.
 */
export function wrapWords(text: string, width: number): readonly string[] {
  if (width <= 0 || displayWidth(text) <= width) return [text];
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const joined = line === '' ? word : `${line} ${word}`;
    if (displayWidth(joined) <= width) {
      line = joined;
      continue;
    }
    const long = displayWidth(word) > width;
    if (line !== '' && !long) out.push(line);
    const pieces = wrapLine(long ? joined : word, width);
    out.push(...pieces.slice(0, -1));
    line = pieces.at(-1) ?? '';
  }
  if (line !== '') out.push(line);
  return out;
}
