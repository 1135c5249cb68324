// The console under a real pseudo-terminal (pty-relay.py), in a clean environment, with its screen
// followed by a terminal model (screen.mjs). Times are taken when the output bytes reach us: the moment a
// terminal emulator would paint them.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Screen } from './screen.mjs';
import { sleep } from './stats.mjs';

const RELAY = fileURLToPath(new URL('./pty-relay.py', import.meta.url));
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
export const ROWS = 48;
export const COLS = 160;

/** `env -i`-style: only what a terminal session needs, HOME/XDG in a throw-away directory, no CI. */
function cleanEnv(home, kubeconfig) {
  for (const dir of ['config', 'state', 'cache', 'data']) mkdirSync(join(home, dir), { recursive: true });
  return {
    HOME: home,
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_STATE_HOME: join(home, 'state'),
    XDG_CACHE_HOME: join(home, 'cache'),
    XDG_DATA_HOME: join(home, 'data'),
    PATH: '/usr/bin:/bin',
    LANG: 'C.UTF-8',
    TERM: 'xterm-256color',
    KUBECONFIG: kubeconfig,
  };
}

/**
 * `nodeArgs` go to node before the script (e.g. --cpu-prof when profiling with the same driver); `env` adds
 * to the clean environment (e.g. MALLOC_ARENA_MAX for an A/B of the console's own setting).
 */
export async function openConsole({ node, cli, kubeconfig, args = ['-A'], nodeArgs = [], env = {} }) {
  const home = mkdtempSync(join(tmpdir(), 'fluxdeck-bench-home-'));
  const screen = new Screen(ROWS, COLS);
  const spawnedAt = performance.now();
  const relay = spawn(PYTHON, [RELAY, String(ROWS), String(COLS), node, ...nodeArgs, cli, ...args], {
    env: { ...cleanEnv(home, kubeconfig), ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let bytes = 0;
  let waiters = [];
  const frameListeners = new Set();
  screen.onFrame = () => {
    const now = performance.now();
    for (const listener of frameListeners) listener(screen, now);
    waiters = waiters.filter((w) => {
      if (!w.test(screen)) return true;
      w.resolve(now);
      return false;
    });
  };
  relay.stdout.setEncoding('utf8');
  relay.stdout.on('data', (chunk) => {
    bytes += Buffer.byteLength(chunk);
    screen.write(chunk);
  });
  const exited = new Promise((resolve) => relay.once('exit', resolve));
  const pid = await new Promise((resolve, reject) => {
    let err = '';
    relay.stderr.on('data', (d) => {
      err += d;
      const m = /^pid (\d+)$/m.exec(err);
      if (m) resolve(Number(m[1]));
    });
    relay.once('exit', (code) => reject(new Error(`pty relay exited (${code}): ${err}`)));
  });

  return {
    pid,
    spawnedAt,
    screen,
    get bytes() {
      return bytes;
    },
    get frames() {
      return screen.frames;
    },
    /** Calls listener(screen, time) after every frame until the returned function is called. */
    onFrame(listener) {
      frameListeners.add(listener);
      return () => frameListeners.delete(listener);
    },
    /** Resolves with the time of the first frame (from now on) for which test(screen) holds. */
    until(test, timeoutMs = 5000, what = 'the expected screen') {
      return new Promise((resolve, reject) => {
        const waiter = {
          test,
          resolve: (t) => {
            clearTimeout(timer);
            resolve(t);
          },
        };
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== waiter);
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${screen.text()}`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    /** Sends keys; returns the time they were handed to the terminal. */
    press(keys) {
      const t = performance.now();
      relay.stdin.write(keys);
      return t;
    },
    async close() {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // already gone
      }
      await Promise.race([exited, sleep(3000)]);
      if (relay.exitCode === null) relay.kill('SIGKILL');
      rmSync(home, { recursive: true, force: true });
    },
  };
}

// ---- reading the console's screen ----

/** The table title line (e.g. `Sources(all) </api> [2/402] rows 1–41`) and its parts. */
export function title(screen) {
  for (const line of screen.lines().slice(0, 6)) {
    const m = /^(\S+)\(([^)]*)\)(?: <\/(.*?)>)? \[(\d+)\/(\d+)\]/.exec(line);
    if (m) return { line, view: m[1], filter: m[3], index: Number(m[4]), total: Number(m[5]) };
  }
  return undefined;
}

/** The selected row's text (the line marked `> `), or undefined. */
export function selectedRow(screen) {
  return screen.lines().find((line) => line.startsWith('> '));
}

/** Header: `… of 10066 Flux objects`. */
export function objectCount(screen) {
  const m = /of (\d+) Flux objects/.exec(screen.lines().slice(0, 3).join('\n'));
  return m ? Number(m[1]) : undefined;
}

export function isLoading(screen) {
  return screen.lines().some((line) => /^loading \S+…/.test(line.trim()));
}
