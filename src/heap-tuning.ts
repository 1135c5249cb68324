// The console's heap under churn. With 200 status changes and 2,000 log lines a second the live heap stays
// flat (~65–80 MB of JavaScript at 10,000 objects: raw objects ~19 MB, rows ~12 MB, the log ring, code),
// but V8 lets the old generation grow to several times that between major collections and widens the young
// generation to its maximum (64 MB a semi-space on Node 24), and the process keeps the pages: measured with
// `npm run bench`, RSS climbed from 210 MB to 650 MB over five minutes.
// - An old generation that grows only 25% past the live heap keeps it flat; V8 takes that flag at run time.
// - A smaller young generation takes more off. Measured at 10,000 objects under churn (RSS after 2½
//   minutes, CPU, key p95): 32 MB semi-spaces 279 MB, 40%, 44–51 ms; 16 MB 247 MB, 40%, 43–48 ms. 16 MB
//   cost CPU and key latency (47%, 60–64 ms) until Ink stopped re-tokenising the whole screen every frame
//   (scripts/ink-output-cache.mjs) and allocating as much garbage with it.
// - 8 MB semi-spaces with 25% growth, against 16 MB with 40% (two consoles on one simulator, keys
//   interleaved): RSS after 2½ minutes 237 against 264 MB, CPU 34 against 30%, key p95 40–43 against
//   35–57 ms, p50 the same (docs/performance.md).
// - 4 MB semi-spaces, once a frame allocated a third of what it did (docs/performance.md, "Garbage under
//   churn"): peak RSS 206 → 191 MB, CPU 21 → 22%, key p95 per round 24/22/18/22 → 25/29/27/17 ms (two
//   consoles side by side, 150 s). Memory was over its budget and CPU well under: the trade is taken.
// - glibc gives each thread that allocates its own malloc arena (up to 8 per core), and V8's and libuv's
//   threads all do: two arenas took RSS from 298 to 279 MB at the same CPU; one is no smaller than two.
// - glibc serves a large allocation with its own mapping, given back when freed, but raises that threshold
//   to the size of each such block freed (up to 32 MB): after the start's list pages (a megabyte or two of
//   response each, every kind at once) it serves them from its heap, which keeps what it grew to. A fixed
//   64 KB threshold keeps them mapped: the malloc heap under churn 46 → 26 MB (/proc/PID/smaps), RSS 217 →
//   202 MB at the same CPU and key latency (docs/performance.md).
// V8 sizes the young generation once, at start, and glibc reads its settings once, so the console
// re-executes itself with them (same process, same pid, `process.execve`) before it loads anything; where
// execve is missing (Windows, Node < 22.15) it runs on without. Other C libraries ignore GLIBC_TUNABLES.
import { setFlagsFromString } from 'node:v8';

const RUNTIME_FLAGS = ['--heap-growing-percent=25'];
const START_FLAGS = ['--max-semi-space-size=4'];
const START_ENV = { MALLOC_ARENA_MAX: '2', GLIBC_TUNABLES: 'glibc.malloc.mmap_threshold=65536' } as const;

/** The flags of `flags` that neither NODE_OPTIONS nor node's own arguments set (in either spelling). */
function notGiven(flags: readonly string[], env: NodeJS.ProcessEnv, execArgv: readonly string[]): string[] {
  const given = `${env['NODE_OPTIONS'] ?? ''} ${execArgv.join(' ')}`;
  return flags.filter((flag) => {
    const name = flag.slice(0, flag.indexOf('='));
    return !given.includes(name) && !given.includes(name.replaceAll('-', '_').replace(/^__/, '--'));
  });
}

/** Applies RUNTIME_FLAGS the user did not set; returns the ones it applied. */
export function boundHeapGrowth(
  env: NodeJS.ProcessEnv = process.env,
  execArgv: readonly string[] = process.execArgv,
): string[] {
  const applied = notGiven(RUNTIME_FLAGS, env, execArgv);
  for (const flag of applied) setFlagsFromString(flag);
  return applied;
}

export interface Restart {
  readonly file: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
}

/**
 * How to start this same command again with START_FLAGS and START_ENV, or undefined when node already
 * runs with the flags (or the user chose their own values).
 */
export function restartWithStartFlags(
  env: NodeJS.ProcessEnv = process.env,
  execArgv: readonly string[] = process.execArgv,
  argv: readonly string[] = process.argv,
  execPath: string = process.execPath,
): Restart | undefined {
  const missing = notGiven(START_FLAGS, env, execArgv);
  const script = argv[1];
  if (missing.length === 0 || script === undefined) return undefined;
  return {
    file: execPath,
    args: [execPath, ...missing, ...execArgv, script, ...argv.slice(2)],
    // The user's own setting wins.
    env: { ...START_ENV, ...env },
  };
}

/** Replaces this process with `restart` (it does not return when that works). */
export function boundYoungGeneration(): void {
  const restart = restartWithStartFlags();
  if (restart === undefined || typeof process.execve !== 'function') return;
  try {
    process.execve(restart.file, [...restart.args], restart.env);
  } catch {
    // execve failed (a sandbox forbids it): the console runs as it is, with a larger young generation.
  }
}
