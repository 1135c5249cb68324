// Puts an executable `helm` in a directory that runs the simulated helm with this Node, so fluxdeck's
// `--helm PATH` (and tests) can use it like the real binary. Node, not a shell interpreter, is the script's
// interpreter: the shebang names process.execPath, so PATH and shell quoting play no part.
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The compiled entry point beside this file (dist/sim/helm/main.js when built). */
export function helmMainPath(): string {
  return fileURLToPath(new URL('./main.js', import.meta.url));
}

/** Writes `<dir>/helm` and returns its path. */
export function writeHelmShim(dir: string): string {
  const path = join(dir, 'helm');
  const script = `#!${process.execPath}\nimport(${JSON.stringify(helmMainPath())});\n`;
  writeFileSync(path, script, { mode: 0o755 });
  chmodSync(path, 0o755);
  return path;
}
