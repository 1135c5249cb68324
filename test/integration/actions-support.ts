// The rig of the action integration tests: the runbook scenario on a virtual clock, the real ClusterPort
// over HTTPS, an action context on the same clock, and `drive` — which moves virtual time forward while an
// action awaits its outcome, so a 30 s requeue costs milliseconds.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditLog } from '../../src/actions/audit.js';
import { SuspendLedger } from '../../src/actions/ledger.js';
import { runAction } from '../../src/actions/registry.js';
import type { ActionContext, ActionOutcome, ActionPlan, ActionProgress } from '../../src/actions/types.js';
import { type ObjectRef, objectKey } from '../../src/flux/types.js';
import { createClusterPort } from '../../src/kube/cluster.js';
import type { ClusterPort, RawObject } from '../../src/kube/port.js';
import type { TransitionRecorder } from '../../src/kube/transition-recorder.js';
import { type SimHandle, startSim } from '../../src/sim/index.js';
import { isolatedEnv, resourceId, waitForSnapshot } from './kube-helpers.js';

export interface Rig {
  readonly sim: SimHandle;
  readonly port: ClusterPort;
  readonly ctx: ActionContext;
  readonly audit: AuditLog;
  readonly ledger: SuspendLedger;
  /** Every merge patch the actions sent, in order. */
  readonly patches: { readonly ref: ObjectRef; readonly patch: Readonly<Record<string, unknown>> }[];
  readonly progress: ActionProgress[];
  readonly dir: string;
  stop(): Promise<void>;
}

export interface RigOptions {
  readonly helmPath?: string;
  readonly readonly?: boolean;
  readonly timeoutMs?: number;
  readonly fluxControllers?: 'running' | 'absent' | 'scaled-to-zero';
  /** The transitions' recorder (a console's memory), when the test reads them. */
  readonly transitions?: TransitionRecorder;
  /** The environment the port reads (default an isolated HOME). */
  readonly env?: NodeJS.ProcessEnv;
  /** The simulated cluster (default the runbook's). */
  readonly scenario?: 'runbook' | 'operator';
}

/** A port that records the merge patches going through it (the real one does the work). */
function recording(port: ClusterPort, patches: Rig['patches']): ClusterPort {
  return new Proxy(port, {
    get(target, prop, receiver) {
      if (prop === 'mergePatch') {
        return (ref: ObjectRef, patch: Readonly<Record<string, unknown>>) => {
          patches.push({ ref, patch });
          return target.mergePatch(ref, patch);
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export async function startRig(options: RigOptions = {}): Promise<Rig> {
  const sim = await startSim({
    clock: 'virtual',
    scenario: options.scenario ?? 'runbook',
    ...(options.fluxControllers ? { fluxControllers: options.fluxControllers } : {}),
  });
  const dir = mkdtempSync(join(tmpdir(), 'fluxdeck-actions-it-'));
  const live = await createClusterPort({
    kubeconfigPath: sim.kubeconfigPath,
    env: options.env ?? isolatedEnv(),
    now: () => sim.clock.now(),
    publishIntervalMs: 10,
    ...(options.transitions ? { transitions: options.transitions } : {}),
    ...(options.helmPath ? { helmPath: options.helmPath } : {}),
  });
  await waitForSnapshot(live, 'every watch live', (s) => s.connection === 'live');
  const patches: Rig['patches'] = [];
  const port = recording(live, patches);
  const ledger = new SuspendLedger();
  const audit = new AuditLog({ path: join(dir, 'audit.log') });
  const ctx: ActionContext = {
    port,
    readonly: options.readonly ?? false,
    clock: sim.clock,
    user: 'oncall',
    timeoutMs: options.timeoutMs ?? 5 * 60_000,
    pollMs: 2000,
    ledger,
    keyLabel: (action) => (action === 'resume' ? 'u' : undefined),
  };
  const progress: ActionProgress[] = [];
  return {
    sim,
    port,
    ctx,
    audit,
    ledger,
    patches,
    progress,
    dir,
    async stop() {
      await live.close();
      await sim.stop();
    },
  };
}

const realTick = () => new Promise<void>((resolve) => setTimeout(resolve, 2));

/**
 * Settles `promise` while moving the virtual clock in `stepMs` steps, giving real I/O (HTTP, watch
 * events) a moment between steps. Fails after `maxSteps` steps instead of hanging.
 */
export async function drive<T>(rig: Rig, promise: Promise<T>, stepMs = 1000, maxSteps = 3000): Promise<T> {
  let settled = false;
  const watched = promise.finally(() => {
    settled = true;
  });
  for (let i = 0; i < maxSteps && !settled; i++) {
    await realTick();
    if (!settled) await rig.sim.clock.advance(stepMs);
  }
  if (!settled) throw new Error(`still pending after ${maxSteps} steps of ${stepMs} ms of virtual time`);
  return watched;
}

/** Confirms and runs a plan as the console does (audit intent, run, audit outcome), driving the clock. */
export function run(rig: Rig, plan: ActionPlan): Promise<ActionOutcome> {
  return drive(
    rig,
    runAction(plan, rig.ctx, (p) => rig.progress.push(p), rig.audit),
  );
}

export function stored(rig: Rig, ref: ObjectRef): RawObject | undefined {
  return rig.sim.store.get(resourceId(ref.kind), ref.namespace, ref.name) as RawObject | undefined;
}

export function readyOf(raw: RawObject | undefined): string {
  const conditions = ((raw?.['status'] as { conditions?: unknown[] } | undefined)?.conditions ?? []) as {
    type?: string;
    status?: string;
  }[];
  return conditions.find((c) => c.type === 'Ready')?.status ?? '';
}

export function auditLines(rig: Rig): Record<string, unknown>[] {
  let text = '';
  try {
    text = readFileSync(rig.audit.path, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

export function patchedKeys(rig: Rig): string[] {
  return rig.patches.map((p) => objectKey(p.ref));
}

export const hr = (namespace: string, name = namespace): ObjectRef => ({
  kind: 'HelmRelease',
  namespace,
  name,
});
