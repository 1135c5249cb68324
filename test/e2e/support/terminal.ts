// Runs the built `fluxdeck` in a real terminal (tmux) at a fixed size: keys in, screen text out.
// Every session gets its own tmux server socket, HOME and XDG dirs, so nothing touches the user's
// real kubeconfig, state or tmux.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '../../..');
/** The built console (`npm test` builds first); FLUXDECK_E2E_CLI points the suite at another build. */
export const CLI = process.env['FLUXDECK_E2E_CLI'] ?? join(REPO, 'dist/cli.js');

export function tmuxAvailable(): boolean {
  return spawnSync('tmux', ['-V']).status === 0;
}

export interface TerminalOptions {
  readonly args: readonly string[];
  readonly columns?: number;
  readonly rows?: number;
  readonly env?: Readonly<Record<string, string>>;
  /** The script to run instead of this checkout's dist/cli.js (e.g. an installed package's bin). */
  readonly cli?: string;
}

export class Terminal {
  readonly home: string;
  private readonly socket: string;
  private readonly session = 'fluxdeck';

  private constructor(home: string) {
    this.home = home;
    this.socket = join(home, 'tmux.sock');
  }

  static start(options: TerminalOptions): Terminal {
    // A missing tmux must fail the suite loudly: skipped end-to-end tests would hide a broken console.
    if (!tmuxAvailable()) {
      throw new Error(
        'tmux is not installed (or not on PATH): the end-to-end tests run fluxdeck inside tmux. ' +
          'Install it (apt-get install tmux, brew install tmux); CI installs it in .ci/run.',
      );
    }
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does).`);
    const home = mkdtempSync(join(tmpdir(), 'fluxdeck-e2e-'));
    const term = new Terminal(home);
    mkdirSync(term.tmpDir);
    const env = {
      HOME: home,
      TMPDIR: term.tmpDir,
      XDG_STATE_HOME: join(home, 'state'),
      XDG_CONFIG_HOME: join(home, 'config'),
      // Never the user's cluster: a path that does not exist unless a test writes it.
      KUBECONFIG: join(home, 'kubeconfig'),
      TERM: 'xterm-256color',
      LANG: 'C.UTF-8',
      ...options.env,
    };
    const exports = Object.entries(env)
      .map(([k, v]) => `${k}=${shellQuote(v)}`)
      .join(' ');
    // `sh -c 'echo $$ >…; exec …'`: the console keeps that shell's pid (exec, then env's exec), so stop() can
    // wait for it to end before removing its HOME.
    const run = `env -i PATH=${shellQuote(process.env['PATH'] ?? '')} ${exports} ${shellQuote(process.execPath)} ${shellQuote(options.cli ?? CLI)} ${options.args.map(shellQuote).join(' ')}`;
    const command = `sh -c ${shellQuote(`echo $$ > ${shellQuote(term.pidFile)} && exec "$@"`)} sh ${run}; echo "[fluxdeck exited $?]"; sleep 600`;
    term.tmux([
      'new-session',
      '-d',
      '-s',
      term.session,
      '-x',
      String(options.columns ?? 120),
      '-y',
      String(options.rows ?? 40),
      command,
    ]);
    return term;
  }

  /** Keys as tmux names them: 'j', 'Enter', 'Escape', 'C-c', ':hr', … (literal text with `text`). */
  keys(...keys: string[]): void {
    this.tmux(['send-keys', '-t', this.session, ...keys]);
  }

  text(text: string): void {
    this.tmux(['send-keys', '-t', this.session, '-l', text]);
  }

  screen(): string {
    return this.tmux(['capture-pane', '-p', '-t', this.session]);
  }

  /** The screen with its attributes as escape codes (colour, bold, inverse), as tmux re-encodes them. */
  styledScreen(): string {
    return this.tmux(['capture-pane', '-p', '-e', '-t', this.session]);
  }

  /** The console's TMPDIR: what it creates there (the demo's kubeconfig and helm shim) must be gone when it ends. */
  get tmpDir(): string {
    return join(this.home, 'tmp');
  }

  /** Where a console (not the demo) appends its audit log: XDG_STATE_HOME/fluxdeck/audit.log in this HOME. */
  get userAuditLogPath(): string {
    return join(this.home, 'state', 'fluxdeck', 'audit.log');
  }

  /** Where the console appends its audit log: the demo's own folder in TMPDIR when it is the demo. */
  get auditLogPath(): string {
    const demo = existsSync(this.tmpDir)
      ? readdirSync(this.tmpDir).find((name) => name.startsWith('fluxdeck-demo-'))
      : undefined;
    return demo ? join(this.tmpDir, demo, 'audit.log') : this.userAuditLogPath;
  }

  /** tmux's view of the pane: alternate screen on, cursor visible. */
  paneState(): { alternateScreen: boolean; cursorVisible: boolean } {
    const out = this.tmux(['display-message', '-p', '-t', this.session, '#{alternate_on} #{cursor_flag}']);
    const [alternate, cursor] = out.trim().split(' ');
    return { alternateScreen: alternate === '1', cursorVisible: cursor === '1' };
  }

  /** Waits for the process to end (the wrapper prints `[fluxdeck exited N]`) and returns N. */
  async exitCode(timeoutMs = 15_000): Promise<number> {
    const screen = await this.waitFor(/\[fluxdeck exited (\d+)\]/, timeoutMs);
    return Number(/\[fluxdeck exited (\d+)\]/.exec(screen)?.[1]);
  }

  resize(columns: number, rows: number): void {
    this.tmux(['resize-window', '-t', this.session, '-x', String(columns), '-y', String(rows)]);
  }

  /** Polls the screen until `pattern` shows; fails with the last screen so a failure explains itself. */
  waitFor(pattern: RegExp | string, timeoutMs = 15_000): Promise<string> {
    return this.until(String(pattern), (screen) => matches(screen, pattern), timeoutMs);
  }

  waitForGone(pattern: RegExp | string, timeoutMs = 15_000): Promise<string> {
    return this.until(`${String(pattern)} to go`, (screen) => !matches(screen, pattern), timeoutMs);
  }

  /**
   * Polls until `test` holds on a settled screen: a capture can catch a frame half drawn (new title, old
   * rows), so a match counts only when the next capture, 50 ms later, is the same and still matches.
   */
  async until(what: string, test: (screen: string) => boolean, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      last = this.screen();
      if (test(last)) {
        await delay(50);
        const again = this.screen();
        if (again === last) return last;
        last = again;
        continue;
      }
      await delay(100);
    }
    throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; the screen was:\n${last}`);
  }

  /**
   * The terminal goes away under the console (a closed window, a dropped SSH session): the tmux server is
   * killed, and this waits for the console to end. HOME stays for the test to inspect; stop() removes it.
   */
  async hangUp(timeoutMs = 10_000): Promise<void> {
    const pid = this.consolePid();
    spawnSync('tmux', ['-S', this.socket, 'kill-server']);
    const deadline = Date.now() + timeoutMs;
    while (pid !== undefined && isRunning(pid)) {
      if (Date.now() > deadline)
        throw new Error(`fluxdeck (pid ${pid}) still runs ${timeoutMs} ms after a hang-up`);
      await delay(50);
    }
  }

  /**
   * Ends the session: SIGTERM to a console still running, a few seconds for it to put the terminal back and
   * exit, then the tmux server and the HOME. Killing the terminal first would make it write to a dead pty, and
   * removing HOME first would let a late write (a crash log) recreate the directory.
   */
  stop(): void {
    const pid = this.consolePid();
    if (pid !== undefined && isRunning(pid)) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
      const deadline = Date.now() + 5000;
      while (isRunning(pid) && Date.now() < deadline) sleepSync(50);
    }
    spawnSync('tmux', ['-S', this.socket, 'kill-server']);
    rmSync(this.home, { recursive: true, force: true });
  }

  private get pidFile(): string {
    return join(this.home, 'fluxdeck.pid');
  }

  /** The console's process id: the process the pane's shell started (the console re-executes in place). */
  consolePid(): number | undefined {
    try {
      const pid = Number(readFileSync(this.pidFile, 'utf8').trim());
      return Number.isInteger(pid) && pid > 0 ? pid : undefined;
    } catch {
      return undefined;
    }
  }

  private tmux(args: string[]): string {
    return execFileSync('tmux', ['-S', this.socket, ...args], { encoding: 'utf8' });
  }
}

function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** Whether a process of this pid is alive. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function matches(screen: string, pattern: RegExp | string): boolean {
  return typeof pattern === 'string' ? screen.includes(pattern) : pattern.test(screen);
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
