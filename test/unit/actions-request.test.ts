// The reconcile protocol's waiting, on a fake port and a manual clock: answers arriving through snapshots,
// timeouts that say what is still pending, cancellation, and an object deleted while waiting.
import { describe, expect, it } from 'vitest';
import { SuspendLedger } from '../../src/actions/ledger.js';
import { reconcileAndAwait } from '../../src/actions/request.js';
import type { ActionClock, ActionContext } from '../../src/actions/types.js';
import { type ObjectRef, objectKey } from '../../src/flux/types.js';
import type { RawObject } from '../../src/kube/port.js';
import { FakePort, makeRow } from '../support/fake-port.js';

const ref: ObjectRef = { kind: 'HelmRelease', namespace: 'kyverno', name: 'kyverno' };

function release(handled: string, ready: string, message: string): RawObject {
  return {
    apiVersion: 'helm.toolkit.fluxcd.io/v2',
    kind: 'HelmRelease',
    metadata: { name: 'kyverno', namespace: 'kyverno', generation: 2 },
    spec: {},
    status: {
      observedGeneration: 2,
      lastHandledReconcileAt: handled,
      history: [{ chartVersion: '3.2.6', version: 5, status: 'deployed' }],
      conditions: [{ type: 'Ready', status: ready, reason: 'Progressing', message }],
    },
  };
}

