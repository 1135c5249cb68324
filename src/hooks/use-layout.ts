// The console's layout as hooks: the terminal's size, and the division of it that src/present/layout.ts
// computes from that size and from what the header and the footer show.
import { type DOMElement, useBoxMetrics, useStdout } from 'ink';
import { type RefObject, useCallback, useEffect, useRef, useState } from 'react';
import { wrapHints } from '../present/key-hints.js';
import type { FooterParts, Layout, Size } from '../present/layout.js';
import { computeLayout, footerLines, headerLines, screenWidth } from '../present/layout.js';
import type { LogsMode } from '../present/ui-state.js';

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

export interface ConsoleLayoutOptions extends Omit<FooterParts, 'overlayHeight' | 'hintLines'> {
  /** The hints to show (src/present/key-hints.ts keyHints): wrapped to the width, they take their lines. */
  readonly hints: readonly string[];
  /** The terminal's size (useTerminalSize). */
  readonly size: Size;
  readonly banner: boolean;
  readonly logs: LogsMode;
}

export interface ConsoleLayout {
  readonly layout: Layout;
  /** Attach to the box around the actions' overlay: its measured height is taken from the body. */
  readonly overlayRef: RefObject<DOMElement | null>;
  /** The hint area, wrapped to the screen's width. */
  readonly hintLines: readonly string[];
}

/** The screen's layout (src/present/layout.ts) from the terminal size and what the header and footer show. */
export function useConsoleLayout(o: ConsoleLayoutOptions): ConsoleLayout {
  const overlayRef = useRef<DOMElement | null>(null);
  const overlay = useBoxMetrics(overlayRef);
  const hints = wrapHints(o.hints, screenWidth(o.size));
  const footer = footerLines({ ...o, overlayHeight: overlay.height, hintLines: hints.length });
  return {
    layout: computeLayout(o.size, headerLines(o.banner), footer, o.logs),
    overlayRef,
    hintLines: hints,
  };
}
