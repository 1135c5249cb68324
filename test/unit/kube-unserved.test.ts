// A kind missing after an API server restart: "not served yet" (rows kept, retried fast with backoff) for a
// grace period, "not installed" (rows dropped) only when it is still missing after it. Manual timers and a
// manual clock: nothing here waits for real time.
import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { KubeError } from '../../src/kube/errors.js';
import { ListWatch, type Resolution, type WatchSink } from '../../src/kube/list-watch.js';
import type { RawObject, WatchState } from '../../src/kube/port.js';
import type { Transport } from '../../src/kube/transport.js';
import { UnservedGrace } from '../../src/kube/unserved-grace.js';
import { manualTimers } from '../support/manual-timers.js';

const POLICY = { graceMs: 30_000, initialMs: 500, maxMs: 5_000, random: () => 0.5 };
const WHY = 'the API group helm.toolkit.fluxcd.io is not served';
const SENTENCE = `HelmRelease (helmreleases.helm.toolkit.fluxcd.io) is not installed: ${WHY}`;

describe('the not-served-yet grace', () => {
  it('declares a kind never served not installed at once', () => {
    const grace = new UnservedGrace(POLICY, () => 0);
    const verdict = grace.unserved(WHY, SENTENCE);
    expect(verdict.verdict).toBe('not-installed');
    expect(verdict.state).toEqual({ phase: 'not-installed', message: SENTENCE });
  });

  it('keeps a kind that was served "not served yet", retrying 0.5 s, 1 s, 2 s … capped, until the grace is over', () => {
    let now = 1_000;
    const grace = new UnservedGrace(POLICY, () => now);
    grace.served();
    const delays: number[] = [];
    for (;;) {
      const verdict = grace.unserved(WHY, SENTENCE);
      if (verdict.verdict === 'not-installed') {
        expect(verdict.state.message).toBe(`${SENTENCE} (still not served 33s later)`);
        break;
      }
      // The episode keeps the time it began: the screen says since when.
      expect(verdict.state).toEqual({ phase: 'not-served-yet', since: 1_000, message: WHY });
      delays.push(verdict.retryInMs);
      now += verdict.retryInMs;
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 5000, 5000, 5000, 5000, 5000]);
    expect(now - 1_000).toBeGreaterThanOrEqual(POLICY.graceMs);
  });

  it('starts over once the kind is listed again', () => {
    let now = 0;
    const grace = new UnservedGrace(POLICY, () => now);
    grace.served();
    grace.unserved(WHY, SENTENCE);
    now = 29_000;
    expect(grace.unserved(WHY, SENTENCE).verdict).toBe('not-served-yet');
    grace.served();
    now = 100_000;
    const again = grace.unserved(WHY, SENTENCE);
    expect(again.verdict === 'not-served-yet' && again.state.since).toBe(100_000);
    expect(again.verdict === 'not-served-yet' && again.retryInMs).toBe(500);
  });

  it('stays not served yet past the grace while the server says it is not ready (/readyz failing)', () => {
    let now = 0;
    const grace = new UnservedGrace(POLICY, () => now);
    grace.served();
    grace.unserved(WHY, SENTENCE);
    expect(grace.graceOver).toBe(false);
    now = 30_000;
    expect(grace.graceOver).toBe(true);
    const starting = grace.unserved(WHY, SENTENCE, false);
    expect(starting.verdict).toBe('not-served-yet');
    expect(starting.state).toEqual({
      phase: 'not-served-yet',
      since: 0,
      message: `${WHY}; the API server is not ready yet (/readyz)`,
    });
    now = 90_000;
    expect(grace.unserved(WHY, SENTENCE, false).verdict).toBe('not-served-yet');
    expect(grace.unserved(WHY, SENTENCE, true).verdict).toBe('not-installed');
  });

  it('grants the grace to a kind never served when the server was just unreachable (a console started mid-restart)', () => {
    let now = 0;
    const grace = new UnservedGrace(POLICY, () => now);
    grace.unreachable();
    expect(grace.unserved(WHY, SENTENCE).verdict).toBe('not-served-yet');
    now = 30_000;
    expect(grace.unserved(WHY, SENTENCE).verdict).toBe('not-installed');
    // Decided: the next absence of a kind never served is not graced again.
    expect(grace.unserved(WHY, SENTENCE).verdict).toBe('not-installed');
  });
});

function helmRelease(name: string, rv: string): RawObject {
  return {
    apiVersion: 'helm.toolkit.fluxcd.io/v2',
    kind: 'HelmRelease',
    metadata: { name, namespace: 'apps', resourceVersion: rv },
  };
}

const RESOURCE = { group: 'helm.toolkit.fluxcd.io', version: 'v2', plural: 'helmreleases' };