class ManualClock implements ActionClock {
  private t = 0;
  private id = 0;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();
  now = () => this.t;
  setTimeout(callback: () => void, ms: number): unknown {
    this.id += 1;
    this.timers.set(this.id, { at: this.t + ms, callback });
    return this.id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  /** Runs due timers in order, letting promises settle after each. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      const next = [...this.timers.entries()]
        .filter(([, t]) => t.at <= end)
        .sort((a, b) => a[1].at - b[1].at)[0];
      if (!next) break;
      this.timers.delete(next[0]);
      this.t = next[1].at;
      next[1].callback();
      for (let i = 0; i < 5; i++) await Promise.resolve();
    }
    this.t = end;
  }
}

/** Answers the patch with `answer(token)`; later versions arrive through `publish`. */
class PatchPort extends FakePort {
  token = '';
  constructor(private readonly answer: (token: string) => RawObject) {
    super();
    this.objects.set(objectKey(ref), release('old', 'False', 'upgrade failed'));
  }
  override async mergePatch(
    _ref?: ObjectRef,
    patch: Readonly<Record<string, unknown>> = {},
  ): Promise<RawObject> {
    const annotations = (patch['metadata'] as { annotations: Record<string, string> }).annotations;
    this.token = annotations['reconcile.fluxcd.io/requestedAt'] ?? '';
    const next = this.answer(this.token);
    this.objects.set(objectKey(ref), next);
    return next;
  }
  /** A watch event: the object changed, the snapshot carries it. */
  deliver(raw: RawObject): void {
    this.objects.set(objectKey(ref), raw);
    this.upsert(makeRow({ kind: 'HelmRelease', namespace: 'kyverno', name: 'kyverno' }));
  }
}

function context(port: FakePort, clock: ManualClock, signal?: AbortSignal): ActionContext {
  return {
    port,
    readonly: false,
    clock,
    user: 'oncall',
    timeoutMs: 300_000,
    pollMs: 2000,
    ledger: new SuspendLedger(),
    ...(signal ? { signal } : {}),
  };
}

const flush = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

describe('awaiting a reconcile request', () => {
  it('succeeds when a snapshot brings the handled token with Ready=True', async () => {
    const port = new PatchPort(() => release('old', 'False', 'upgrade failed'));
    const clock = new ManualClock();
    const pending: string[] = [];
    const result = reconcileAndAwait(context(port, clock), ref, {}, (p) => pending.push(p));
    await flush();
    expect(pending).toEqual(['helm-controller to handle the request on HelmRelease kyverno/kyverno']);
    await clock.advance(4000);
    port.deliver(release(port.token, 'True', 'Helm upgrade succeeded'));
    expect(await result).toEqual({
      status: 'succeeded',
      message: 'HelmRelease kyverno/kyverno is Ready at revision 3.2.6: Helm upgrade succeeded',
      revision: '3.2.6',
    });
  });

  it('never takes an old token for an answer, even with Ready=True', async () => {
    const port = new PatchPort(() => release('old', 'True', 'stale'));
    const clock = new ManualClock();
    const result = reconcileAndAwait(context(port, clock), ref, {});
    await flush();
    await clock.advance(300_000);
    expect((await result).status).toBe('timed-out');
  });

  it('times out saying the controller has not handled the request yet', async () => {
    const port = new PatchPort(() => release('old', 'False', 'upgrade failed'));
    const clock = new ManualClock();
    const result = reconcileAndAwait(context(port, clock), ref, {});
    await flush();
    await clock.advance(300_000);
    expect(await result).toEqual({
      status: 'timed-out',
      message:
        'Timed out after 300s waiting for helm-controller to handle the request on HelmRelease kyverno/kyverno.',
      pending: 'helm-controller to handle the request on HelmRelease kyverno/kyverno',
    });
  });

  it('times out saying what the object reports when it was handled but never became Ready', async () => {
    const port = new PatchPort((token) => release(token, 'Unknown', 'Reconciliation in progress'));
    const clock = new ManualClock();
    const result = reconcileAndAwait(context(port, clock), ref, {});
    await flush();
    await clock.advance(300_000);
    expect(await result).toMatchObject({
      status: 'timed-out',
      pending: 'HelmRelease kyverno/kyverno to become Ready (now: Reconciliation in progress)',
    });
  });

  it('stops waiting when cancelled, saying the request was sent', async () => {
    const port = new PatchPort(() => release('old', 'False', 'x'));
    const clock = new ManualClock();
    const abort = new AbortController();
    const result = reconcileAndAwait(context(port, clock, abort.signal), ref, {});
    await flush();
    abort.abort();
    expect(await result).toEqual({
      status: 'cancelled',
      message: 'Stopped waiting for HelmRelease kyverno/kyverno; the request was already sent.',
    });
  });

  it('fails when the object is deleted while waiting (seen by the fallback re-read)', async () => {
    const port = new PatchPort(() => release('old', 'False', 'x'));
    const clock = new ManualClock();
    const result = reconcileAndAwait(context(port, clock), ref, {});
    await flush();
    port.objects.delete(objectKey(ref));
    await clock.advance(2000);
    await flush();
    expect(await result).toEqual({
      status: 'failed',
      message: 'HelmRelease kyverno/kyverno no longer exists (deleted while waiting).',
      changed: true,
    });
  });

  it('points at the chain root when the object waits on a dependency', async () => {
    const waiting = (token: string): RawObject => {
      const raw = release(token, 'False', "dependency 'cert-manager/cert-manager' is not ready");
      const status = raw['status'] as { conditions: { reason: string }[] };
      (status.conditions[0] as { reason: string }).reason = 'DependencyNotReady';
      return raw;
    };
    const port = new PatchPort(waiting);
    const ctx = { ...context(port, new ManualClock()), keyLabel: () => 'D' };
    expect(await reconcileAndAwait(ctx, ref, {})).toMatchObject({
      status: 'failed',
      message:
        "HelmRelease kyverno/kyverno failed: dependency 'cert-manager/cert-manager' is not ready. Fix the chain from its root with D.",
    });
  });

  it('says a failed patch changed nothing', async () => {
    const port = new FakePort();
    const result = await reconcileAndAwait(context(port, new ManualClock()), ref, {});
    expect(result).toEqual({
      status: 'failed',
      message: 'Could not patch HelmRelease kyverno/kyverno: the fake port does not patch.',
      changed: false,
    });
  });
});
