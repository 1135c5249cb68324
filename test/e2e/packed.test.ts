// What `npx fluxdeck --demo` gets: the package as `npm pack` makes it, installed into an empty prefix with
// no network (everything fluxdeck runs is bundled into dist/, so the package has no runtime dependencies
// to fetch), then started from the installed bin.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOME_LOADED, STARTUP_MS } from './support/console.js';
import { REPO, Terminal } from './support/terminal.js';

const run = promisify(execFile);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let dir: string;
let installed: string;
let term: Terminal | undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fluxdeck-pack-'));
  // The suite has built dist/ already; packing it again would only rebuild the same files.
  await run(npm, ['pack', '--ignore-scripts', '--pack-destination', dir], { cwd: REPO });
  const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack wrote no tarball into ${dir}`);
  const prefix = join(dir, 'prefix');
  await run(
    npm,
    ['install', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', join(dir, tarball)],
    {
      cwd: dir,
    },
  );
  installed = join(prefix, 'node_modules', 'fluxdeck', 'dist', 'cli.js');
}, 180_000);

afterAll(() => term?.stop());

describe('the packed package', () => {
  it('installs with nothing else to fetch and knows its version', async () => {
    const packages = readdirSync(join(dir, 'prefix', 'node_modules')).filter((n) => !n.startsWith('.'));
    expect(packages).toEqual(['fluxdeck']);
    const { stdout } = await run(process.execPath, [installed, '--version']);
    expect(stdout).toMatch(/^fluxdeck \d+\.\d+\.\d+\n$/);
  });

  it('runs the demo from the installed bin', async () => {
    term = Terminal.start({ args: ['--demo'], cli: installed, columns: 120, rows: 40 });
    const screen = await term.waitFor(HOME_LOADED, STARTUP_MS);
    expect(screen).toContain('DEMO');
  });
});
