// An exec credential plug-in that asks the user something (`interactiveMode: Always`, as kubelogin-style
// plug-ins do), in a real terminal: at start it has the terminal before the console draws anything; when
// its short-lived credential expires while the console is open, the console hands the terminal over —
// its screen goes, the plug-in asks, the answer reaches it whole — and comes back when the plug-in is done.
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { type SimHandle, startSim } from '../../src/sim/index.js';
import { HOME_LOADED, KEY_MS, runCommand, STARTUP_MS, startConsole } from './support/console.js';
import type { Terminal } from './support/terminal.js';

let sim: SimHandle | undefined;
let term: Terminal | undefined;
afterEach(async () => {
  term?.stop();
  term = undefined;
  await sim?.stop();
  sim = undefined;
});

/** The simulator's kubeconfig, its user's token handed out by a plug-in that asks for a code each time. */
function kubeconfigWithAskingPlugin(kubeconfig: string): { path: string; codes: string } {
  const doc = parse(readFileSync(kubeconfig, 'utf8')) as {
    users: { name: string; user: Record<string, unknown> }[];
  };
  const first = doc.users[0];
  if (!first) throw new Error('no user');
  const token = String(first.user['token']);
  const dir = mkdtempSync(join(tmpdir(), 'fluxdeck-asking-'));
  const codes = join(dir, 'codes');
  const count = join(dir, 'count');
  const script = join(dir, 'cred.sh');
  // The first credential lasts 10 s (the console starts meanwhile), the next ones 3 s: the first request
  // after that runs the plug-in again.
  writeFileSync(
    script,
    `#!/bin/sh
n=$(cat ${JSON.stringify(count)} 2>/dev/null || echo 0); n=$((n + 1)); echo "$n" > ${JSON.stringify(count)}
printf 'one-time code (%s)? ' "$n" >&2
read -r code
echo "$code" >> ${JSON.stringify(codes)}
life=3000; [ "$n" = 1 ] && life=10000
expires=$(${JSON.stringify(process.execPath)} -e "console.log(new Date(Date.now() + $life).toISOString())")
printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s","expirationTimestamp":"%s"}}' ${JSON.stringify(token)} "$expires"
`,
  );
  chmodSync(script, 0o755);
  first.user = {
    exec: { apiVersion: 'client.authentication.k8s.io/v1', command: script, interactiveMode: 'Always' },
  };
  const path = join(dir, 'kubeconfig');
  writeFileSync(path, stringify(doc));
  return { path, codes };
}

describe('an exec credential plug-in that needs the terminal', () => {
  it('asks before the console draws, and again over the paused console when its credential expires', async () => {
    sim = await startSim({ scenario: 'runbook' });
    const { path, codes } = kubeconfigWithAskingPlugin(sim.kubeconfigPath);
    term = await startConsole({
      args: ['--kubeconfig', path],
      columns: 120,
      rows: 40,
      ready: /one-time code \(1\)\?/,
    });
    term.text('1111');
    term.keys('Enter');
    const typedAt = Date.now();
    await term.waitFor(HOME_LOADED, STARTUP_MS);
    await runCommand(term, 'hr', /^HelmReleases\(all\) \[\d+\/\d+\]/m);
    // The credential expires; the next request (the selection's Helm history, or a watch's) asks again.
    await sleep(Math.max(0, typedAt + 10_500 - Date.now()));
    if (!/one-time code \(2\)\?/.test(term.screen())) term.keys('H');
    const asked = await term.waitFor(/one-time code \(2\)\?/, KEY_MS);
    expect(asked.replaceAll('\n', '')).toContain(
      'fluxdeck: the credential plug-in of user fluxdeck-sim has the terminal',
    );
    expect(term.paneState().alternateScreen).toBe(false);
    term.text('2222');
    term.keys('Enter');
    // Back: the console's screen again, and its keys work.
    await term.waitFor(/^REVISION\s+UPDATED\s+STATUS/m, KEY_MS);
    expect(term.paneState().alternateScreen).toBe(true);
    expect(existsSync(codes) ? readFileSync(codes, 'utf8').split('\n').slice(0, 2) : []).toEqual([
      '1111',
      '2222',
    ]);
  }, 120_000);
});
