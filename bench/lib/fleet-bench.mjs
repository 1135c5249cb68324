// The fleet (`--all-contexts`, docs/fleet.md): 5 contexts of 2,000 objects each — five names for one
// simulator, so each context opens its own connection and watches and holds its own copy, as five clusters
// would — from spawning the console to the first frame in which every context is live and the fleet's
// table is drawn, and the peak RSS then.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { openConsole } from './console.mjs';
import { peakRssMb } from './proc.mjs';
import { median } from './stats.mjs';

/** A kubeconfig naming the simulator's cluster `count` times, as fleet-1 … fleet-N. */
function fleetKubeconfig(kubeconfig, count) {
  const k = parse(readFileSync(kubeconfig, 'utf8'));
  const names = Array.from({ length: count }, (_, i) => `fleet-${i + 1}`);
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: names.map((name) => ({ name, cluster: k.clusters[0].cluster })),
    users: names.map((name) => ({ name, user: k.users[0].user })),
    contexts: names.map((name) => ({ name, context: { cluster: name, user: name } })),
    'current-context': names[0],
  };
  const path = join(mkdtempSync(join(tmpdir(), 'fluxdeck-bench-fleet-')), 'kubeconfig');
  writeFileSync(path, stringify(config), { mode: 0o600 });
  return path;
}

export async function benchFleet({ node, cli, kubeconfig, contexts, rounds, env = {} }) {
  const path = fleetKubeconfig(kubeconfig, contexts);
  const ready = new RegExp(`${contexts} contexts, ${contexts} live`);
  const runs = [];
  for (let i = 0; i < rounds; i++) {
    const session = await openConsole({ node, cli, kubeconfig: path, args: ['--all-contexts'], env });
    try {
      const at = await session.until(
        (s) => s.lines().some((l) => ready.test(l)) && s.lines().some((l) => /^> fleet-\d/.test(l)),
        60_000,
        `${contexts} contexts live with rows`,
      );
      runs.push({ firstFrameMs: Math.round(at - session.spawnedAt), peakRssMb: peakRssMb(session.pid) });
    } finally {
      await session.close();
    }
  }
  return {
    contexts,
    firstFrameMs: median(runs.map((r) => r.firstFrameMs)),
    peakRssMb: median(runs.map((r) => r.peakRssMb)),
    runs,
  };
}
