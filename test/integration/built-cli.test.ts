// The bundle as users run it (dist/cli.js, built by `npm test`): its own version from package.json, found
// from the package root whatever chunk the code ended up in, and the usage text.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

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
