// The simulated Flux controllers: one reconcile engine with a handler per kind, writing status, Events and
// JSON log lines (into each controller pod's `manager` container) the way the real controllers do.
import { kindInfo } from '../../flux/kinds.js';
import type { ObjectRef } from '../../flux/types.js';
import { LEGACY_LOG_FORMAT, legacyReconcilerLogLine, reconcilerLogLine } from '../flux-logs.js';
import { CORE_RESOURCES, resourceIdOf } from '../resources.js';
import { isFluxControllerUp } from '../scenario/controller-scale.js';
import type { SimContext, SimControllers } from '../types.js';
import { gitRemotesOf } from './artifacts.js';
import { SIM_RECONCILERS } from './catalog.js';
import type { EngineServices } from './contract.js';
import { CrashLoops } from './crash-loop.js';
import { ReconcileEngine } from './engine.js';
import { EventRecorder } from './events.js';
import { helmReleaseHandler } from './helmrelease/handler.js';
import { ReleaseIndex } from './helmrelease/release-index.js';
import { randomUuid } from './ids.js';
import { imagePolicyHandler, imageRepositoryHandler, imageUpdateAutomationHandler } from './image.js';
import { getStr } from './json.js';
import { kustomizationHandler } from './kustomize.js';
import { receiverHandler } from './notification.js';
import { type FaultRegistry, faultsOf, type ObjectFault } from './object-faults.js';
import {
  fluxInstanceHandler,
  fluxReportHandler,
  inputProviderHandler,
  resourceSetHandler,
} from './operator.js';
import { ControllerPods } from './pods.js';
import { sourceHandlers } from './source-kinds.js';

export type { ObjectFault } from './object-faults.js';

/** The controllers plus test/demo hooks on the simulated world (not part of src/sim/types.ts). */
export interface SimControllersWithFaults extends SimControllers {
  /** Why objects fail (set by the scenario); not visible through the API. */
  readonly faults: FaultRegistry;
  /** Simulates the cause being fixed outside the console (YAML fixed and pushed, credentials rotated). */
  fixFault(ref: ObjectRef): boolean;
  /** Makes an object fail from now on (e.g. a test breaking a healthy release). */
  setFault(ref: ObjectRef, fault: ObjectFault): void;
}

export function startControllers(ctx: SimContext): SimControllersWithFaults {
  const pods = new ControllerPods(ctx);
  const events = new EventRecorder(ctx);
  const faults = faultsOf(ctx.store);
  const releases = new ReleaseIndex(ctx.store);
  const services: EngineServices = {
    log(controller, kind, object, line) {
      const loggedObject = { kind, name: object.metadata.name, namespace: object.metadata.namespace ?? '' };
      const text = LEGACY_LOG_FORMAT.has(controller)
        ? legacyReconcilerLogLine({ ...line, object: loggedObject })
        : reconcilerLogLine({ ...line, object: loggedObject });
      pods.write(controller, [text]);
    },
    event(controller, object, input) {
      events.record(controller, object, input, undefined, pods.podName(controller) ?? '');
    },
    uuid: () => randomUuid(ctx.random),
    canReconcile: (controller) => isFluxControllerUp(ctx, controller),
  };
  const engine = new ReconcileEngine(ctx, services, [
    ...sourceHandlers(ctx),
    kustomizationHandler(ctx, faults),
    helmReleaseHandler(ctx, faults, releases),
    receiverHandler(),
    imageRepositoryHandler(),
    imagePolicyHandler(ctx),
    imageUpdateAutomationHandler(ctx),
    fluxInstanceHandler(ctx, faults),
    resourceSetHandler(ctx, faults),
    inputProviderHandler(ctx, faults),
    fluxReportHandler(ctx),
  ]);
  const stopFixes = faults.onFix((ref, fault) => {
    if (fault.fixedByCommit) pushFixCommit(ctx, ref);
  });
  // One subscription for everything (the store copies each event per listener).
  const up = new Map(SIM_RECONCILERS.map((c) => [c, isFluxControllerUp(ctx, c)] as const));
  const unsubscribe = ctx.store.subscribe((event) => {
    releases.onStoreEvent(event);
    pods.onStoreEvent(event);
    engine.onStoreEvent(event);
    if (event.resource !== CORE_RESOURCES.deployments) return;
    for (const controller of SIM_RECONCILERS) {
      const now = isFluxControllerUp(ctx, controller);
      if (now && !up.get(controller)) setImmediate(() => engine.wake(controller));
      up.set(controller, now);
    }
  });
  engine.start();
  events.startExpiry();
  const crashLoops = new CrashLoops(ctx);
  crashLoops.start();
  return {
    faults,
    fixFault: (ref) => faults.fix(ref),
    setFault: (ref, fault) => faults.set(ref, fault),
    stop() {
      unsubscribe();
      stopFixes();
      engine.stop();
      events.stop();
      pods.stop();
      crashLoops.stop();
    },
    restartPod: (controller, mode) => pods.restart(controller, mode),
    idle: (withinMs) => engine.idle(withinMs),
  };
}

/** "Fixed in Git": a new commit on the branch the object's GitRepository follows; Flux sees it on its next fetch. */
function pushFixCommit(ctx: SimContext, ref: ObjectRef): void {
  const info = kindInfo(ref.kind);
  const object = ctx.store.get(resourceIdOf(info), ref.namespace, ref.name);
  if (!object || getStr(object, 'spec', 'sourceRef', 'kind') !== 'GitRepository') return;
  const sourceNs = getStr(object, 'spec', 'sourceRef', 'namespace') || ref.namespace;
  const git = ctx.store.get(
    resourceIdOf(kindInfo('GitRepository')),
    sourceNs,
    getStr(object, 'spec', 'sourceRef', 'name'),
  );
  if (!git) return;
  const branch = getStr(git, 'spec', 'ref', 'branch') || getStr(git, 'spec', 'ref', 'tag') || 'master';
  gitRemotesOf(ctx.store).push(getStr(git, 'spec', 'url'), branch, `fix(${ref.name}): repair invalid YAML`);
}
