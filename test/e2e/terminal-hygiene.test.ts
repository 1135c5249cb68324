// Issue 6, terminal hygiene: however the console ends — quit, ctrl-c, SIGTERM, SIGHUP, an uncaught error —
// the user gets their terminal back: the main screen (alternate screen left, so the wrapper's
// `[fluxdeck exited N]` line is visible), a visible cursor, cooked mode with echo; and a crash leaves a
// crash log under $XDG_STATE_HOME/fluxdeck/ whose path is printed.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, Terminal } from './support/terminal.js';

const STARTUP_MS = 60_000;

let term: Terminal | undefined;
afterEach(() => {
  term?.stop();
  term = undefined;
});

function tmux(t: Terminal, ...args: string[]): string {
  return execFileSync('tmux', ['-S', join(t.home, 'tmux.sock'), ...args], { encoding: 'utf8' }).trim();
}

/** The fluxdeck (node) process: while it runs, the only child of the pane's shell. */
function fluxdeckPid(t: Terminal): number {
  const shell = tmux(t, 'list-panes', '-F', '#{pane_pid}');
  const children = execFileSync('ps', ['-o', 'pid=', '--ppid', shell], { encoding: 'utf8' })
    .split('\n')
    .map((l) => Number(l.trim()))
    .filter((pid) => pid > 0);
  if (children.length !== 1)
    throw new Error(`expected fluxdeck alone under the pane's shell, found ${children}`);
  return children[0] ?? 0;
}

/** The pane's terminal settings: cooked (icanon) with echo once fluxdeck has left. */
function ttyModes(t: Terminal): string {
  const tty = tmux(t, 'display-message', '-p', '#{pane_tty}');
  return execFileSync('stty', ['-a', '-F', tty], { encoding: 'utf8' });
}

/** The demo's home view, loaded: its title with a count, and the last link of the runbook's chain. */
const HOME_LOADED = /Failing\(all\) \[\d+\/\d+\][\s\S]*velero/;

async function startDemo(env: Record<string, string> = {}, ready: RegExp = HOME_LOADED): Promise<Terminal> {
  const t = Terminal.start({ args: ['--demo'], env });
  term = t;
  await t.waitFor(ready, STARTUP_MS);
  expect(t.paneState().alternateScreen).toBe(true);
  return t;
}

async function expectRestored(t: Terminal, code: number): Promise<string> {
  expect(await t.exitCode()).toBe(code);
  const screen = t.screen();
  // The exit line is on the normal screen: the alternate screen (and the console on it) is gone.
  expect(screen).not.toContain('Failing(all)');
  expect(t.paneState()).toEqual({ alternateScreen: false, cursorVisible: true });
  const modes = ttyModes(t);
  expect(modes).toMatch(/(^|\s)icanon(\s|$)/);
  expect(modes).toMatch(/(^|\s)echo(\s|$)/);
  // The demo's throw-away kubeconfig and helm shim go with it.
  expect(readdirSync(t.tmpDir)).toEqual([]);
  return screen;
}

describe('the terminal is restored', () => {
  it('on quit (q)', async () => {
    const t = await startDemo();
    t.keys('q');
    await expectRestored(t, 0);
  });

  it('on ctrl-c (the quit path)', async () => {
    const t = await startDemo();
    t.keys('C-c');
    await expectRestored(t, 0);
  });

  it('on ctrl-c through the quit confirmation (an object suspended in this session)', async () => {
    const t = await startDemo();
    t.keys('s');
    await t.waitFor('Proceed?');
    t.keys('y');
    await t.waitFor(/✔ succeeded Suspend/);
    t.keys('C-c');
    await t.waitFor('Quit fluxdeck?');
    // ctrl-c in the confirmation means "stay".
    t.keys('C-c');
    await t.waitForGone('Quit fluxdeck?');
    expect(t.paneState().alternateScreen).toBe(true);
    t.keys('C-c');
    await t.waitFor('Quit fluxdeck?');
    t.keys('y');
    await expectRestored(t, 0);
  });

  it('on SIGTERM', async () => {
    const t = await startDemo();
    process.kill(fluxdeckPid(t), 'SIGTERM');
    await expectRestored(t, 143);
  });

  it('on SIGHUP', async () => {
    const t = await startDemo();
    process.kill(fluxdeckPid(t), 'SIGHUP');
    await expectRestored(t, 129);
  });

  it('on an uncaught error, with a crash log whose path is printed', async () => {
    // The first frame is enough to know the console is up (the crash comes 5 s after it mounted).
    const t = await startDemo({ FLUXDECK_TEST_CRASH_AFTER_MS: '5000' }, /^fluxdeck\s+DEMO/m);
    const screen = await expectRestored(t, 70);
    expect(screen).toContain('fluxdeck stopped on an unexpected error: test crash requested');
    const dir = join(t.home, 'state', 'fluxdeck');
    const logs = readdirSync(dir).filter((f) => f.startsWith('crash-'));
    expect(logs).toHaveLength(1);
    const path = join(dir, logs[0] ?? '');
    // The printed path may wrap at the pane's width: compare without line breaks.
    expect(screen.replaceAll('\n', '')).toContain(`Details were written to ${path}`);
    expect(existsSync(path)).toBe(true);
    expect(readFileSync(path, 'utf8')).toMatch(
      /test crash requested by FLUXDECK_TEST_CRASH_AFTER_MS\n\s+at /,
    );
  });
});

describe('the console process', () => {
  it('runs with a bounded young generation, two malloc arenas and a fixed mmap threshold, re-executed in place (the pid the shell started)', async () => {
    const t = await startDemo();
    const pid = t.consolePid();
    expect(pid).toBe(fluxdeckPid(t));
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    expect(argv).toContain('--max-semi-space-size=4');
    expect(argv.slice(-1)).toEqual(['--demo']);
    const env = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
    expect(env).toContain('MALLOC_ARENA_MAX=2');
    expect(env).toContain('GLIBC_TUNABLES=glibc.malloc.mmap_threshold=65536');
  });

  it('runs Ink with its caches kept between frames (the build plugin applied to the bundle it runs)', () => {
    const chunks = readdirSync(join(dirname(CLI), 'chunks')).filter((f) => f.endsWith('.js'));
    const bundled = chunks.map((f) => readFileSync(join(dirname(CLI), 'chunks', f), 'utf8')).join('\n');
    expect(bundled).toContain('caches = fluxdeckSharedCaches;');
    expect(bundled).toContain('text = fluxdeckSanitizeAnsi(text);');
  });
});
