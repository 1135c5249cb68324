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

/** The frame's width: the terminal's, but never narrower than MIN_COLUMNS. */
export function screenWidth(size: Size): number {
  return Math.max(MIN_COLUMNS, size.columns);
}

/** The table's own width: the terminal's, less the logs pane when it sits beside the table. */
export function mainWidth(columns: number, logs: LogsMode): number {
  const width = Math.max(MIN_COLUMNS, columns);
  return logs !== 'hidden' && logs !== 'full' && width >= SIDE_BY_SIDE_COLUMNS
    ? Math.floor(width * 0.55)
    : width;
}

export function computeLayout(size: Size, headerLines: number, footerLines: number, logs: LogsMode): Layout {
  const width = screenWidth(size);
  const rows = Math.max(MIN_ROWS, size.rows);
  const height = Math.max(3, rows - 1 - headerLines - footerLines);
  const body = { width, height };
  if (logs === 'hidden') return { width, body, main: body, logs: undefined, direction: 'column' };
  if (logs === 'full') return { width, body, main: undefined, logs: body, direction: 'column' };
  if (width >= SIDE_BY_SIDE_COLUMNS) {
    const tableWidth = mainWidth(width, logs);
    return {
      width,
      body,
      main: { width: tableWidth, height },
      logs: { width: width - tableWidth - 1, height },
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

/** What the header shows: the cluster line, the counts line, and the banner when there is one. */
export function headerLines(banner: boolean): number {
  return 2 + (banner ? 1 : 0);
}

/** What stands under the body, from the top: each part is drawn by src/views/screen.tsx in this order. */
export interface FooterParts {
  /** The runbook's advice line. */
  readonly advice: boolean;
  /** Lines the actions' dialog and progress take, as Ink measured them. */
  readonly overlayHeight: number;
  /** The quit confirmation's reasons, while it is open. */
  readonly quitReasons: number | undefined;
  readonly flash: boolean;
  /** The open prompt: its line, the completion line, the problem line. */
  readonly prompt: { readonly suggestions: boolean; readonly problem: boolean } | undefined;
  /** The hint area's lines (src/present/key-hints.ts wraps the keys to the width). */
  readonly hintLines: number;
}

/** The quit confirmation: a frame (2), its title, one line per reason, the keys line. */
export function quitDialogLines(reasons: number): number {
  return reasons + 4;
}

export function footerLines(p: FooterParts): number {
  const prompt = p.prompt ? 1 + (p.prompt.suggestions ? 1 : 0) + (p.prompt.problem ? 1 : 0) : 0;
  const quit = p.quitReasons === undefined ? 0 : quitDialogLines(p.quitReasons);
  return p.hintLines + (p.advice ? 1 : 0) + p.overlayHeight + quit + (p.flash ? 1 : 0) + prompt;
}

/** Rows a page key moves in a table: its height less the title, the column headings and one row of overlap. */
export function tablePageSize(height: number): number {
  return Math.max(1, height - 3);
}

/** Lines a page key scrolls in a pane showing `body` lines: one line of the last page stays in view. */
export function paneStep(body: number): number {
  return Math.max(1, body - 1);
}

/** The table's rows that stay in view around a dialog: its title, its column headings and the selected row. */
const TABLE_ROWS_BY_A_DIALOG = 3;

/**
 * Rows the actions' dialog may take: the terminal less the frame's spare line, the header (with its banner),
 * the table's title, headings and selected row, the runbook line, the hint line and the progress lines — so
 * nobody confirms without seeing which cluster the console is on and what is selected.
 */
export function dialogMaxHeight(
  rows: number,
  header: number,
  advice: boolean,
  progressLines: number,
): number {
  const around = 1 + header + TABLE_ROWS_BY_A_DIALOG + (advice ? 1 : 0) + 1 + progressLines;
  return Math.max(8, Math.max(MIN_ROWS, rows) - around);
}
