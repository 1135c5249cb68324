// A terminal plugin as a person uses one, in a real terminal (tmux): its key hands the terminal over — the
// console's screen goes, the command prints and waits for the user's answer, which reaches the command
// whole (the console reads none of it) — and when the command exits the console comes back, redrawn, its
// keys working, the run on the flash line and in the audit log. Twice, since a hand-over must leave the
// terminal as it found it. A background plugin, with real processes: the console stays usable, a failing one
// says its last stderr line, and quitting while one runs asks, then stops it and ends fluxdeck at once, the
// run recorded as cancelled.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { configHome } from '../support/config-files.js';
import { HOME_LOADED, KEY_MS, press, runCommand, startDemo, waitForAudit } from './support/console.js';
import { isRunning, type Terminal } from './support/terminal.js';

let term: Terminal | undefined;
afterEach(() => {
  term?.stop();
  term = undefined;
});

function helloConfig(answers: string): string {
  return `plugins:
  hello:
    key: W
    description: say hello and wait
    scopes: [table, details]
    output: terminal
    command: sh
    args:
      - -c
      - 'printf "hello from %s/%s in %s\\n" "$1" "$2" "$3"; printf "your answer: "; read -r answer; echo "$answer" >> "$4"'
      - sh
      - $NAMESPACE
      - $NAME
      - $CONTEXT
      - ${answers}
`;
}

describe('a terminal plugin in the console', () => {
  it('hands the terminal over and takes it back, twice, with the answers typed reaching the command whole', async () => {
    const answers = join(mkdtempSync(join(tmpdir(), 'fluxdeck-answers-')), 'answers');
    writeFileSync(answers, '');
    term = await startDemo({
      columns: 120,
      rows: 40,
      env: { XDG_CONFIG_HOME: configHome(helloConfig(answers)) },
    });
    expect(term.screen()).toContain('<W> say hello and wait');
    for (const answer of ['first answer', 'second: yes, really']) {
      const child = await press(term, 'W', /your answer: /);
      // The notice says what runs (the line wraps at the terminal's width).
      expect(child.replaceAll('\n', '')).toMatch(
        /^fluxdeck: plugin hello: sh -c .* sh [a-z0-9-]+ [a-z0-9-]+ fluxdeck-sim \S+ — the console comes back when it exits\./m,
      );
      expect(child).toMatch(/^hello from [a-z0-9-]+\/[a-z0-9-]+ in fluxdeck-sim$/m);
      // The child has the terminal: the main screen, cooked mode (what is typed is echoed by the terminal).
      expect(term.paneState().alternateScreen).toBe(false);
      term.text(answer);
      await term.waitFor(`your answer: ${answer}`, KEY_MS);
      term.keys('Enter');
      const back = await term.waitFor(/plugin hello: sh exited 0 after/, KEY_MS);
      expect(back).toMatch(HOME_LOADED);
      expect(term.paneState().alternateScreen).toBe(true);
    }
    expect(readFileSync(answers, 'utf8')).toBe('first answer\nsecond: yes, really\n');
    // The console's own keys still work after the hand-overs.
    await runCommand(term, 'hr', /^HelmReleases\(all\) \[\d+\/\d+\]/m);
    const entries = await waitForAudit(
      term,
      'both runs recorded',
      (e) => e.filter((x) => x.action === 'plugin:hello' && x.phase === 'outcome').length === 2,
    );
    expect(entries.filter((x) => x.action === 'plugin:hello')).toMatchObject([
      { phase: 'intent', outcome: 'confirmed', context: 'fluxdeck-sim' },
      { phase: 'outcome', outcome: 'succeeded', exitCode: 0 },
      { phase: 'intent', outcome: 'confirmed' },
      { phase: 'outcome', outcome: 'succeeded', exitCode: 0 },
    ]);
  });
});

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
    const home = configHome(`plugins:
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
`);
    term = await startDemo({
      columns: 140,
      rows: 40,
      env: { XDG_CONFIG_HOME: home },
      extra: ['--audit-log', audit],
    });
    await press(term, 'Z', 'plugin nap: sh runs in the background');
    await until(
      'the command to start',
      () => existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim() !== '',
    );
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    expect(isRunning(pid)).toBe(true);
    // Usable meanwhile: another plugin, another view.
    await press(term, 'V', /plugin fail: sh exited 3 after \d+s: no cluster named fluxdeck-sim/);
    await runCommand(term, 'hr', /^HelmReleases\(all\) \[\d+\/\d+\]/m);
    expect(isRunning(pid)).toBe(true);

    await press(term, 'q', 'plugin nap (sh) is still running: quitting stops it');
    term.keys('y');
    expect(await term.exitCode()).toBe(0);
    expect(isRunning(pid)).toBe(false);
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
  });
});
