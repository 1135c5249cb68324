// How the terminal is divided — header, body (table or details, the logs pane beside or below), footer —
// as pure arithmetic, in one place. The frame stays one line shorter than the terminal: Ink redraws the whole
// screen (flicker) when a frame is as tall as the terminal.
import type { LogsMode } from './ui-state.js';

export interface Size {
  readonly columns: number;
  readonly rows: number;
}

export interface Pane {
  readonly width: number;
  readonly height: number;
}

export interface Layout {
  readonly width: number;
  readonly body: Pane;
  readonly main: Pane | undefined;
  readonly logs: Pane | undefined;
  readonly direction: 'row' | 'column';
}

/** At this width and above the logs pane sits beside the table; below it, under the table. */
export const SIDE_BY_SIDE_COLUMNS = 160;

const MIN_COLUMNS = 40;

const MIN_ROWS = 10;

export function computeLayout(size: Size, headerLines: number, footerLines: number, logs: LogsMode): Layout {
  const width = Math.max(MIN_COLUMNS, size.columns);
  const rows = Math.max(MIN_ROWS, size.rows);
  const height = Math.max(3, rows - 1 - headerLines - footerLines);
  const body = { width, height };
  if (logs === 'hidden') return { width, body, main: body, logs: undefined, direction: 'column' };
  if (logs === 'full') return { width, body, main: undefined, logs: body, direction: 'column' };
  if (width >= SIDE_BY_SIDE_COLUMNS) {
    const mainWidth = Math.floor(width * 0.55);
    return {
      width,
      body,
      main: { width: mainWidth, height },
      logs: { width: width - mainWidth - 1, height },
      direction: 'row',
    };
  }
  const mainHeight = Math.max(3, Math.ceil(height / 2));
  return {
    width,
    body,
    main: { width, height: mainHeight },
    logs: { width, height: Math.max(2, height - mainHeight) },
    direction: 'column',
  };
}

/** Stream-state lines shown above the log lines, at most. */
export const MAX_STREAM_NOTICES = 2;

export function logLinesHeight(height: number, notices: number): number {
  return Math.max(1, height - 1 - Math.min(notices, MAX_STREAM_NOTICES));
}

/** Lines of content that fit under the title and tab bar. */
export function detailsBodyHeight(height: number): number {
  return Math.max(1, height - 2);
}
