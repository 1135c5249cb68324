// Puts an executable `helm` in a directory that runs the simulated helm with this Node, so fluxdeck's
// `--helm PATH` (and tests) can use it like the real binary. The shebang names process.execPath, so neither
// PATH nor a shell plays any part.
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../package-root.js';

/** The built entry point (dist/sim/helm/main.js); tests running from the sources use it too: `npm run build` makes it. */
export function helmMainPath(): string {
  return join(packageRoot(), 'dist', 'sim', 'helm', 'main.js');
}

/** Writes `<dir>/helm` and returns its path. */
export function writeHelmShim(dir: string): string {
  const path = join(dir, 'helm');
  // Valid as CommonJS (what Node assumes for a file without an extension): a dynamic import, no top-level await.
  const main = JSON.stringify(helmMainPath());
  const script = `#!${process.execPath}\nimport(${main}).catch((error) => {\n  console.error(error);\n  process.exit(1);\n});\n`;
  writeFileSync(path, script, { mode: 0o755 });
  chmodSync(path, 0o755);
  return path;
}
