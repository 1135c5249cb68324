// Vitest setup (vitest.config.ts): Ink's files load with the same patch the bundle applies
// (scripts/ink-output-cache.mjs), so component and integration tests draw with the Ink the console ships.
// Ink stays an ordinary external module loaded by Node; a synchronous load hook rewrites its two patched
// files on their way in. test/component/patched-ink.test.ts fails when this does not happen.
import { registerHooks } from 'node:module';
import { fileURLToPath } from 'node:url';
// @ts-expect-error the build script is plain JavaScript
import { inkFileToPatch, patchInk } from '../../scripts/ink-output-cache.mjs';

const REGISTERED = Symbol.for('fluxdeck.patched-ink');
const state = globalThis as { [REGISTERED]?: true };

if (!state[REGISTERED]) {
  state[REGISTERED] = true;
  registerHooks({
    load(url, context, nextLoad) {
      const loaded = nextLoad(url, context);
      if (!url.startsWith('file:')) return loaded;
      const file: string | undefined = inkFileToPatch(fileURLToPath(url));
      if (file === undefined || loaded.source === undefined) return loaded;
      const source =
        typeof loaded.source === 'string' ? loaded.source : new TextDecoder().decode(loaded.source);
      return { ...loaded, source: patchInk(file, source) as string };
    },
  });
}
