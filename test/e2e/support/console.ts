// Driving the console in tmux the way a person does: one key at a time, each followed by waiting for what it
// should show (keys typed faster than a frame are a different feature, tested in the component tests).
import { readFileSync } from 'node:fs';
import { CHAIN } from '../../support/runbook-chain.js';
import { Terminal, type TerminalOptions } from './terminal.js';

/** Start-up on a loaded two-core machine: the simulated cluster (TLS keys), the console, the first lists. */
export const STARTUP_MS = 60_000;
/** One key's effect on screen. */
export const KEY_MS = 15_000;

/** The home view with the runbook's objects listed: its title with a count, and the last link of the chain. */
export const HOME_LOADED = /Failing\(all\) \[\d+\/\d+\][\s\S]*velero/;

export interface ConsoleOptions extends Partial<TerminalOptions> {
  /** What the screen shows once the console is usable (default: the demo's home view, loaded). */
  readonly ready?: RegExp | string;
}

/** `fluxdeck --demo` (plus `extra` args) in tmux, once its home view is loaded. */
export function startDemo(options: ConsoleOptions & { readonly extra?: readonly string[] } = {}) {
  return startConsole({ ...options, args: ['--demo', ...(options.extra ?? [])] });
}

export async function startConsole(options: ConsoleOptions): Promise<Terminal> {
  const term = Terminal.start({ args: options.args ?? [], ...options });
  try {
    await term.waitFor(options.ready ?? HOME_LOADED, STARTUP_MS);
  } catch (error) {
    term.stop();
    throw error;
  }
  return term;
}

/** Sends one tmux key and waits for its effect. */
export function press(term: Terminal, key: string, expect: RegExp | string, timeoutMs = KEY_MS) {
  term.keys(key);
  return term.waitFor(expect, timeoutMs);
}

/** The rows inside the dialog's frame (between ╭ and ╰), without the frame. */
function dialogRows(screen: string): string[] {
  const lines = screen.split('\n');
  const top = lines.findIndex((l) => l.startsWith('╭'));
  const bottom = lines.findIndex((l, i) => i > top && l.startsWith('╰'));
  if (top < 0 || bottom < 0) return [];
  return lines.slice(top + 1, bottom).map((l) => l.replace(/^│ ?/, '').replace(/ *│$/, ''));
}

/**
 * Opens a confirmation dialog with `key` and reads all of it, unfolding its equivalent commands (`c`) when
 * they are folded and scrolling with ↓, as a user must when the plan is taller than the terminal. Returns
 * the dialog's text, every line once, in order.
 */
export async function openDialog(term: Terminal, key: string): Promise<string> {
  let screen = await press(term, key, /Proceed\? <y> yes/);
  if (/<c> show the (\d+ )?equivalent command/.test(screen)) {
    const folded = screen;
    term.keys('c');
    screen = await waitForScreen(term, 'the commands unfolded', (s) => s !== folded && /Proceed\?/.test(s));
  }
  const merged: string[] = [];
  for (let page = 0; page < 20; page++) {
    const rows = dialogRows(screen).filter((r) => !/more lines (above|below)/.test(r));
    // Append what this page adds: the longest tail of `merged` that starts this page is shared.
    let shared = Math.min(merged.length, rows.length);
    while (shared > 0 && merged.slice(-shared).join('\n') !== rows.slice(0, shared).join('\n')) shared--;
    merged.push(...rows.slice(shared));
    const below = /↓ (\d+) more lines below/.exec(screen);
    if (!below) break;
    const previous = screen;
    term.keys(...Array.from({ length: Math.min(8, Number(below[1])) }, () => 'Down'));
    screen = await waitForScreen(term, 'the dialog scrolled', (s) => s !== previous && /Proceed\?/.test(s));
  }
  return merged.join('\n');
}

/** `:command` then enter, as typed: the prompt must show before the text goes in. */
export async function runCommand(term: Terminal, command: string, expect: RegExp | string) {
  // The empty prompt shows a placeholder after the colon.
  await press(term, ':', /^:(\s|$)/m);
  term.text(command);
  const typed = new RegExp(`^:${escapeRegExp(command)}\\s*$`, 'm');
  await term.waitFor(typed, KEY_MS);
  term.keys('Enter');
  return waitForScreen(term, `:${command} to show ${String(expect)}`, (s) => {
    const shows = typeof expect === 'string' ? s.includes(expect) : expect.test(s);
    return shows && !typed.test(s);
  });
}

