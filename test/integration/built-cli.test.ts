// The bundle as users run it (dist/cli.js, built by `npm test`): its own version from package.json, found
// from the package root whatever chunk the code ended up in, the usage text, and a `status` report that a
// slow reader still receives whole although the command exits as soon as it has written it.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { startSim } from '../../src/sim/index.js';
import { isolatedEnv } from './kube-helpers.js';

const REPO = resolve(import.meta.dirname, '../..');
const CLI = join(REPO, 'dist/cli.js');

function run(...args: string[]): string {
  return execFileSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] },
  });
}

describe('the built fluxdeck', () => {
  it('prints the version package.json gives', () => {
    const { version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
    expect(run('--version')).toBe(`fluxdeck ${version}\n`);
  });

  it('prints its usage, with the status and sim commands', () => {
    const usage = run('--help');
    expect(usage).toMatch(/fluxdeck status/);
    expect(usage).toMatch(/fluxdeck sim/);
  });
});

describe('the built fluxdeck status', () => {
  it('hands a reader that is slow to start the whole document, then exits 1 for the incident', async () => {
    const sim = await startSim({ scenario: 'runbook', objects: 2000, controllers: false });
    try {
      const child = spawn(
        process.execPath,
        [CLI, 'status', '-A', '-o', 'json', '--kubeconfig', sim.kubeconfigPath],
        {
          env: isolatedEnv({ PATH: process.env['PATH'] }),
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      const exited = new Promise<number | null>((done) => child.once('close', (code) => done(code)));
      // Nothing is read until the report (MBs) has long filled the pipe's buffer.
      child.stdout.pause();
      await sleep(500);
      const chunks: Buffer[] = [];
      child.stdout.on('data', (c: Buffer) => chunks.push(c));
      child.stdout.resume();
      const code = await exited;
      const doc = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        summary: { total: number; failing: number };
        objects: unknown[];
      };
      expect(code).toBe(1);
      expect(doc.objects.length).toBe(doc.summary.total);
      expect(doc.summary.total).toBeGreaterThan(2000);
      expect(doc.summary.failing).toBeGreaterThan(0);
    } finally {
      await sim.stop();
    }
  });
});
