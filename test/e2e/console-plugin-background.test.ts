// A background plugin as a person meets one, in a real terminal (tmux) with real processes: its key starts
// the command and the console stays usable; a failing one says its last stderr line on the flash line;
// quitting while one still runs asks, and quitting anyway stops the command and ends fluxdeck at once, the
// run recorded as cancelled in the audit log.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { press, runCommand, startDemo } from './support/console.js';
import type { Terminal } from './support/terminal.js';

let term: Terminal | undefined;
afterEach(() => {
  term?.stop();
  term = undefined;
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(what: string, test: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('a background plugin in the console', () => {
  it('runs beside the console, says how it ended, and is stopped when the user quits anyway', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fluxdeck-background-'));
    const pidFile = join(dir, 'pid');
    const audit = join(dir, 'audit.log');
    mkdirSync(join(dir, 'fluxdeck'));
    writeFileSync(
      join(dir, 'fluxdeck', 'config.yaml'),
      `plugins:
  nap:
    key: Z
    description: sleep in the background
    output: background
    command: sh
    args: [-c, 'echo $$ > "$1"; exec sleep 600', sh, ${pidFile}]
  fail:
    key: V
    description: fail in the background
    output: background
    command: sh
    args: [-c, 'echo working; echo "no cluster named $1" >&2; exit 3', sh, $CONTEXT]
`,
    );
    term = await startDemo({
      columns: 140,
      rows: 40,
      env: { XDG_CONFIG_HOME: dir },
      extra: ['--audit-log', audit],
    });
    await press(term, 'Z', 'plugin nap: sh runs in the background');
    await until(
      'the command to start',
      () => existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim() !== '',
    );
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    expect(alive(pid)).toBe(true);
    // Usable meanwhile: another plugin, another view.
    await press(term, 'V', /plugin fail: sh exited 3 after \d+s: no cluster named fluxdeck-sim/);
    await runCommand(term, 'hr', /^HelmReleases\(all\) \[\d+\/\d+\]/m);
    expect(alive(pid)).toBe(true);

    await press(term, 'q', 'plugin nap (sh) is still running: quitting stops it');
    term.keys('y');
    expect(await term.exitCode()).toBe(0);
    expect(alive(pid)).toBe(false);
    const entries = readFileSync(audit, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(entries.filter((e) => e['phase'] === 'outcome')).toMatchObject([
      {
        action: 'plugin:fail',
        outcome: 'failed',
        exitCode: 3,
        error: expect.stringContaining('no cluster named'),
      },
      { action: 'plugin:nap', outcome: 'cancelled' },
    ]);
    rmSync(dir, { recursive: true, force: true });
  });
});
