// The floor for `fluxdeck status -A -o json`: the least a program can do to get the same data — read the
// kubeconfig, list every Flux kind from the same server (same page size, in parallel) and parse the JSON.
// No discovery, no derivation, no output beyond a count. Usage: node reference-list.mjs KUBECONFIG
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parse } from 'yaml';
import { KINDS } from '../../dist/flux/kinds.js';

// As src/kube/transport.ts does: node:https through require, not the ESM facade (which loads undici).
const https = createRequire(import.meta.url)('node:https');

const config = parse(readFileSync(process.argv[2], 'utf8'));
const context = config.contexts.find((c) => c.name === config['current-context']).context;
const cluster = config.clusters.find((c) => c.name === context.cluster).cluster;
const user = config.users.find((u) => u.name === context.user).user;
const agent = new https.Agent({
  keepAlive: true,
  ca: Buffer.from(cluster['certificate-authority-data'], 'base64'),
});

function get(path) {
  return new Promise((resolve, reject) => {
    const req = https.get(
      new URL(path, cluster.server),
      { agent, headers: { Authorization: `Bearer ${user.token}`, Accept: 'application/json' } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
  });
}

async function listKind(kind) {
  const items = [];
  let token = '';
  do {
    const query = `?limit=${process.env.LIMIT ?? 5000}${token ? `&continue=${encodeURIComponent(token)}` : ''}`;
    const body = await get(`/apis/${kind.group}/${kind.versions[0]}/${kind.plural}${query}`);
    items.push(...(body.items ?? []));
    token = body.metadata?.continue ?? '';
  } while (token);
  return items;
}

const t0 = performance.now(); const lists = await Promise.all(KINDS.map(async (k) => { const r = await listKind(k); console.error(k.kind, Math.round(performance.now() - t0), r.length); return r; }));
agent.destroy();
process.stdout.write(`${lists.reduce((n, items) => n + items.length, 0)}\n`);
