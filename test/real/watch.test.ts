// Watches on a real API server across the server closing them (its watch timeout) and across 410 Gone.
// The server runs without a watch cache and compacts etcd every second, so a watch resumed from a
// resourceVersion older than the compaction is answered 410 as on a busy real cluster after a pause.
import { afterEach, beforeAll, expect, it } from 'vitest';
import { kindInfo } from '../../src/flux/kinds.js';
import type { ObjectRef } from '../../src/flux/types.js';
import { resolveKubeconfig } from '../../src/kube/kubeconfig.js';
import { ListWatch, type WatchSink } from '../../src/kube/list-watch.js';
import type { RawObject } from '../../src/kube/port.js';
import { createTransport, type Transport } from '../../src/kube/transport.js';
import { isolatedHome, openConsole, rowOf, waitForSnapshot } from './support/console.js';
import type { Envtest } from './support/envtest.js';
import { createFlux, minimalSpec, setConditions } from './support/flux.js';
import { realSuite } from './support/suite.js';

const T0 = '2026-01-01T00:00:00Z';
const apps: ObjectRef = { kind: 'Kustomization', namespace: 'flux-system', name: 'apps' };
const KS = kindInfo('Kustomization');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function ready(env: Envtest, message: string) {
  return setConditions(env, apps, [
    { status: 'True', reason: 'ReconciliationSucceeded', message, lastTransitionTime: T0 },
  ]);
}

/** What a ListWatch told its store: every relist (reset) and every event, and how many watches it opened. */
class Recorder implements WatchSink {
  resets = 0;
  readonly items = new Map<string, RawObject>();
  readonly states: string[] = [];
  reset(items: readonly RawObject[]): void {
    this.resets++;
    this.items.clear();
    for (const item of items) this.items.set(nameOf(item), item);
  }
  event(type: string, object: RawObject): void {
    if (type === 'DELETED') this.items.delete(nameOf(object));
    else this.items.set(nameOf(object), object);
  }
  state(state: { phase: string }): void {
    this.states.push(state.phase);
  }
}

function nameOf(raw: RawObject): string {
  return String((raw['metadata'] as { name?: unknown } | undefined)?.name ?? '');
}

function messageOf(raw: RawObject | undefined): string {
  const conditions = ((raw?.['status'] as { conditions?: { type: string; message: string }[] })?.conditions ??
    []) as { type: string; message: string }[];
  return conditions.find((c) => c.type === 'Ready')?.message ?? '';
}

async function until(what: string, check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

realSuite(
  'watches on a real API server',
  { apiserverArgs: ['--watch-cache=false', '--etcd-compaction-interval=1s', '--min-request-timeout=5'] },
  (env) => {
    let transport: Transport | undefined;
    let watch: ListWatch | undefined;
    let streams = 0;

    beforeAll(async () => {
      await createFlux(env(), apps, minimalSpec('Kustomization'));
      await ready(env(), 'Applied revision: main@sha1:1');
    });

    afterEach(async () => {
      await watch?.close();
      transport?.close();
      watch = undefined;
      transport = undefined;
    });

    function startWatch(watchTimeoutSeconds: number): Recorder {
      const config = resolveKubeconfig({ kubeconfigPath: env().kubeconfig('admin'), env: isolatedHome() });
      const real = createTransport(config);
      streams = 0;
      transport = {
        ...real,
        server: real.server,
        userName: real.userName,
        request: (r) => real.request(r),
        openStream: (r) => {
          streams++;
          return real.openStream(r);
        },
        close: () => real.close(),
      };
      const sink = new Recorder();
      watch = new ListWatch({
        transport,
        resolve: () =>
          Promise.resolve({ served: true, resource: { group: KS.group, version: 'v1', plural: KS.plural } }),
        namespace: undefined,
        sink,
        tuning: {
          pageSize: 500,
          watchTimeoutSeconds,
          backoffInitialMs: 200,
          backoffMaxMs: 2000,
          slowRetryMs: 2000,
          unservedGraceMs: 30_000,
          unservedRetryMaxMs: 5_000,
        },
      });
      return sink;
    }

    it('resumes after each server-side watch timeout without relisting, and misses no change', async () => {
      const sink = startWatch(1);
      await until('the first list', () => sink.items.has('apps'));
      for (let i = 2; i <= 4; i++) {
        const opened = streams;
        await until(
          `watch ${opened + 1} to open after the server closed the last`,
          () => streams > opened,
          10_000,
        );
        await ready(env(), `Applied revision: main@sha1:${i}`);
        await until(
          `change ${i}`,
          () => messageOf(sink.items.get('apps')) === `Applied revision: main@sha1:${i}`,
        );
      }
      expect(streams).toBeGreaterThanOrEqual(4);
      expect(sink.resets).toBe(1);
      expect(sink.states.filter((s) => s !== 'loading' && s !== 'ready')).toEqual([]);
    });

    it('relists and replaces what it holds on 410 Gone, and shows a change made meanwhile', async () => {
      const sink = startWatch(4);
      await until('the first list', () => sink.items.has('apps'));
      expect(sink.resets).toBe(1);
      // Move etcd's revision on (other objects), let the compaction pass the watch's resourceVersion …
      await env().ensureNamespace('churn');
      for (let i = 0; i < 20; i++) {
        await env().request({
          method: 'POST',
          path: '/api/v1/namespaces/churn/configmaps',
          body: {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: { generateName: 'churn-' },
            data: { i: String(i) },
          },
        });
      }
      // … and change nothing the watch sees, so it resumes from its old resourceVersion: 410, relist.
      await until('the relist after 410', () => sink.resets >= 2, 20_000);
      await ready(env(), 'Applied revision: main@sha1:after-410');
      await until(
        'the change after the relist',
        () => messageOf(sink.items.get('apps')) === 'Applied revision: main@sha1:after-410',
      );
      expect(sink.states.filter((s) => s !== 'loading' && s !== 'ready')).toEqual([]);
    });

    it('keeps the console’s rows and `live` across watch timeouts on a compacting server', async () => {
      const port = await openConsole(env(), 'admin', { tuning: { watchTimeoutSeconds: 1 } });
      const seen: string[] = [];
      try {
        await waitForSnapshot(
          port,
          'apps listed',
          (x) => x.connection === 'live' && rowOf(x, 'Kustomization/flux-system/apps') !== undefined,
        );
        const unsubscribe = port.subscribe(() => {
          const s = port.getSnapshot();
          seen.push(`${s.connection}:${rowOf(s, 'Kustomization/flux-system/apps') ? 'row' : 'none'}`);
        });
        for (let i = 0; i < 3; i++) {
          await sleep(1500);
          await ready(env(), `Applied revision: main@sha1:console-${i}`);
          await waitForSnapshot(
            port,
            `change ${i}`,
            (x) =>
              rowOf(x, 'Kustomization/flux-system/apps')?.message ===
              `Applied revision: main@sha1:console-${i}`,
          );
        }
        unsubscribe();
        expect(seen.length).toBeGreaterThan(0);
        expect(seen.filter((x) => x !== 'live:row')).toEqual([]);
      } finally {
        await port.close();
      }
    });
  },
);
