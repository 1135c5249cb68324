// Shared by the kube integration tests: objects to seed into the simulator, awaiting a snapshot
// condition, and timers that record the delays they are asked for.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll } from 'vitest';
import { type KindName, kindInfo } from '../../src/flux/kinds.js';
import type { Timers } from '../../src/kube/backoff.js';
import { createClusterPort } from '../../src/kube/cluster.js';
import type { ClusterPort, ClusterSnapshot, LogSnapshot } from '../../src/kube/port.js';
import { type SimHandle, startSim } from '../../src/sim/index.js';

/** An environment in which the user's real kubeconfig cannot be found. */
export function isolatedEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { HOME: mkdtempSync(join(tmpdir(), 'fluxdeck-home-')), ...extra };
}

export function resourceId(kind: KindName): string {
  const info = kindInfo(kind);
  return `${info.group}/${info.plural}`;
}

export function fluxObject(
  kind: KindName,
  namespace: string,
  name: string,
  ready: 'True' | 'False' = 'True',
  extra: { spec?: Record<string, unknown>; message?: string } = {},
) {
  const info = kindInfo(kind);
  return {
    apiVersion: `${info.group}/${info.versions[0]}`,
    kind,
    metadata: { name, namespace },
    spec: { interval: '10m', ...extra.spec },
    status: {
      observedGeneration: 1,
      conditions: [
        {
          type: 'Ready',
          status: ready,
          reason: ready === 'True' ? 'ReconciliationSucceeded' : 'ReconciliationFailed',
          message: extra.message ?? (ready === 'True' ? 'Applied revision: main@sha1:1234567' : 'it broke'),
          lastTransitionTime: '2026-01-01T00:00:00Z',
        },
      ],
    },
  };
}

export function seed(
  sim: SimHandle,
  kind: KindName,
  namespace: string,
  name: string,
  ready: 'True' | 'False' = 'True',
) {
  return sim.store.create(resourceId(kind), fluxObject(kind, namespace, name, ready));
}

export function describeSnapshot(s: ClusterSnapshot): string {
  const kinds = [...s.kinds].map(([k, slice]) => `${k}:${slice.state.phase}(${slice.rows.size})`).join(' ');
  return `rev ${s.revision} ${s.connection} pods:${s.pods.state.phase}(${s.pods.items.length}) events:${s.events.state.phase}(${s.events.items.length}) ${kinds}`;
}

function waitUntil<T>(
  subscribe: (listener: () => void) => () => void,
  get: () => T,
  predicate: (value: T) => boolean,
  describe: (value: T) => string,
  what: string,
  timeoutMs: number,
): Promise<T> {
  return new Promise((resolve, reject) => {
    let unsubscribe = () => {};
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`timed out waiting for ${what}; last: ${describe(get())}`));
    }, timeoutMs);
    const check = () => {
      const value = get();
      if (!predicate(value)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(value);
    };
    unsubscribe = subscribe(check);
    check();
  });
}

export function waitForSnapshot(
  port: ClusterPort,
  what: string,
  predicate: (s: ClusterSnapshot) => boolean,
  timeoutMs = 15_000,
): Promise<ClusterSnapshot> {
  return waitUntil(
    (l) => port.subscribe(l),
    () => port.getSnapshot(),
    predicate,
    describeSnapshot,
    what,
    timeoutMs,
  );
}

export function waitForLogs(
  port: ClusterPort,
  what: string,
  predicate: (s: LogSnapshot) => boolean,
  timeoutMs = 15_000,
): Promise<LogSnapshot> {
  const describe = (s: LogSnapshot) =>
    `${s.entries.length} entries; ${s.streams.map((x) => `${x.controller}:${x.phase}:${x.pod}:${x.message}`).join(' ')}`;
  return waitUntil(
    (l) => port.subscribeLogs(l),
    () => port.getLogSnapshot(),
    predicate,
    describe,
    what,
    timeoutMs,
  );
}

export function allReady(s: ClusterSnapshot): boolean {
  return s.connection === 'live';
}

/** Requests the simulator saw for one resource id (e.g. `helm.toolkit.fluxcd.io/helmreleases`). */
export function requestsFor(sim: SimHandle, resource: string, verb?: string) {
  return sim.faults
    .requests()
    .filter((r) => r.resource === resource && (verb === undefined || r.verb === verb));
}

