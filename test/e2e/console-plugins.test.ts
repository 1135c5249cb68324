// A terminal plugin as a person uses one, in a real terminal (tmux): its key hands the terminal over — the
// console's screen goes, the command prints and waits for the user's answer, which reaches the command
// whole (the console reads none of it) — and when the command exits the console comes back, redrawn, its
// keys working, the run on the flash line and in the audit log. Twice, since a hand-over must leave the
// terminal as it found it.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HOME_LOADED, KEY_MS, press, runCommand, startDemo, waitForAudit } from './support/console.js';
import type { Terminal } from './support/terminal.js';

let term: Terminal | undefined;
afterEach(() => {
  term?.stop();
  term = undefined;
});

function configHome(answers: string): string {
  const home = mkdtempSync(join(tmpdir(), 'fluxdeck-config-'));
  mkdirSync(join(home, 'fluxdeck'));
  writeFileSync(
    join(home, 'fluxdeck', 'config.yaml'),
    `plugins:
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
`,
  );
  return home;
}

describe('a terminal plugin in the console', () => {
  it('hands the terminal over and takes it back, twice, with the answers typed reaching the command whole', async () => {
    const answers = join(mkdtempSync(join(tmpdir(), 'fluxdeck-answers-')), 'answers');
    writeFileSync(answers, '');
    term = await startDemo({ columns: 120, rows: 40, env: { XDG_CONFIG_HOME: configHome(answers) } });
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
