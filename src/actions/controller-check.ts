// Which Flux controller must answer an action, and whether it can (src/flux/controller-health.ts): the
// dialog warns before anything is sent, and a wait ends at once when nobody is there to answer.
import {
  type ControllerHealth,
  controllerHealth,
  controllerWarning,
  type DeploymentsRead,
} from '../flux/controller-health.js';
import { FLUX_SYSTEM_NAMESPACE, kindInfo } from '../flux/kinds.js';
import type { ObjectRef } from '../flux/types.js';
import type { ClusterSnapshot } from '../kube/port.js';
import type { ActionPlan } from './types.js';

/** The Deployments as the snapshot holds them; the last list stays usable while the watch reconnects. */
export function deploymentsRead(snapshot: ClusterSnapshot): DeploymentsRead {
  const { state, items } = snapshot.controllers;
  switch (state.phase) {
    case 'ready':
      return { phase: 'ready', items };
    case 'loading':
      return { phase: 'loading' };
    case 'disconnected':
    case 'not-served-yet':
      return items.length > 0 ? { phase: 'ready', items } : { phase: 'unreadable', why: 'disconnected' };
    case 'forbidden':
      return { phase: 'unreadable', why: `your user may not list deployments in ${FLUX_SYSTEM_NAMESPACE}` };
    case 'not-installed':
      return { phase: 'unreadable', why: 'the apps/v1 API is not served' };
  }
}

export function healthOf(snapshot: ClusterSnapshot, controller: string): ControllerHealth {
  return controllerHealth(controller, deploymentsRead(snapshot), snapshot.pods.items);
}

export function controllerOf(ref: ObjectRef): string {
  return kindInfo(ref.kind).controller;
}

/** The controllers whose answer the plan waits for, in the order it waits for them. */
export function answeringControllers(plan: ActionPlan): readonly string[] {
  const refs: readonly ObjectRef[] = (() => {
    switch (plan.action) {
      case 'suspend':
        return [];
      case 'rollback':
        // Helm itself rolls back; helm-controller answers only when the release is resumed afterwards.
        return plan.options.leaveSuspended ? [] : plan.targets;
      case 'clear-helm-lock':
        return plan.targets;
      case 'reconcile-with-source':
      case 'fix-chain':
        return plan.facts.chain?.map((link) => link.ref) ?? plan.targets;
      default:
        return plan.targets;
    }
  })();
  return [...new Set(refs.map(controllerOf))];
}

/** One warning per controller that cannot answer (absent, scaled to zero, no ready pod). */
export function controllerWarnings(plan: ActionPlan, snapshot: ClusterSnapshot): readonly string[] {
  if (plan.refusal !== undefined) return [];
  return answeringControllers(plan).flatMap((c) => controllerWarning(healthOf(snapshot, c)) ?? []);
}
