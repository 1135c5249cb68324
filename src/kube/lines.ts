// Splits a byte stream into text lines (watch events, log lines) without breaking UTF-8 sequences that
// straddle chunks.
import { StringDecoder } from 'node:string_decoder';

export class LineSplitter {
  private rest = '';
  private readonly decoder = new StringDecoder('utf8');

  /** The complete lines in this chunk (without their line ends); the tail waits for the next chunk. */
  push(chunk: Buffer | string): string[] {
    const text = this.rest + (typeof chunk === 'string' ? chunk : this.decoder.write(chunk));
    const parts = text.split('\n');
    this.rest = parts.pop() ?? '';
    return trimmed(parts);
  }

  /** What is left when the stream ends (a last line without a newline). */
  flush(): string[] {
    const last = this.rest + this.decoder.end();
    this.rest = '';
    return trimmed([last]);
  }
}

function trimmed(parts: string[]): string[] {
  const out: string[] = [];
  for (const p of parts) {
    const line = p.endsWith('\r') ? p.slice(0, -1) : p;
    if (line.length > 0) out.push(line);
  }
  return out;
}
