// Open long-running responses (watches and log follows), so faults can drop them and stop() can end
// every one of them.

import type { ResourceId } from '../types.js';

export interface OpenStream {
  readonly kind: 'watch' | 'log';
  readonly resource: ResourceId;
  /** Ends the response gracefully (the client sees the stream close) and releases its listeners. */
  end(): void;
}

export class WatchHub {
  private readonly streams = new Set<OpenStream>();

  add(stream: OpenStream): () => void {
    this.streams.add(stream);
    return () => this.streams.delete(stream);
  }

  /** Ends the streams that match; all of them without a filter. */
  end(filter: (stream: OpenStream) => boolean = () => true): number {
    const matching = [...this.streams].filter(filter);
    for (const stream of matching) {
      this.streams.delete(stream);
      stream.end();
    }
    return matching.length;
  }

  count(kind?: OpenStream['kind']): number {
    let n = 0;
    for (const stream of this.streams) if (kind === undefined || stream.kind === kind) n++;
    return n;
  }
}
