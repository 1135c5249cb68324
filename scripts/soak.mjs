// `npm run soak [-- --minutes N --objects N --churn N --log-rate N]`: the console's live store and controller
// log streams (the real ClusterPort from dist/) against the simulated cluster under churn — objects
// changing, log lines flowing, every watch dropped now and then — for several minutes. Passes when memory
// is bounded (heap after GC at the end vs after the first minute) and no sockets or timers pile up
// (process.getActiveResourcesInfo()). Prints the figures; exits 1 on failure. Not part of `npm test`.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { KINDS } from '../dist/flux/kinds.js';
import { createClusterPort } from '../dist/kube/cluster.js';
import { startSim } from '../dist/sim/index.js';

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) {
    process.stderr.write(`soak: --${name} needs a positive number\n`);
    process.exit(2);
  }
  return value;
}

const minutes = option('minutes', 3);
const objects = option('objects', 1000);
const churnRate = option('churn', 100);
const logRate = option('log-rate', 500);
const dropEverySeconds = option('drop-every', 30);

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');

function resources() {
  const counts = {};
  for (const name of process.getActiveResourcesInfo()) counts[name] = (counts[name] ?? 0) + 1;
  return counts;
}

const sockets = (r) => (r.TCPSocketWrap ?? 0) + (r.TLSWrap ?? 0) + (r.PipeWrap ?? 0);
const timers = (r) => (r.Timeout ?? 0) + (r.Immediate ?? 0);

async function measure(label) {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 50));
  }
  // A watch may be reconnecting at this very moment: a leak persists, so take the fewest sockets and
  // timers seen over a few samples.
  let r = resources();
  for (let i = 0; i < 5; i++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const next = resources();
    if (sockets(next) + timers(next) < sockets(r) + timers(r)) r = next;
  }
  const figures = {
    label,
    heapMB: process.memoryUsage().heapUsed / 2 ** 20,
    rssMB: process.memoryUsage().rss / 2 ** 20,
    sockets: sockets(r),
    timers: timers(r),
    resources: r,
  };
  process.stdout.write(
    `${label.padEnd(10)} heap ${figures.heapMB.toFixed(1)} MB  rss ${figures.rssMB.toFixed(1)} MB  sockets ${figures.sockets}  timers ${figures.timers}  ${JSON.stringify(r)}\n`,
  );
  return figures;
}

const sim = await startSim({
  scenario: 'runbook',
  objects,
  churn: { objectsPerSecond: churnRate, logLinesPerSecond: logRate },
});
const port = await createClusterPort({
  kubeconfigPath: sim.kubeconfigPath,
  env: { HOME: mkdtempSync(join(tmpdir(), 'fluxdeck-soak-')) },
});
const controllers = [...new Set(Object.values(KINDS).map((k) => k.controller))];
port.followControllers(controllers);

// What the UI does: read a snapshot on every notification.
let publishes = 0;
let logPublishes = 0;
let rows = 0;
let logEntries = 0;
const unsubscribe = port.subscribe(() => {
  publishes++;
  rows = 0;
  for (const slice of port.getSnapshot().kinds.values()) rows += slice.rows.size;
});
const unsubscribeLogs = port.subscribeLogs(() => {
  logPublishes++;
  logEntries = port.getLogSnapshot().entries.length;
});
// Offset by half a period so a drop never coincides with a measurement.
let dropper;
const firstDrop = setTimeout(
  () => {
    sim.faults.dropWatches();
    dropper = setInterval(() => sim.faults.dropWatches(), dropEverySeconds * 1000);
  },
  (dropEverySeconds * 1000) / 2,
);

process.stdout.write(
  `soak: ${minutes} min, ${objects} extra objects, churn ${churnRate}/s, ${logRate} log lines/s, watches dropped every ${dropEverySeconds} s\n`,
);
const minute = 60_000;
const progress = setInterval(() => {
  process.stdout.write(
    `  … ${publishes} publishes, ${rows} rows, ${logPublishes} log publishes, ${logEntries} log entries kept, connection ${port.getSnapshot().connection}\n`,
  );
}, 30_000);

// The baseline is taken once caches, buffers and connections have filled: after the first minute (or a
// third of a shorter run).
const total = minutes * minute;
const warmUp = Math.min(minute, total / 3);
await new Promise((r) => setTimeout(r, warmUp));
const first = await measure('warmed up');
await new Promise((r) => setTimeout(r, total - warmUp));
const last = await measure('end');
const connection = port.getSnapshot().connection;

clearInterval(progress);
clearTimeout(firstDrop);
clearInterval(dropper);
unsubscribe();
unsubscribeLogs();
await port.close();
await sim.stop();

const failures = [];
// Allow for the V8 heap's own noise: a quarter more, or 16 MB, whichever is larger.
const heapLimit = Math.max(first.heapMB * 1.25, first.heapMB + 16);
if (last.heapMB > heapLimit)
  failures.push(`heap grew from ${first.heapMB.toFixed(1)} to ${last.heapMB.toFixed(1)} MB`);
if (last.sockets > first.sockets) failures.push(`open sockets grew from ${first.sockets} to ${last.sockets}`);
if (last.timers > first.timers + 5) failures.push(`timers grew from ${first.timers} to ${last.timers}`);
if (connection !== 'live') failures.push(`the connection ended ${connection}, not live`);
if (publishes === 0 || logPublishes === 0) failures.push('nothing was published: the soak measured nothing');

if (failures.length > 0) {
  process.stdout.write(`soak FAILED:\n${failures.map((f) => `  - ${f}`).join('\n')}\n`);
  process.exit(1);
}
process.stdout.write(
  `soak passed: heap ${first.heapMB.toFixed(1)} → ${last.heapMB.toFixed(1)} MB (limit ${heapLimit.toFixed(1)}), sockets ${first.sockets} → ${last.sockets}, timers ${first.timers} → ${last.timers}\n`,
);
process.exit(0);
