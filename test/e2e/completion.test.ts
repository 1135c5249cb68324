// Shell completion as a user gets it: the bash script from `fluxdeck completion bash`, evaluated in a real
// bash, completing contexts from the kubeconfig, namespaces from the cluster, views and flags.
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SimHandle, startSim } from '../../src/sim/index.js';
import { CLI } from './support/terminal.js';

let sim: SimHandle;
let bin: string;

beforeAll(async () => {
  sim = await startSim({ scenario: 'runbook', controllers: false });
  bin = join(mkdtempSync(join(tmpdir(), 'fluxdeck-completion-')), 'bin');
  mkdirSync(bin);
  const shim = join(bin, 'fluxdeck');
  writeFileSync(shim, `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} "$@"\n`);
  chmodSync(shim, 0o755);
});

afterAll(async () => {
  await sim?.stop();
});

const run = promisify(execFile);

/**
 * What bash offers for the last word of `words` (the word being completed, possibly empty). Asynchronous:
 * the simulator answering the namespace request lives in this process.
 */
async function complete(words: readonly string[]): Promise<string[]> {
  const quoted = words.map((w) => `'${w.replaceAll("'", "'\\''")}'`).join(' ');
  const script = `eval "$(fluxdeck completion bash)"; COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; _fluxdeck; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const { stdout } = await run('bash', ['--norc', '-c', script], {
    env: {
      PATH: `${bin}:${process.env['PATH'] ?? ''}`,
      HOME: join(bin, '..'),
      KUBECONFIG: sim.kubeconfigPath,
    },
    encoding: 'utf8',
  });
  return stdout.split('\n').filter((l) => l !== '');
}

describe('fluxdeck completion bash', () => {
  it('completes contexts from the kubeconfig and namespaces from the cluster', async () => {
    const namespaces = await complete(['fluxdeck', '-n', '']);
    expect(namespaces).toContain('flux-system');
    expect(namespaces).toContain('kyverno');
    expect(await complete(['fluxdeck', '--namespace', 'kyv'])).toEqual(['kyverno']);
    expect(await complete(['fluxdeck', '--context', ''])).toEqual(['fluxdeck-sim']);
  });

  it('completes views, subcommands and the flags of each subcommand', async () => {
    expect(await complete(['fluxdeck', '--view', 'helm'])).toContain('helmrelease');
    expect(await complete(['fluxdeck', '--de'])).toEqual(['--demo']);
    expect(await complete(['fluxdeck', '--fl'])).toEqual(['--fleet']);
    expect(await complete(['fluxdeck', 'sta'])).toEqual(['status']);
    expect(await complete(['fluxdeck', 'status', '--o'])).toEqual(['--output']);
    expect(await complete(['fluxdeck', 'status', '-o', ''])).toEqual(['table', 'json']);
    expect(await complete(['fluxdeck', 'completion', ''])).toEqual(['bash', 'zsh', 'fish']);
    expect(await complete(['fluxdeck', 'rep'])).toEqual(['report']);
    expect(await complete(['fluxdeck', 'report', '-o', ''])).toEqual(['md', 'json']);
    expect(await complete(['fluxdeck', 'report', '--si'])).toEqual(['--since']);
    expect(await complete(['fluxdeck', 'tra'])).toEqual(['trace']);
    expect(await complete(['fluxdeck', 'trace', '--n'])).toEqual(['--namespace']);
  });

  it('prints scripts for zsh and fish, and refuses an unknown shell', () => {
    const script = (shell: string) =>
      execFileSync(process.execPath, [CLI, 'completion', shell], { encoding: 'utf8', stdio: 'pipe' });
    expect(script('zsh')).toContain('bashcompinit');
    expect(script('fish')).toContain("complete -c fluxdeck -l context -x -a '(fluxdeck __complete contexts");
    expect(script('fish')).toContain('complete -c fluxdeck -l fleet\n');
    expect(() => script('tcsh')).toThrow(/completion needs a shell: bash, zsh or fish/);
  });
});