/** `/text` then enter: the table keeps only matching rows; the title shows the filter. */
export async function applyFilter(term: Terminal, text: string) {
  await press(term, '/', /^\/(\s|$)/m);
  term.text(text);
  const typed = new RegExp(`^/${escapeRegExp(text)}\\s*$`, 'm');
  await term.waitFor(typed, KEY_MS);
  term.keys('Enter');
  // The title shows the filter while it is typed: done when the prompt has closed.
  return waitForScreen(term, `the filter ${text} applied`, (s) => s.includes(`</${text}>`) && !typed.test(s));
}

/**
 * A table row as a pattern: the cells in this order, separated by column gaps (any whitespace). `selected`
 * requires the selection marker in front of it.
 */
export function rowPattern(cells: readonly string[], options: { readonly selected?: boolean } = {}): RegExp {
  const start = options.selected ? '^>\\s+' : '^[> ]\\s*(?:\\S.*\\s)?';
  return new RegExp(`${start}${cells.map(escapeRegExp).join('\\s+')}(?:\\s|$)`, 'm');
}

/** The screen line a pattern matches, for readable failure messages. */
export function lineOf(screen: string, pattern: RegExp): string | undefined {
  return screen.split('\n').find((line) => pattern.test(line));
}

/** One line of the audit log (src/actions/audit.ts): the fields the tests look at. */
export interface AuditEntry {
  readonly phase?: string;
  readonly action?: string;
  readonly outcome?: string;
  readonly context?: string;
  readonly targets?: readonly string[];
  readonly [field: string]: unknown;
}

/** The audit log's entries (JSON lines); [] when nothing was written. */
export function readAudit(term: Terminal): AuditEntry[] {
  let text: string;
  try {
    text = readFileSync(term.auditLogPath, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as AuditEntry);
}

/** The audit log is appended asynchronously: waits until its entries satisfy `test`. */
export async function waitForAudit(
  term: Terminal,
  what: string,
  test: (entries: readonly AuditEntry[]) => boolean,
  timeoutMs = KEY_MS,
): Promise<AuditEntry[]> {
  const deadline = Date.now() + timeoutMs;
  let entries = readAudit(term);
  while (!test(entries)) {
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what} in the audit log: ${JSON.stringify(entries)}`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
    entries = readAudit(term);
  }
  return entries;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The chain of the runbook, root first after its two healthy predecessors. */
export { CHAIN };
/** Everything kyverno's failure blocks. */
export const DEPENDENTS = CHAIN.slice(3);

/** Polls the screen until `test` holds (on a settled frame); fails with `what` and the last screen. */
export function waitForScreen(
  term: Terminal,
  what: string,
  test: (screen: string) => boolean,
  timeoutMs = KEY_MS,
): Promise<string> {
  return term.until(what, test, timeoutMs);
}

/** The selected table row (the line with the selection marker). */
export function selectedLine(screen: string): string | undefined {
  return screen.split('\n').find((line) => line.startsWith('>'));
}

/** The selection's position in the view's title, `[4/13]` → 4. */
export function selectedIndex(screen: string): number | undefined {
  const m = /^\S.*\[(\d+)\/\d+\]/m.exec(screen);
  return m ? Number(m[1]) : undefined;
}

/** Moves the selection down (`j`, one key per frame) until the selected row matches `row`. */
export async function selectRow(term: Terminal, row: RegExp, maxMoves = 40): Promise<string> {
  let screen = await waitForScreen(term, 'a settled screen', () => true);
  for (let moves = 0; moves <= maxMoves; moves++) {
    if (row.test(selectedLine(screen) ?? '')) return screen;
    const index = selectedIndex(screen);
    term.keys('j');
    // The title's position, not the row's text: a live update may change the row without a move.
    screen = await waitForScreen(term, `the selection to move down from row ${index}`, (s) => {
      const next = selectedIndex(s);
      return next !== undefined && next !== index;
    });
  }
  throw new Error(`no row matching ${String(row)} after ${maxMoves} moves; the screen was:\n${screen}`);
}

/** A row of the `:hr` view (NAMESPACE NAME CHART [VERSION] [SUSPENDED] STATUS …) with this status. */
export function helmReleaseRow(namespace: string, name: string, status: string): RegExp {
  const [ns, n] = [escapeRegExp(namespace), escapeRegExp(name)];
  return new RegExp(`^[> ]\\s+${ns}\\s+${n}\\s+\\S+(?:\\s+\\S+){0,2}?\\s+${status}\\s`, 'm');
}

/** Opens the `:hr` view and selects the release (one `j` at a time). */
export async function selectHelmRelease(term: Terminal, namespace: string, name: string): Promise<string> {
  await runCommand(term, 'hr', /^HelmReleases\(all\) \[\d+\/\d+\]/m);
  return selectRow(term, new RegExp(`^>\\s+${escapeRegExp(namespace)}\\s+${escapeRegExp(name)}\\s`));
}
