// Everything the cluster sends is untrusted text that ends up on a terminal. A message such as
// "\x1b]52;c;…\x07" would write the user's clipboard, "\x1b]8;;http://evil\x1b\\" would plant a link, and
// a bidi override would make `rm` look like something else. These functions turn any value into text
// that cannot move the cursor, change modes or reorder what is shown.

const ESC = 0x1b;
const BEL = 0x07;
const C1_ST = 0x9c;

/** Code points dropped outright: bidi embeddings/overrides/isolates, zero-width characters and marks. */
function isInvisibleFormat(c: number): boolean {
  return (
    c === 0x061c ||
    (c >= 0x200b && c <= 0x200f) ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2060 && c <= 0x2069) ||
    c === 0xfeff
  );
}

/** Index just past a control string (OSC, DCS, SOS, PM, APC) that starts at `i`; the end when unterminated. */
function skipControlString(s: string, i: number, bellEnds: boolean): number {
  for (let j = i; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c === C1_ST) return j + 1;
    if (bellEnds && c === BEL) return j + 1;
    if (c === ESC && s.charCodeAt(j + 1) === 0x5c) return j + 2;
  }
  // Unterminated: a terminal would swallow the rest too, and printing half a hyperlink helps nobody.
  return s.length;
}

/** Index just past a CSI sequence whose parameters start at `i`. */
function skipCsi(s: string, i: number): number {
  let j = i;
  while (j < s.length) {
    const c = s.charCodeAt(j);
    if (c >= 0x30 && c <= 0x3f) j++;
    else break;
  }
  while (j < s.length) {
    const c = s.charCodeAt(j);
    if (c >= 0x20 && c <= 0x2f) j++;
    else break;
  }
  const final = s.charCodeAt(j);
  // A malformed sequence ends at the first byte that does not belong; that byte is then judged on its own.
  return final >= 0x40 && final <= 0x7e ? j + 1 : j;
}

/** Index just past an escape sequence that starts with ESC at `i`. */
function skipEscape(s: string, i: number): number {
  const next = s.charCodeAt(i + 1);
  if (next === 0x5b) return skipCsi(s, i + 2); // ESC [
  if (next === 0x5d) return skipControlString(s, i + 2, true); // ESC ] OSC (ends with BEL or ST)
  if (next === 0x50 || next === 0x58 || next === 0x5e || next === 0x5f) {
    return skipControlString(s, i + 2, true); // DCS, SOS, PM, APC
  }
  // Other escape sequences: intermediates 0x20–0x2f, then one final byte 0x30–0x7e (ESC 7, ESC ( B, ESC c …).
  let j = i + 1;
  while (j < s.length) {
    const c = s.charCodeAt(j);
    if (c >= 0x20 && c <= 0x2f) j++;
    else break;
  }
  const final = s.charCodeAt(j);
  if (final >= 0x30 && final <= 0x7e) return j + 1;
  return i + 1; // a lone ESC
}

/** Index just past an 8-bit C1 control at `i` (and the string or parameters it introduces). */
function skipC1(s: string, i: number, c: number): number {
  if (c === 0x9b) return skipCsi(s, i + 1); // CSI
  if (c === 0x9d) return skipControlString(s, i + 1, true); // OSC
  if (c === 0x90 || c === 0x98 || c === 0x9e || c === 0x9f) return skipControlString(s, i + 1, true);
  return i + 1;
}

function isSpecial(c: number): boolean {
  return (
    c < 0x20 ||
    (c >= 0x7f && c <= 0x9f) ||
    c === 0x2028 ||
    c === 0x2029 ||
    isInvisibleFormat(c) ||
    (c >= 0xd800 && c <= 0xdfff)
  );
}

// Anything outside printable ASCII. A regex runs as native code from the first call, before the JIT has
// compiled the char loop below: `status` sanitises 10,000 objects' fields in a fresh process.
const NOT_PRINTABLE_ASCII = /[^\x20-\x7e]/;

