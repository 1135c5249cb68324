// Puts an executable `helm` in a directory that runs the simulated helm with this Node, so fluxdeck's
// `--helm PATH` (and tests) can use it like the real binary. The shebang names process.execPath, so neither
// PATH nor a shell plays any part.
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The compiled entry point: beside this file once built (dist/sim/helm/main.js); when this module runs from
 * the TypeScript sources (tests), the build's copy under dist/ — `npm run build` makes it.
 */
export function helmMainPath(): string {
  const here = fileURLToPath(import.meta.url);
  const relative = here.endsWith('.ts') ? '../../../dist/sim/helm/main.js' : './main.js';
  return fileURLToPath(new URL(relative, import.meta.url));
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