/** A server that can be made unreachable or lose the kind, and a sink that remembers what it was told. */
function harness() {
  const t = manualTimers();
  const server = {
    reachable: true,
    served: true,
    ready: true,
    readyzAsked: 0,
    lists: 0,
    watches: [] as string[],
  };
  const streams: PassThrough[] = [];
  const transport: Transport = {
    server: 'https://127.0.0.1:6443',
    userName: 'admin',
    request: async () => {
      if (!server.reachable)
        throw new KubeError('unreachable', 'cannot reach the API server: connection refused');
      if (!server.served) throw new KubeError('not-installed', 'helmreleases answered 404 Not Found', 404);
      server.lists++;
      return {
        apiVersion: 'helm.toolkit.fluxcd.io/v2',
        metadata: { resourceVersion: '7' },
        items: [helmRelease('kyverno', '5'), helmRelease('velero', '7')],
      };
    },
    openStream: async (request) => {
      if (!server.reachable)
        throw new KubeError('unreachable', 'cannot reach the API server: connection refused');
      if (!server.served) throw new KubeError('not-installed', 'helmreleases answered 404 Not Found', 404);
      server.watches.push(String(request.query?.['resourceVersion']));
      const stream = new PassThrough();
      streams.push(stream);
      // As the real transport does: closing the watch ends its stream.
      request.signal?.addEventListener('abort', () => stream.destroy(), { once: true });
      return stream as unknown as IncomingMessage;
    },
    close: () => undefined,
  };
  const resolve = async (): Promise<Resolution> =>
    server.served
      ? { served: true, resource: RESOURCE }
      : {
          served: false,
          message: SENTENCE,
          why: WHY,
          serverReady: async () => {
            server.readyzAsked++;
            return server.ready;
          },
        };
  const states: WatchState[] = [];
  const rows = new Map<string, RawObject>();
  const sink: WatchSink = {
    reset: (items) => {
      rows.clear();
      for (const item of items) rows.set(String((item['metadata'] as { name: string }).name), item);
    },
    event: () => undefined,
    state: (state) => states.push(state),
  };
  const watch = new ListWatch({
    transport,
    resolve,
    namespace: undefined,
    sink,
    timers: t.timers,
    now: t.clock,
    tuning: {
      pageSize: 500,
      watchTimeoutSeconds: 300,
      backoffInitialMs: 500,
      backoffMaxMs: 30_000,
      slowRetryMs: 60_000,
      unservedGraceMs: 30_000,
      unservedRetryMaxMs: 5_000,
      random: () => 0.5,
    },
  });
  const advance = async (ms: number) => {
    for (let i = 0; i < ms; i += 100) {
      t.advance(Math.min(100, ms - i));
      await settle();
    }
  };
  /** The server restarts: open watches end, it is briefly unreachable, then answers without the CRD. */
  const restart = async () => {
    server.reachable = false;
    server.served = false;
    for (const s of streams.splice(0)) s.destroy();
    await settle();
    // A watch that ended at once is retried after the first backoff step; that retry finds no server.
    await advance(500);
  };
  const last = () => states[states.length - 1];
  return { t, server, states, rows, watch, restart, advance, last };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
}

describe('a watch across an API server restart with the CRD registration lag', () => {
  it('keeps the rows, says not served yet, retries fast and resumes the watch when the kind is back', async () => {
    const h = harness();
    await settle();
    expect(h.last()).toEqual({ phase: 'ready', apiVersion: 'helm.toolkit.fluxcd.io/v2' });
    expect([...h.rows.keys()]).toEqual(['kyverno', 'velero']);

    await h.restart();
    expect(h.last()?.phase).toBe('disconnected');
    h.server.reachable = true; // back, but its CRD groups are not registered yet
    await h.advance(1_000);
    const lagging = h.last();
    expect(lagging?.phase).toBe('not-served-yet');
    expect(lagging?.phase === 'not-served-yet' && lagging.message).toBe(WHY);
    // The rows seen before stay until the kind is listed again.
    expect([...h.rows.keys()]).toEqual(['kyverno', 'velero']);

    await h.advance(10_000);
    expect(h.last()?.phase).toBe('not-served-yet');
    expect(h.states.some((s) => s.phase === 'not-installed')).toBe(false);

    h.server.served = true;
    // Retries are capped at 5 s: the kind is back on screen within that.
    await h.advance(5_000);
    expect(h.last()).toEqual({ phase: 'ready', apiVersion: 'helm.toolkit.fluxcd.io/v2' });
    // Resumed from the resourceVersion it had, not relisted.
    expect(h.server.lists).toBe(1);
    expect(h.server.watches.at(-1)).toBe('7');
    expect(h.states.some((s) => s.phase === 'not-installed')).toBe(false);
    await h.watch.close();
  });

  it('says not installed and drops the rows only when the kind is still missing after the grace period', async () => {
    const h = harness();
    await settle();
    await h.restart();
    h.server.reachable = true;
    await h.advance(29_000);
    expect(h.last()?.phase).toBe('not-served-yet');
    expect(h.rows.size).toBe(2);
    await h.advance(6_000);
    const gone = h.last();
    expect(gone?.phase).toBe('not-installed');
    expect(gone?.phase === 'not-installed' && gone.message).toMatch(
      /^HelmRelease \(helmreleases\.helm\.toolkit\.fluxcd\.io\) is not installed: .* \(still not served \d+s later\)$/,
    );
    expect(h.rows.size).toBe(0);
    await h.watch.close();
  });

  it('asks /readyz only when the grace is over, and keeps the rows while the server is not ready', async () => {
    const h = harness();
    await settle();
    await h.restart();
    h.server.reachable = true;
    h.server.ready = false;
    await h.advance(29_000);
    expect(h.server.readyzAsked).toBe(0);
    await h.advance(31_000);
    expect(h.server.readyzAsked).toBeGreaterThan(0);
    const waiting = h.last();
    expect(waiting?.phase === 'not-served-yet' && waiting.message).toBe(
      `${WHY}; the API server is not ready yet (/readyz)`,
    );
    expect(h.rows.size).toBe(2);
    h.server.ready = true;
    await h.advance(5_000);
    expect(h.last()?.phase).toBe('not-installed');
    expect(h.rows.size).toBe(0);
    await h.watch.close();
  });
});
