// A fake terminal for Ink that records every byte written to it, so tests can check what would really
// reach the user's terminal (ink-testing-library hands back frames that have already been processed).
import { EventEmitter } from 'node:events';
import { displayWidth } from '../../src/flux/width.js';

export class RecordingStdout extends EventEmitter {
  readonly isTTY = true;
  readonly writes: string[] = [];
  constructor(
    readonly columns: number,
    readonly rows: number,
  ) {
    super();
  }
  write = (data: string | Uint8Array): boolean => {
    this.writes.push(typeof data === 'string' ? data : Buffer.from(data).toString('utf8'));
    return true;
  };
  get raw(): string {
    return this.writes.join('');
  }
}

/** Keys in: the same shape as ink-testing-library's stdin. */
export class FakeStdin extends EventEmitter {
  readonly isTTY = true;
  private data: string | null = null;
  write = (data: string): void => {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  };
  read = (): string | null => {
    const { data } = this;
    this.data = null;
    return data;
  };
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching escape codes is the point
const CSI = /^\u001b\[([0-?]*)([ -/]*)([@-~])/;

/**
 * Every escape sequence or control character in `raw` that is not one Ink itself uses to draw: SGR colour
 * (`ESC [ … m`), cursor up/down/next line/column, erase line/screen, show/hide cursor, alternate screen and
 * synchronized output. An OSC (title, hyperlink, clipboard), DCS, C1 control or BEL is always forbidden.
 */
export function forbiddenControls(raw: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x1b) {
      const match = CSI.exec(raw.slice(i, i + 64));
      if (!match) {
        found.push(JSON.stringify(raw.slice(i, i + 12)));
        continue;
      }
      const [whole, params = '', intermediates = '', final = ''] = match;
      const ok =
        intermediates === '' &&
        (final === 'm' ||
          ('ABCDEFGHJK'.includes(final) && /^[0-9;]*$/.test(params)) ||
          (/^\?(25|1049|2026|1004|2004)$/.test(params) && (final === 'h' || final === 'l')));
      if (!ok) found.push(JSON.stringify(whole));
      i += whole.length - 1;
      continue;
    }
    if (c === 0x0a || c === 0x0d) continue;
    if (c < 0x20 || c === 0x7f || (c >= 0x80 && c <= 0x9f))
      found.push(`U+${c.toString(16).padStart(4, '0')}`);
  }
  return found;
}

/** `raw` without any escape sequence: the text a terminal would print. */
export function visibleText(raw: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing escape codes is the point
  return raw.replace(/\u001b\[[0-?]*[ -/]*[@-~]/g, '');
}

/** The lines of the last complete frame Ink wrote, as text, and their display widths. */
export function lastFrameLines(stdout: RecordingStdout): string[] {
  // Ink brackets each frame with synchronized-output and cursor sequences in writes of their own.
  for (let i = stdout.writes.length - 1; i >= 0; i--) {
    const text = visibleText(stdout.writes[i] ?? '');
    if (text.trim() !== '') return text.replace(/\n$/, '').split('\n');
  }
  return [];
}

export function widestLine(lines: readonly string[]): number {
  return Math.max(0, ...lines.map((l) => displayWidth(l)));
}
