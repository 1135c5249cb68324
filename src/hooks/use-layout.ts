// How the terminal is divided: header, body (table or details, the logs pane beside or below), footer.
// The frame stays one line shorter than the terminal: Ink redraws the whole screen (flicker) when a frame
// is as tall as the terminal.
import { useStdout } from 'ink';
import { useCallback, useEffect, useState } from 'react';
import type { Size } from '../present/layout.js';

/**
 * The terminal size, following resizes; `fixed` overrides it (tests, which have no terminal). Read from
 * stdout directly: Ink's useWindowSize falls back to spawning `tput` when a stream has no size.
 */
export function useTerminalSize(fixed: Size | undefined): Size {
  const { stdout } = useStdout();
  const read = useCallback((): Size => {
    const tty = stdout as Partial<Pick<NodeJS.WriteStream, 'columns' | 'rows'>>;
    return { columns: tty.columns || 80, rows: tty.rows || 24 };
  }, [stdout]);
  const [size, setSize] = useState(read);
  useEffect(() => {
    if (fixed) return undefined;
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    onResize();
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, fixed, read]);
  return fixed ?? size;
}
