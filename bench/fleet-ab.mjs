// The fleet's first frame, builds side by side on one simulator: `node bench/fleet-ab.mjs DIST_A DIST_B …
// [--rounds N]` starts each build's `--all-contexts` in turn (interleaved, so a machine that slows down
// slows every build alike) and prints each build's median first frame and peak RSS.
import { resolve } from 'node:path';
import { benchFleet } from './lib/fleet-bench.mjs';
import { startSim } from './lib/sim.mjs';
import { median } from './lib/stats.mjs';

const args = process.argv.slice(2);
let rounds = 5;
const dists = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--rounds') rounds = Number(args[++i]);
  else dists.push(args[i]);
}
if (dists.length === 0) throw new Error('usage: node bench/fleet-ab.mjs DIST [DIST …] [--rounds N]');
const node = process.execPath;
const sim = await startSim({ node, cli: resolve(dists[0].split(':')[0], 'cli.js'), objects: 2000 });
const runs = new Map(dists.map((d) => [d, []]));
try {
  for (let r = 0; r < rounds; r++) {
    for (const dist of dists) {
      const [dir, ...vars] = dist.split(':');
      const env = Object.fromEntries(vars.map((v) => v.split('=')));
      const one = await benchFleet({
        node,
        cli: resolve(dir, 'cli.js'),
        kubeconfig: sim.kubeconfig,
        contexts: 5,
        rounds: 1,
        env,
      });
      runs.get(dist).push(one.runs[0]);
      process.stderr.write(
        `round ${r + 1} ${dist}: ${one.runs[0].firstFrameMs} ms, ${one.runs[0].peakRssMb} MB\n`,
      );
    }
  }
} finally {
  await sim.stop();
}
for (const [dist, list] of runs) {
  const ms = list.map((x) => x.firstFrameMs);
  process.stdout.write(
    `${dist}: first frame median ${median(ms)} ms (${ms.join(', ')}), peak RSS median ${Math.round(median(list.map((x) => x.peakRssMb)))} MB\n`,
  );
}
