// Exec credential plug-ins that need the terminal (`interactiveMode`), as client-go runs them: given the
// terminal — the console's screen handed over and back — when there is one and the mode asks for it; without
// one, `Always` fails at once with kubectl's sentence and the others run with no stdin, so a plug-in that
// reads it sees end-of-file instead of hanging `status` or the console. A fake plug-in script records what
// it was given.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { createClusterPort } from '../../src/kube/cluster.js';
import type { TerminalAccess } from '../../src/kube/terminal-access.js';
import { type SimHandle, startSim } from '../../src/sim/index.js';
import { isolatedEnv } from './kube-helpers.js';

let sim: SimHandle | undefined;

afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

interface KubeconfigDoc {
  users: { name: string; user: Record<string, unknown> }[];
}

interface Plugin {
  readonly kubeconfig: string;
  /** What the plug-in saw, once it ran: KUBERNETES_EXEC_INFO and what it read from stdin. */
  readonly seen: () => { info: { spec: { interactive: boolean } }; stdin: string } | undefined;
}

/** The simulator's kubeconfig with a user whose token comes from a script that reads a line first. */
function withPlugin(kubeconfig: string, interactiveMode: string | undefined): Plugin {
  const doc = parse(readFileSync(kubeconfig, 'utf8')) as KubeconfigDoc;
  const first = doc.users[0];
  if (!first) throw new Error('no user');
  const token = String(first.user['token']);
  const dir = mkdtempSync(join(tmpdir(), 'fluxdeck-exec-tty-'));
  const seen = join(dir, 'seen.json');
  const script = join(dir, 'cred.sh');
  // As kubelogin does: ask on stderr, read the answer from stdin.
  writeFileSync(
    script,
    `#!/bin/sh
printf 'one-time code? ' >&2
read -r answer || answer='(end of input)'
printf '{"info":%s,"stdin":"%s"}' "$KUBERNETES_EXEC_INFO" "$answer" > ${JSON.stringify(seen)}
printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s"}}' ${JSON.stringify(token)}
`,
  );
  chmodSync(script, 0o755);
  first.user = {
    exec: {
      apiVersion: 'client.authentication.k8s.io/v1',
      command: script,
      ...(interactiveMode ? { interactiveMode } : {}),
    },
  };
  const path = join(dir, 'kubeconfig');
  writeFileSync(path, stringify(doc));
  return {
    kubeconfig: path,
    seen: () => (existsSync(seen) ? JSON.parse(readFileSync(seen, 'utf8')) : undefined),
  };
}

/** A terminal that is (or is not) there, typing `typed`; hand-overs are recorded and run at once. */
function fakeTerminal(present: boolean, typed = ''): TerminalAccess & { notices: string[] } {
  const notices: string[] = [];
  const file = join(mkdtempSync(join(tmpdir(), 'fluxdeck-tty-')), 'typed');
  writeFileSync(file, typed);
  return {
    notices,
    input: openSync(file, 'r'),
    isTerminal: () => present,
    handOver: async (use, notice) => {
      notices.push(notice ?? '');
      return use();
    },
  };
}

async function connect(plugin: Plugin, terminal: TerminalAccess) {
  const port = await createClusterPort({ kubeconfigPath: plugin.kubeconfig, env: isolatedEnv(), terminal });
  await port.close();
}

describe('an exec plug-in that needs the terminal', () => {
  it('gets the terminal when there is one: the screen is handed over, and the plug-in is told it is interactive', async () => {
    sim = await startSim({ scenario: 'empty', controllers: false });
    for (const mode of ['IfAvailable', 'Always']) {
      const plugin = withPlugin(sim.kubeconfigPath, mode);
      const terminal = fakeTerminal(true, '4711\n');
      await connect(plugin, terminal);
      expect(terminal.notices).toEqual([
        expect.stringMatching(
          /^fluxdeck: the credential plug-in of user fluxdeck-sim has the terminal \(.*cred\.sh\); the console comes back when it is done\.$/,
        ),
      ]);
      expect(plugin.seen()).toMatchObject({ info: { spec: { interactive: true } }, stdin: '4711' });
    }
  });

  it('runs without the terminal when the mode says Never, even with one there', async () => {
    sim = await startSim({ scenario: 'empty', controllers: false });
    const plugin = withPlugin(sim.kubeconfigPath, 'Never');
    const terminal = fakeTerminal(true, '4711\n');
    await connect(plugin, terminal);
    expect(terminal.notices).toEqual([]);
    expect(plugin.seen()).toMatchObject({ info: { spec: { interactive: false } }, stdin: '(end of input)' });
  });

  it('without a terminal, IfAvailable (and an unset mode) run with no stdin: end of input, not a hang', async () => {
    sim = await startSim({ scenario: 'empty', controllers: false });
    for (const mode of ['IfAvailable', undefined]) {
      const plugin = withPlugin(sim.kubeconfigPath, mode);
      const terminal = fakeTerminal(false);
      await connect(plugin, terminal);
      expect(terminal.notices).toEqual([]);
      expect(plugin.seen()).toMatchObject({
        info: { spec: { interactive: false } },
        stdin: '(end of input)',
      });
    }
  });

  it("without a terminal, Always fails at once with kubectl's sentence and the plug-in never runs", async () => {
    sim = await startSim({ scenario: 'empty', controllers: false });
    const plugin = withPlugin(sim.kubeconfigPath, 'Always');
    await expect(connect(plugin, fakeTerminal(false))).rejects.toThrow(
      'cannot get credentials for user fluxdeck-sim: exec plugin cannot support interactive mode: standard input is not a terminal',
    );
    expect(plugin.seen()).toBeUndefined();
  });
});

describe('the built fluxdeck status, its stdin a pipe nobody writes to', () => {
  const CLI = join(resolve(import.meta.dirname, '../..'), 'dist/cli.js');

  /** Runs status with stdin open and silent (as in a pipeline); resolves when it exits by itself. */
  function status(kubeconfig: string): Promise<{ code: number | null; stderr: string; stdout: string }> {
    const child = spawn(process.execPath, [CLI, 'status', '--kubeconfig', kubeconfig], {
      env: isolatedEnv({ PATH: process.env['PATH'] }),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    return new Promise((done) =>
      child.once('close', (code) => {
        done({
          code,
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: Buffer.concat(err).toString('utf8'),
        });
      }),
    );
  }

  it("fails at once for Always with kubectl's sentence, and reads the cluster for IfAvailable", async () => {
    sim = await startSim({ scenario: 'empty', controllers: false });
    const always = await status(withPlugin(sim.kubeconfigPath, 'Always').kubeconfig);
    expect(always.code).toBe(2);
    expect(always.stderr).toContain(
      'exec plugin cannot support interactive mode: standard input is not a terminal',
    );
    const ifAvailable = withPlugin(sim.kubeconfigPath, 'IfAvailable');
    expect((await status(ifAvailable.kubeconfig)).code).toBe(0);
    expect(ifAvailable.seen()).toMatchObject({
      info: { spec: { interactive: false } },
      stdin: '(end of input)',
    });
  });
});
