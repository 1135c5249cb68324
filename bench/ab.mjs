// A/B of console builds or settings on one churning simulator (200 changes and 2,000 log lines a second):
// the consoles run side by side, so the machine's state weighs on each alike. Prints each one's RSS every
// 10 s, its peak, mean after the first minute and CPU; with --keys N, then N `j` in rounds that alternate
// between the consoles, and their key-to-frame p50/p95 per round.
//
//   node bench/ab.mjs VARIANTS [--seconds 150] [--objects 10000] [--keys 50 --rounds 4]
//
// VARIANTS is JSON: [{"name":"base"},{"name":"s8","nodeArgs":["--max-semi-space-size=8"],
// "env":{"MALLOC_ARENA_MAX":"2"}},{"name":"old","dist":"/tmp/old-dist"}] — `dist` another build (default
// dist/), `nodeArgs` before the script (a flag the console sets itself then skips its re-exec, so give
// MALLOC_ARENA_MAX too), `env` added to the clean environment. Build first (`npm run build`).
import { resolve } from 'node:path';
import { memory, moveLatency, openLogs, openView, startConsole } from './lib/console-bench.mjs';
import { cpuMs, peakRssMb, rssMb } from './lib/proc.mjs';
import { startSim } from './lib/sim.mjs';
import { sleep } from './lib/stats.mjs';

function parseArgs(argv) {
  const args = { variants: JSON.parse(argv[0] ?? '[]'), seconds: 150, objects: 10000, keys: 0, rounds: 4 };
  for (let i = 1; i < argv.length; i++) {
    const name = argv[i].replace(/^--/, '');
    if (!(name in args)) throw new Error(`unknown argument ${argv[i]}`);
    args[name] = Number(argv[++i]);
  }
  if (args.variants.length === 0) throw new Error('usage: node bench/ab.mjs VARIANTS-JSON [--seconds N] …');
  return args;
}

const args = parseArgs(process.argv.slice(2));
const env = { node: process.execPath, cli: resolve('dist', 'cli.js') };
const sim = await startSim({ ...env, objects: args.objects, churn: 200, logRate: 2000 });
const mean = (values) =>
  values.length ? `${Math.round(values.reduce((a, b) => a + b, 0) / values.length)} MB` : 'n/a';
try {
  const consoles = [];
  for (const v of args.variants) {
    const started = await startConsole({
      ...env,
      ...(v.dist ? { cli: resolve(v.dist, 'cli.js') } : {}),
      kubeconfig: sim.kubeconfig,
      // The runbook scenario's 66 objects come on top.
      total: args.objects + 66,
      nodeArgs: v.nodeArgs ?? [],
      env: v.env ?? {},
    });
    await openView(started.session, 'src', 'Sources');
    await openLogs(started.session);
    consoles.push({ v, session: started.session, cpu0: cpuMs(started.session.pid), samples: [], keys: [] });
    process.stdout.write(`${v.name}: first complete frame ${started.firstFrameMs} ms\n`);
  }
  const t0 = performance.now();
  while (performance.now() - t0 < args.seconds * 1000) {
    await sleep(10_000);
    for (const c of consoles) c.samples.push(rssMb(c.session.pid));
    process.stdout.write(`${consoles.map((c) => `${c.v.name} ${c.samples.at(-1)} MB`).join('  ')}\n`);
  }
  for (const c of consoles)
    c.cpu = Math.round(((cpuMs(c.session.pid) - c.cpu0) / (performance.now() - t0)) * 100);
  for (let round = 0; args.keys > 0 && round < args.rounds; round++)
    for (const c of round % 2 ? [...consoles].reverse() : consoles)
      c.keys.push(await moveLatency(c.session, args.keys));
  for (const c of consoles) {
    const keys = c.keys.length
      ? `, keys p50 ${c.keys.map((k) => Math.round(k.p50)).join('/')} p95 ${c.keys.map((k) => Math.round(k.p95)).join('/')} ms`
      : '';
    process.stdout.write(
      `${c.v.name}: peak ${peakRssMb(c.session.pid)} MB, mean after 60 s ${mean(c.samples.slice(6))}, ` +
        `now ${memory(c.session).rssMb} MB, CPU ${c.cpu}%${keys}\n`,
    );
    await c.session.close();
  }
} finally {
  await sim.stop();
}
