// A minimal terminal screen: enough of VT100/xterm to follow what Ink writes (text, CR/LF, cursor moves,
// erase in line/display, colours ignored) so the benchmark can ask "does the screen show X now?".
// Ink draws each frame inside synchronized-output brackets (CSI ? 2026 h … l); a real terminal shows the
// frame when the closing bracket arrives, so that is when `onFrame` fires. Output outside brackets counts
// as a frame at the end of each chunk. Every code point is one column (the console's text is narrow).

export class Screen {
  constructor(rows, cols) {
    this.rows = rows;
    this.cols = cols;
    this.grid = Array.from({ length: rows }, () => new Array(cols).fill(' '));
    this.row = 0;
    this.col = 0;
    this.synced = false;
    this.dirty = false;
    this.frames = 0;
    this.pending = ''; // an escape sequence cut by a chunk boundary
    this.onFrame = () => {};
  }

  /** Feeds terminal output; calls onFrame(this) for each frame it completes. */
  write(chunk) {
    const s = this.pending + chunk;
    this.pending = '';
    let i = 0;
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (c === 0x1b) {
        const end = this.escape(s, i);
        if (end < 0) {
          this.pending = s.slice(i);
          break;
        }
        i = end;
        continue;
      }
      if (c === 0x0d) this.col = 0;
      else if (c === 0x0a) this.lineFeed();
      else if (c === 0x08) this.col = Math.max(0, this.col - 1);
      else if (c >= 0x20) {
        const cp = s.codePointAt(i);
        if (cp > 0xffff) i++;
        this.put(String.fromCodePoint(cp));
      }
      i++;
    }
    if (!this.synced && this.dirty) this.frame();
  }

  put(ch) {
    if (this.col >= this.cols) {
      this.col = 0;
      this.lineFeed();
    }
    this.grid[this.row][this.col++] = ch;
    this.dirty = true;
  }

  lineFeed() {
    if (this.row < this.rows - 1) this.row++;
    else {
      this.grid.shift();
      this.grid.push(new Array(this.cols).fill(' '));
    }
  }

  frame() {
    this.dirty = false;
    this.frames++;
    this.onFrame(this);
  }

  /** Handles the sequence at `i`; returns the index after it, or -1 when it is incomplete. */
  escape(s, i) {
    const next = s[i + 1];
    if (next === undefined) return -1;
    if (next === '[') {
      let j = i + 2;
      while (j < s.length && !(s.charCodeAt(j) >= 0x40 && s.charCodeAt(j) <= 0x7e)) j++;
      if (j >= s.length) return -1;
      this.csi(s.slice(i + 2, j), s[j]);
      return j + 1;
    }
    if (next === ']' || next === 'P' || next === '_' || next === '^') {
      // OSC / DCS / APC / PM: skip to BEL or ST.
      for (let j = i + 2; j < s.length; j++) {
        if (s.charCodeAt(j) === 0x07) return j + 1;
        if (s.charCodeAt(j) === 0x1b && s[j + 1] === '\\') return j + 2;
      }
      return -1;
    }
    if (next === '(' || next === ')') return i + 3 <= s.length ? i + 3 : -1;
    if (next === '7') this.saved = [this.row, this.col];
    if (next === '8' && this.saved) [this.row, this.col] = this.saved;
    return i + 2;
  }

  csi(params, final) {
    if (params.startsWith('?')) {
      if (params === '?2026') {
        if (final === 'h') this.synced = true;
        if (final === 'l') {
          this.synced = false;
          this.frame();
        }
      }
      if (params === '?1049' || params === '?47') this.clear();
      return;
    }
    const args = params.split(';').map((p) => (p === '' ? undefined : Number(p)));
    const n = args[0] ?? 1;
    switch (final) {
      case 'A':
        this.row = Math.max(0, this.row - n);
        break;
      case 'B':
        this.row = Math.min(this.rows - 1, this.row + n);
        break;
      case 'C':
        this.col = Math.min(this.cols - 1, this.col + n);
        break;
      case 'D':
        this.col = Math.max(0, this.col - n);
        break;
      case 'E':
        this.row = Math.min(this.rows - 1, this.row + n);
        this.col = 0;
        break;
      case 'F':
        this.row = Math.max(0, this.row - n);
        this.col = 0;
        break;
      case 'G':
        this.col = Math.min(this.cols - 1, n - 1);
        break;
      case 'H':
      case 'f':
        this.row = Math.min(this.rows - 1, (args[0] ?? 1) - 1);
        this.col = Math.min(this.cols - 1, (args[1] ?? 1) - 1);
        break;
      case 'J':
        this.eraseDisplay(args[0] ?? 0);
        break;
      case 'K':
        this.eraseLine(args[0] ?? 0);
        break;
      default:
        return; // SGR (m) and anything else that does not move text
    }
    this.dirty = true;
  }

  eraseLine(mode) {
    const line = this.grid[this.row];
    const [from, to] = mode === 0 ? [this.col, this.cols] : mode === 1 ? [0, this.col + 1] : [0, this.cols];
    for (let c = from; c < to; c++) line[c] = ' ';
  }

  eraseDisplay(mode) {
    if (mode === 2 || mode === 3) return this.clear(false);
    this.eraseLine(mode);
    const rows = mode === 0 ? [this.row + 1, this.rows] : [0, this.row];
    for (let r = rows[0]; r < rows[1]; r++) this.grid[r].fill(' ');
  }

  clear(home = true) {
    for (const line of this.grid) line.fill(' ');
    if (home) {
      this.row = 0;
      this.col = 0;
    }
  }

  /** The screen as text lines, trailing spaces trimmed. */
  lines() {
    return this.grid.map((line) => line.join('').trimEnd());
  }

  text() {
    return this.lines().join('\n');
  }
}