/** Whether a string with characters outside printable ASCII has any that need attention. */
function hasSpecial(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // Printable ASCII is by far the most common; test it first.
    if (c >= 0x20 && c < 0x7f) continue;
    if (isSpecial(c)) return true;
  }
  return false;
}

interface Mode {
  readonly keepNewlines: boolean;
  readonly maxLength: number;
}

function clean(input: string, mode: Mode): string {
  const out: string[] = [];
  let length = 0;
  let column = 0;
  // Stop early on huge input: everything past the limit is cut anyway.
  const budget = mode.maxLength + 1;
  const push = (text: string) => {
    out.push(text);
    length += text.length;
    column += text.length;
  };
  const newline = () => {
    if (mode.keepNewlines) {
      out.push('\n');
      length += 1;
      column = 0;
    } else push(' ');
  };
  let i = 0;
  let runStart = 0;
  const flushRun = (end: number) => {
    if (end > runStart) push(input.slice(runStart, end));
  };
  while (i < input.length && length < budget) {
    const c = input.charCodeAt(i);
    if (!isSpecial(c)) {
      i++;
      continue;
    }
    flushRun(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const lo = input.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        push(input.slice(i, i + 2));
        i += 2;
      } else {
        push('\ufffd');
        i++;
      }
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      push('\ufffd');
      i++;
    } else if (c === 0x0a || c === 0x2028 || c === 0x2029) {
      newline();
      i++;
    } else if (c === 0x0d) {
      // CRLF is one line break; a lone CR would return the cursor and let later text overwrite earlier text.
      newline();
      i += input.charCodeAt(i + 1) === 0x0a ? 2 : 1;
    } else if (c === 0x09) {
      if (mode.keepNewlines) push(' '.repeat(8 - (column % 8)));
      else push(' ');
      i++;
    } else if (c === ESC) {
      i = skipEscape(input, i);
    } else if (c >= 0x80 && c <= 0x9f) {
      i = skipC1(input, i, c);
    } else {
      i++; // other C0 controls, DEL, bidi and zero-width characters
    }
    runStart = i;
  }
  if (length < budget) flushRun(Math.min(i, input.length));
  return truncate(out.join(''), mode.maxLength);
}

function truncate(s: string, maxLength: number): string {
  if (s.length <= maxLength) return s;
  if (maxLength <= 0) return '';
  let cut = maxLength - 1;
  // Never split a surrogate pair.
  const last = s.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--;
  return `${s.slice(0, cut)}…`;
}

/**
 * Single-line, display-safe text for a table cell: strips every terminal control sequence (CSI, OSC incl.
 * links and clipboard writes, DCS/SOS/PM/APC, 8-bit C1 forms, lone ESC, C0 controls, DEL), turns line
 * breaks and tabs into spaces, removes bidi overrides/isolates and zero-width characters, and cuts the
 * result to `maxLength` characters ending in `…`. Anything that is not a string becomes ''.
 */
export function sanitizeText(value: unknown, maxLength = 2000): string {
  if (typeof value !== 'string') return '';
  // Printable ASCII within the limit (nearly every name, reason and message) is returned without a call.
  if (!NOT_PRINTABLE_ASCII.test(value)) return value.length <= maxLength ? value : truncate(value, maxLength);
  if (!hasSpecial(value)) return truncate(value, maxLength);
  return clean(value, { keepNewlines: false, maxLength });
}

/** Like sanitizeText but keeps line breaks (`\n`; CRLF and lone CR become `\n`) and expands tabs to 8 columns. */
export function sanitizeMultiline(value: unknown, maxLength = 1_000_000): string {
  if (typeof value !== 'string') return '';
  if (!NOT_PRINTABLE_ASCII.test(value)) return value.length <= maxLength ? value : truncate(value, maxLength);
  if (!hasSpecial(value)) return truncate(value, maxLength);
  return clean(value, { keepNewlines: true, maxLength });
}
