// `fluxdeck status -A -o json` against the floor: reference-list.mjs lists the same kinds from the same
// server and parses the JSON. Both are whole processes (start-up included), run alternately so a busy
// neighbour slows both alike; the ratio is of the medians.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { median, summary } from './stats.mjs';

const REFERENCE = fileURLToPath(new URL('./reference-list.mjs', import.meta.url));

function run(node, args, { capture = false } = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(node, args, { stdio: ['ignore', capture ? 'pipe' : 'ignore', 'pipe'] });
    const out = [];
    let err = '';
    child.stdout?.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      const ms = performance.now() - started;
      // status exits 1 when anything is not ready (the runbook scenario has failures): not an error here.
      if (code !== 0 && code !== 1) reject(new Error(`${args.join(' ')} exited ${code}: ${err}`));
      else resolve({ ms, stdout: Buffer.concat(out).toString('utf8') });
    });
  });
}

export async function benchStatus({ node, cli, kubeconfig, rounds }) {
  const status = [cli, 'status', '-A', '-o', 'json', '--kubeconfig', kubeconfig];
  // A first, untimed round of each: warms the file cache and checks both see the same objects.
  const ref = await run(node, [REFERENCE, kubeconfig], { capture: true });
  const doc = JSON.parse((await run(node, status, { capture: true })).stdout);
  const objects = Number(ref.stdout.trim());
  if (doc.objects.length !== objects) {
    throw new Error(`status reports ${doc.objects.length} objects, the reference listed ${objects}`);
  }
  const referenceMs = [];
  const statusMs = [];
  for (let i = 0; i < rounds; i++) {
    const pair = [
      async () => referenceMs.push((await run(node, [REFERENCE, kubeconfig])).ms),
      async () => statusMs.push((await run(node, status)).ms),
    ];
    if (i % 2 === 1) pair.reverse();
    for (const step of pair) await step();
  }
  return {
    objects,
    referenceMs: summary(referenceMs),
    statusMs: summary(statusMs),
    ratio: Math.round((median(statusMs) / median(referenceMs)) * 100) / 100,
  };
}