/**
 * Timers for a cluster port on which every wait from `fromMs` on (retry backoff, slow retries) waits for the
 * test to release it, while shorter ones (snapshot publishing) run on real timers. A test then sees each
 * retry's delay and makes each attempt happen, instead of counting attempts in a stretch of real time.
 */
export function heldTimers(fromMs: number) {
  const held = new Map<number, { readonly ms: number; readonly run: () => void }>();
  const asked: number[] = [];
  const waiters = new Set<() => void>();
  let id = 0;
  const timers: Timers = {
    setTimeout: (run, ms) => {
      if (ms < fromMs) return { real: setTimeout(run, ms) };
      held.set(++id, { ms, run });
      asked.push(ms);
      for (const wake of waiters) wake();
      return { held: id };
    },
    clearTimeout: (handle) => {
      const h = handle as { real?: ReturnType<typeof setTimeout>; held?: number };
      if (h.real !== undefined) clearTimeout(h.real);
      if (h.held !== undefined) held.delete(h.held);
    },
  };
  return {
    timers,
    /** Every held delay asked for, in order. */
    asked,
    /** The delays now waiting, oldest first. */
    waiting: (): number[] => [...held.values()].map((t) => t.ms),
    /** Resolves once `count` waits are held (fails after `timeoutMs` of real time, a deadline only). */
    held(count = 1, timeoutMs = 15_000): Promise<void> {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (held.size < count) return;
          clearTimeout(deadline);
          waiters.delete(check);
          resolve();
        };
        const deadline = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(`timed out waiting for ${count} held timer(s); asked so far: ${asked.join(', ')}`),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    /** Ends the oldest held wait now; returns its delay. */
    release(): number {
      const [key, oldest] = [...held][0] ?? [];
      if (key === undefined || oldest === undefined) throw new Error('no held timer to release');
      held.delete(key);
      oldest.run();
      return oldest.ms;
    },
  };
}

/** `fluxdeck status ARGV` in-process, with what it printed; env defaults to an isolated one. */
export async function runStatus(argv: readonly string[], env: NodeJS.ProcessEnv = isolatedEnv()) {
  const { runStatusCommand } = await import('../../src/commands/status.js');
  const out: string[] = [];
  const err: string[] = [];
  const sink = (into: string[]) =>
    ({
      write: (c: string, cb?: () => void) => {
        into.push(c);
        cb?.();
        return true;
      },
    }) as unknown as NodeJS.WritableStream;
  const code = await runStatusCommand([...argv], { stdout: sink(out), stderr: sink(err), env });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

/**
 * Call at the top of a test file: the runbook scenario on a virtual clock (controllers off) and a console
 * port on it, live before the tests run, both closed after them.
 */
export function runbookPortFixture(): { readonly sim: () => SimHandle; readonly port: () => ClusterPort } {
  return simPortFixture('runbook');
}

/** A scenario served without controllers on a virtual clock, and a port open on it, for a file's tests. */
export function simPortFixture(scenario: 'runbook' | 'operator'): {
  readonly sim: () => SimHandle;
  readonly port: () => ClusterPort;
} {
  let sim: SimHandle | undefined;
  let port: ClusterPort | undefined;
  beforeAll(async () => {
    const started = await startSim({ scenario, clock: 'virtual', controllers: false });
    sim = started;
    port = await createClusterPort({
      kubeconfigPath: started.kubeconfigPath,
      env: isolatedEnv(),
      now: () => started.clock.now(),
    });
    await waitForSnapshot(port, 'live', (s) => s.connection === 'live');
  });
  afterAll(async () => {
    await port?.close();
    await sim?.stop();
  });
  const need = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error(`the ${scenario} fixture is not started`);
    return v;
  };
  return { sim: () => need(sim), port: () => need(port) };
}

/** Streams a one-shot command writes to, and what it wrote so far. */
export function capturedIo(): {
  readonly stdout: PassThrough;
  readonly stderr: PassThrough;
  readonly text: () => { readonly stdout: string; readonly stderr: string };
} {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (c: Buffer) => out.push(c.toString()));
  stderr.on('data', (c: Buffer) => err.push(c.toString()));
  return { stdout, stderr, text: () => ({ stdout: out.join(''), stderr: err.join('') }) };
}
