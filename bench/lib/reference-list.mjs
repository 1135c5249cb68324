// The floors for `fluxdeck status -A -o json`: the least a program can do to get the same data — read the
// kubeconfig, list every Flux kind from the same server in parallel and parse the JSON; no derivation, no
// output beyond a count.
//   node reference-list.mjs KUBECONFIG            unpaged: discover the Flux groups (GET /apis), then one
//                                                 unpaged LIST per kind — the true floor
//   node reference-list.mjs KUBECONFIG --paged    no discovery, pages of 5,000 — the paging `status` uses
//                                                 so that a real cluster's apiserver is not asked for
//                                                 100 MB answers
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parse } from 'yaml';
import { KINDS } from '../../dist/flux/kinds.js';

// As src/kube/transport.ts does: node:https through require, not the ESM facade (which loads undici).
const https = createRequire(import.meta.url)('node:https');
const tls = createRequire(import.meta.url)('node:tls');

const config = parse(readFileSync(process.argv[2], 'utf8'));
const context = config.contexts.find((c) => c.name === config['current-context']).context;
const cluster = config.clusters.find((c) => c.name === context.cluster).cluster;
const user = config.users.find((u) => u.name === context.user).user;
// One TLS context for all connections, as src/kube/transport.ts has: building one per connection is work
// a program need not do.
const agent = new https.Agent({
  keepAlive: true,
  secureContext: tls.createSecureContext({
    ca: Buffer.from(cluster['certificate-authority-data'], 'base64'),
  }),
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

const paged = process.argv.includes('--paged');

async function listKind(kind) {
  if (!paged) return (await get(`/apis/${kind.group}/${kind.versions[0]}/${kind.plural}`)).items ?? [];
  const items = [];
  let token = '';
  do {
    const query = `?limit=5000${token ? `&continue=${encodeURIComponent(token)}` : ''}`;
    const body = await get(`/apis/${kind.group}/${kind.versions[0]}/${kind.plural}${query}`);
    items.push(...(body.items ?? []));
    token = body.metadata?.continue ?? '';
  } while (token);
  return items;
}

if (!paged) {
  // Which Flux groups the server serves: one request, as any client must make before listing.
  const groups = new Set(((await get('/apis')).groups ?? []).map((g) => g.name));
  const missing = KINDS.filter((k) => !groups.has(k.group)).map((k) => k.group);
  if (missing.length > 0) throw new Error(`groups not served: ${[...new Set(missing)].join(', ')}`);
}
const lists = await Promise.all(KINDS.map(listKind));
agent.destroy();
process.stdout.write(`${lists.reduce((n, items) => n + items.length, 0)}\n`);
