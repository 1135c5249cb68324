// Files that ship beside the code (package.json, the simulated helm's entry point) are found from the
// package's root, not from this module's own location: the build bundles modules into chunks whose
// paths say nothing about where their source lived, and tests run the same code from src/.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The directory holding fluxdeck's package.json (the repository, or the installed package). */
export function packageRoot(): string {
  if (root !== undefined) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`fluxdeck's package.json was not found above ${import.meta.url}`);
    dir = parent;
  }
  root = dir;
  return dir;
}
