// A pane plugin's output as the console shows it: what the command printed (stdout and stderr as they
// came), stripped of every terminal control sequence — a command's colours, cursor moves or a hostile
// object name echoed back never reach the terminal — in lines, scrolled, following the end while it runs.
import { sanitizeMultiline } from '../flux/sanitize.js';
import type { Tone } from './theme.js';

export interface PluginPaneModel {
  /** `plugin describe: kubectl describe helmreleases podinfo -n podinfo`. */
  readonly title: string;
  /** `running…`, or how it ended (`kubectl exited 0 after 2s`). */
  readonly status: string;
  readonly tone: Tone;
  readonly lines: readonly string[];
  /** Lines scrolled down from the top; undefined: following the end. */
  readonly scroll: number | undefined;
}

/** Kept of a command's output: the newest part of a chatty one. */
export const MAX_PANE_TEXT = 1024 * 1024;

/** The output as display-safe lines (the last line break ends a line, it does not start an empty one). */
export function paneLines(text: string): readonly string[] {
  const clean = sanitizeMultiline(text, MAX_PANE_TEXT);
  const lines = clean.split('\n');
  if (lines.length > 1 && lines.at(-1) === '') lines.pop();
  return lines.length === 1 && lines[0] === '' ? [] : lines;
}

/** Rows for output: the pane's height minus its title and status lines. */
export function paneBodyHeight(height: number): number {
  return Math.max(1, height - 2);
}

/** The furthest a pane of this height scrolls. */
export function paneMaxScroll(lines: number, height: number): number {
  return Math.max(0, lines - paneBodyHeight(height));
}

/** The rows in view and how many are above and below them. */
export function paneView(
  lines: readonly string[],
  height: number,
  scroll: number | undefined,
): { readonly rows: readonly string[]; readonly above: number; readonly below: number } {
  const body = paneBodyHeight(height);
  const max = paneMaxScroll(lines.length, height);
  const top = scroll === undefined ? max : Math.max(0, Math.min(scroll, max));
  const rows = lines.slice(top, top + body);
  return { rows, above: top, below: Math.max(0, lines.length - top - rows.length) };
}
