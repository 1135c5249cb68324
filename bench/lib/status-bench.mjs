// `fluxdeck status -A -o json` against two floors (reference-list.mjs): unpaged, the least a program can do
// (discovery, one LIST per kind, JSON.parse), and paged, the same with the pages of 5,000 `status` asks for.
// All are whole processes (start-up included), run in turn so a busy neighbour slows them alike; the ratios
// are of the medians.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, summary } from './stats.mjs';

const REFERENCE = fileURLToPath(new URL('./reference-list.mjs', import.meta.url));

function run(node, args, { capture = false, env } = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(node, args, {
      stdio: ['ignore', capture ? 'pipe' : 'ignore', 'pipe'],
      ...(env ? { env } : {}),
    });
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
  // `fluxdeck report` too (the incident report's budget), in a home of its own: no journal, no audit log.
  const report = [cli, 'report', '-A', '-o', 'json', '--kubeconfig', kubeconfig];
  const home = mkdtempSync(join(tmpdir(), 'fluxdeck-bench-report-'));
  const reportEnv = { PATH: process.env.PATH ?? '', HOME: home, XDG_STATE_HOME: join(home, 'state') };
  const unpaged = [REFERENCE, kubeconfig];
  const paged = [REFERENCE, kubeconfig, '--paged'];
  // A first, untimed round of each: warms the file cache and checks all see the same objects.
  const ref = await run(node, unpaged, { capture: true });
  const refPaged = await run(node, paged, { capture: true });
  const doc = JSON.parse((await run(node, status, { capture: true })).stdout);
  const objects = Number(ref.stdout.trim());
  if (doc.objects.length !== objects || Number(refPaged.stdout.trim()) !== objects) {
    throw new Error(
      `status reports ${doc.objects.length} objects, the floors listed ${objects} and ${refPaged.stdout.trim()}`,
    );
  }
  const reported = JSON.parse((await run(node, report, { capture: true, env: reportEnv })).stdout);
  if (reported.summary.objects !== objects)
    throw new Error(`report counts ${reported.summary.objects} objects, the floor listed ${objects}`);
  const referenceMs = [];
  const pagedMs = [];
  const statusMs = [];
  const reportMs = [];
  for (let i = 0; i < rounds; i++) {
    const steps = [
      async () => referenceMs.push((await run(node, unpaged)).ms),
      async () => pagedMs.push((await run(node, paged)).ms),
      async () => statusMs.push((await run(node, status)).ms),
      async () => reportMs.push((await run(node, report, { env: reportEnv })).ms),
    ];
    // Rotate the order each round so no program always runs first (or right after another).
    for (let k = 0; k < steps.length; k++) await steps[(k + i) % steps.length]();
  }
  rmSync(home, { recursive: true, force: true });
  const ratio = (a, b) => Math.round((median(a) / median(b)) * 100) / 100;
  return {
    objects,
    referenceMs: summary(referenceMs),
    pagedReferenceMs: summary(pagedMs),
    statusMs: summary(statusMs),
    ratio: ratio(statusMs, referenceMs),
    pagedRatio: ratio(statusMs, pagedMs),
    reportMs: summary(reportMs),
  };
}
