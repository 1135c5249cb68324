// The build: one bundle per entry point (esbuild), sharing chunks, instead of one file per module.
// The console loaded ~930 ES modules before its first frame (ink's es-toolkit alone 415); resolving and
// compiling them one by one was ~0.7 s of start-up CPU. Type checking is `npm run lint` (tsc --noEmit).
import { chmodSync, rmSync } from 'node:fs';
import { build } from 'esbuild';
import { inkOutputCache } from './ink-output-cache.mjs';

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: {
    cli: 'src/cli.tsx',
    'sim/helm/main': 'src/sim/helm/main.ts',
    // Used by the bench, the soak test and the README's key table generator.
    'flux/kinds': 'src/flux/kinds.ts',
    keymap: 'src/keymap.ts',
    'kube/cluster': 'src/kube/cluster.ts',
    'sim/index': 'src/sim/index.ts',
  },
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  jsx: 'automatic',
  sourcemap: 'linked',
  // Ink's optional React devtools: it imports them only when DEV=true and `react-devtools-core` resolves
  // (ink/build/reconciler.js), so they stay out of the bundle and out of our dependencies; a developer
  // who wants them installs the package beside fluxdeck.
  external: ['react-devtools-core'],
  // Bundled CommonJS packages (react, selfsigned's dependencies) call require() for Node's built-ins.
  banner: {
    js: "import { createRequire as __fluxdeckRequire } from 'node:module'; const require = __fluxdeckRequire(import.meta.url);",
  },
  plugins: [inkOutputCache],
  logLevel: 'warning',
});
for (const file of ['dist/cli.js', 'dist/sim/helm/main.js']) chmodSync(file, 0o755);
