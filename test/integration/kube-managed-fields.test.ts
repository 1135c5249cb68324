// The simulator sends metadata.managedFields as a real API server does; the console drops them as each list
// page and watch event arrives (src/kube/managed-fields.ts), keeping the rest of the object as it came.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kindInfo } from '../../src/flux/kinds.js';
import { resolveKubeconfig } from '../../src/kube/kubeconfig.js';
import { listAll } from '../../src/kube/list.js';
import { ListWatch, type WatchSink } from '../../src/kube/list-watch.js';
import type { RawObject } from '../../src/kube/port.js';
import { createTransport, type Transport } from '../../src/kube/transport.js';
import { type SimHandle, startSim } from '../../src/sim/index.js';
import { isolatedEnv } from './kube-helpers.js';

const KS = kindInfo('Kustomization');
const RESOURCE = { group: KS.group, version: 'v1', plural: KS.plural };
const STORE_ID = `${KS.group}/${KS.plural}`;

let sim: SimHandle | undefined;
let transport: Transport | undefined;
beforeAll(async () => {
  sim = await startSim({ scenario: 'runbook', controllers: false, clock: 'virtual' });
  transport = createTransport(resolveKubeconfig({ kubeconfigPath: sim.kubeconfigPath, env: isolatedEnv() }));
});
afterAll(async () => {
  transport?.close();
  await sim?.stop();
});

const metadataOf = (o: RawObject | undefined) => (o?.['metadata'] ?? {}) as Record<string, unknown>;

describe('managedFields on arrival', () => {
  it('a listed object comes without them, and with everything else the server sent', async () => {
    const t = transport as Transport;
    const sent = (await t.request({
      path: `/apis/${KS.group}/v1/namespaces/flux-system/kustomizations/apps`,
      about: { verb: 'get', resource: KS.plural, namespace: 'flux-system' },
    })) as RawObject;
    expect(metadataOf(sent)['managedFields']).toBeDefined();
    const { items } = await listAll(t, RESOURCE, { namespace: 'flux-system', pageSize: 2 });
    const apps = items.find((i) => metadataOf(i)['name'] === 'apps');
    const { managedFields: _, ...rest } = metadataOf(sent);
    expect(metadataOf(apps)).toEqual(rest);
    expect(apps?.['spec']).toEqual(sent['spec']);
    expect(items.filter((i) => 'managedFields' in metadataOf(i))).toEqual([]);
  });

  it('a watched change comes without them', async () => {
    const s = sim as SimHandle;
    const events: RawObject[] = [];
    let listed = false;
    const sink: WatchSink = {
      reset: () => {
        listed = true;
      },
      event: (_type, object) => events.push(object),
      state: () => {},
    };
    const watch = new ListWatch({
      transport: transport as Transport,
      resolve: () => Promise.resolve({ served: true, resource: RESOURCE }),
      namespace: 'flux-system',
      sink,
    });
    try {
      await until(() => listed);
      s.store.mutate(STORE_ID, 'flux-system', 'apps', (o) => {
        (o['status'] as Record<string, unknown>)['lastAttemptedRevision'] = 'main@sha1:changed';
      });
      await until(() => events.length > 0);
      expect(metadataOf(events[0])['name']).toBe('apps');
      expect(metadataOf(events[0])).not.toHaveProperty('managedFields');
      expect(
        metadataOf(s.store.get(STORE_ID, 'flux-system', 'apps') as never)['managedFields'],
      ).toBeDefined();
    } finally {
      await watch.close();
    }
  });
});

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  expect(check()).toBe(true);
}
