// `--churn N --log-rate M`: a busy cluster for benchmarks. N Flux objects a second get a new revision in
// their Ready message (one in ten instead starts failing, or recovers if it was failing), and M controller
// log lines a second are written, about the objects being changed, into the controllers' pod logs.
// Status-only changes: the simulated controllers see no new generation or reconcile request, so they
// leave the churned objects alone and the churn rate is what the console receives.
import { FLUX_SYSTEM_NAMESPACE, KINDS, type KindName } from '../flux/kinds.js';
import { findControllerPod } from './controllers/pods.js';
import { reconcilerLogLine } from './flux-logs.js';
import { CORE_RESOURCES, resourceIdOf } from './resources.js';
import { MANAGER_CONTAINER } from './scenario/flux-system.js';
import type { ResourceId, SimContext, SimObject, SimTimer } from './types.js';

export interface ChurnOptions {
  /** Objects changed per second. */
  readonly objectsPerSecond: number;
  /** Controller log lines per second. */
  readonly logLinesPerSecond: number;
  /** Only objects in namespaces with this label churn (default: the scale scenario's namespaces). */
  readonly namespaceLabel?: string;
}

export interface Churn {
  /** Objects changed and log lines written so far. */
  counts(): { objects: number; logLines: number };
  stop(): void;
}

interface Target {
  readonly kind: KindName;
  readonly resource: ResourceId;
  readonly namespace: string;
  readonly name: string;
  readonly controller: string;
}

/** Work is spread over 20 ticks a second: small batches, and rates hold to within a tick. */
const TICK_MS = 50;
const SCALE_LABEL = 'fluxdeck.sim/scale';
const POD_LOOKUP_MS = 1000;

function targetsOf(ctx: SimContext, label: string): Target[] {
  const churnable = new Set(
    ctx.store
      .list(CORE_RESOURCES.namespaces)
      .filter((ns) => ns.metadata.labels?.[label] !== undefined)
      .map((ns) => ns.metadata.name),
  );
  const targets: Target[] = [];
  for (const info of KINDS) {
    const resource = resourceIdOf(info);
    for (const object of ctx.store.list(resource)) {
      const namespace = object.metadata.namespace ?? '';
      if (!churnable.has(namespace)) continue;
      targets.push({
        kind: info.kind,
        resource,
        namespace,
        name: object.metadata.name,
        controller: info.controller,
      });
    }
  }
  return targets;
}

function revisionOf(ctx: SimContext): string {
  let hex = '';
  for (let i = 0; i < 40; i++) hex += Math.floor(ctx.random() * 16).toString(16);
  return `main@sha1:${hex}`;
}

function isoSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

interface ReadyCondition {
  type: string;
  status: string;
  reason: string;
  message: string;
  lastTransitionTime: string;
}

function readyCondition(object: SimObject): ReadyCondition | undefined {
  const status = object['status'];
  if (typeof status !== 'object' || status === null) return undefined;
  const conditions = (status as Record<string, unknown>)['conditions'];
  if (!Array.isArray(conditions)) return undefined;
  return conditions.find(
    (c): c is ReadyCondition => typeof c === 'object' && c !== null && (c as ReadyCondition).type === 'Ready',
  );
}

export function startChurn(ctx: SimContext, options: ChurnOptions): Churn {
  const targets = targetsOf(ctx, options.namespaceLabel ?? SCALE_LABEL);
  const failing = new Set<Target>();
  const pods = new Map<string, { name: string | undefined; at: number }>();
  const started = ctx.clock.now();
  let objects = 0;
  let logLines = 0;
  let cursor = 0;
  let timer: SimTimer | undefined;
  let stopped = false;

  function podOf(controller: string): string | undefined {
    const now = ctx.clock.now();
    const cached = pods.get(controller);
    if (cached && now - cached.at < POD_LOOKUP_MS) return cached.name;
    const name = findControllerPod(ctx, controller)?.metadata.name;
    pods.set(controller, { name, at: now });
    return name;
  }

  /** The next object, walking a stride through the list so changes land all over the table. */
  function nextTarget(): Target | undefined {
    if (targets.length === 0) return undefined;
    cursor = (cursor + 7919) % targets.length;
    return targets[cursor];
  }

  function change(target: Target, now: number): string {
    const flip = ctx.random() < 0.1;
    const revision = revisionOf(ctx);
    let note = `stored artifact for revision '${revision}'`;
    try {
      ctx.store.mutate(target.resource, target.namespace, target.name, (object) => {
        const ready = readyCondition(object);
        if (!ready) return;
        if (failing.has(target) || !flip) {
          if (failing.delete(target)) ready.lastTransitionTime = isoSeconds(now);
          ready.status = 'True';
          ready.reason = 'Succeeded';
          ready.message = note;
          return;
        }
        failing.add(target);
        note = `reconciliation failed: revision '${revision}' cannot be applied (simulated churn)`;
        ready.status = 'False';
        ready.reason = 'ReconciliationFailed';
        ready.message = note;
        ready.lastTransitionTime = isoSeconds(now);
      });
    } catch {
      // Deleted since we listed it: a stale target costs nothing but a skipped change.
    }
    return note;
  }

  function writeLogs(count: number, now: number, about: Target | undefined): void {
    const byPod = new Map<string, string[]>();
    for (let i = 0; i < count; i++) {
      const target = i === 0 && about ? about : nextTarget();
      if (!target) return;
      const pod = podOf(target.controller);
      if (!pod) continue;
      const line = reconcilerLogLine({
        level: 'info',
        at: now,
        msg: 'no changes since last reconcilation: observed revision',
        object: { kind: target.kind, name: target.name, namespace: target.namespace },
        reconcileID: `churn-${logLines + i}`,
      });
      const lines = byPod.get(pod) ?? [];
      lines.push(line);
      byPod.set(pod, lines);
    }
    for (const [pod, lines] of byPod) {
      ctx.logs.append(FLUX_SYSTEM_NAMESPACE, pod, MANAGER_CONTAINER, lines.join('\n'));
    }
  }

  function tick(): void {
    if (stopped) return;
    const now = ctx.clock.now();
    const elapsed = (now - started) / 1000;
    const dueObjects = Math.floor(elapsed * options.objectsPerSecond) - objects;
    let last: Target | undefined;
    for (let i = 0; i < dueObjects; i++) {
      const target = nextTarget();
      if (!target) break;
      change(target, now);
      last = target;
    }
    objects += Math.max(0, dueObjects);
    const dueLines = Math.floor(elapsed * options.logLinesPerSecond) - logLines;
    if (dueLines > 0) {
      writeLogs(dueLines, now, last);
      logLines += dueLines;
    }
    timer = ctx.clock.setTimeout(tick, TICK_MS);
  }

  if (options.objectsPerSecond > 0 || options.logLinesPerSecond > 0) {
    timer = ctx.clock.setTimeout(tick, TICK_MS);
  }
  return {
    counts: () => ({ objects, logLines }),
    stop() {
      stopped = true;
      if (timer) ctx.clock.clearTimeout(timer);
    },
  };
}
