// The console's heap under churn. With 200 status changes and 2,000 log lines a second the live heap stays
// flat (~120 MB at 10,000 objects: rows, raw objects, the log ring), but V8 lets the old generation grow to
// several times that between major collections and widens the young generation to its maximum, and the
// process keeps the pages: measured with `npm run bench`, RSS climbed from 210 MB to 650 MB over five
// minutes. An old generation that grows only 40% past the live heap keeps it flat at the same CPU (~380 MB).
// The young generation's size cannot be changed once node runs: `NODE_OPTIONS=--max-semi-space-size=16`
// takes another ~100 MB off (README, Performance).
import { setFlagsFromString } from 'node:v8';

const FLAGS = ['--heap-growing-percent=40'];

/**
 * Applies FLAGS unless the user set one through NODE_OPTIONS or node's own arguments; returns the ones it
 * applied.
 */
export function boundHeapGrowth(
  env: NodeJS.ProcessEnv = process.env,
  execArgv: readonly string[] = process.execArgv,
): string[] {
  const given = `${env['NODE_OPTIONS'] ?? ''} ${execArgv.join(' ')}`;
  const applied: string[] = [];
  for (const flag of FLAGS) {
    const name = flag.slice(0, flag.indexOf('='));
    // V8 accepts both spellings of a flag name.
    if (given.includes(name) || given.includes(name.replaceAll('-', '_').replace(/^__/, '--'))) continue;
    setFlagsFromString(flag);
    applied.push(flag);
  }
  return applied;
}
