// Whether a Flux controller can answer a request: its Deployment in flux-system and that Deployment's pods
// (docs/reconcile-protocol.md, "Who answers"). A reconcile request is only an annotation; with no controller
// running nothing ever handles it, and an action that waits for the answer would wait for its whole timeout.
import { FLUX_SYSTEM_NAMESPACE } from './kinds.js';

/** A controller Deployment as the console reads it (src/kube/controllers.ts). */
export interface ControllerDeployment {
  /** The Deployment's name. */
  readonly name: string;
  /** The controller it runs: the pod template's `app` label, else the Deployment's name. */
  readonly controller: string;
  /** spec.replicas (the API defaults it to 1). */
  readonly replicas: number;
  readonly readyReplicas: number;
}

/** What the health check needs of a controller pod. */
export interface ControllerPodFacts {
  readonly controller: string;
  readonly ready: boolean;
  /** e.g. CrashLoopBackOff; empty when running. */
  readonly waitingReason: string;
}

/** What the console could read of the Deployments: `ready` once listed, else why not. */
export type DeploymentsRead =
  | { readonly phase: 'ready'; readonly items: readonly ControllerDeployment[] }
  | { readonly phase: 'loading' }
  | { readonly phase: 'unreadable'; readonly why: string };

export type ControllerHealth =
  | {
      readonly state: 'running';
      readonly controller: string;
      readonly ready: number;
      readonly desired: number;
    }
  | {
      readonly state: 'not-ready';
      readonly controller: string;
      readonly ready: number;
      readonly desired: number;
      /** The waiting reason of one of its pods (CrashLoopBackOff, ImagePullBackOff), or ''. */
      readonly podReason: string;
    }
  | { readonly state: 'scaled-to-zero'; readonly controller: string }
  | { readonly state: 'absent'; readonly controller: string }
  | { readonly state: 'unknown'; readonly controller: string; readonly why: string };

export function controllerHealth(
  controller: string,
  deployments: DeploymentsRead,
  pods: readonly ControllerPodFacts[],
): ControllerHealth {
  if (deployments.phase === 'loading') return { state: 'unknown', controller, why: 'not read yet' };
  if (deployments.phase === 'unreadable') return { state: 'unknown', controller, why: deployments.why };
  const found = deployments.items.filter((d) => d.controller === controller || d.name === controller);
  if (found.length === 0) return { state: 'absent', controller };
  const desired = found.reduce((n, d) => n + d.replicas, 0);
  if (desired === 0) return { state: 'scaled-to-zero', controller };
  const ready = found.reduce((n, d) => n + d.readyReplicas, 0);
  if (ready > 0) return { state: 'running', controller, ready, desired };
  const podReason =
    pods.find((p) => p.controller === controller && p.waitingReason !== '')?.waitingReason ?? '';
  return { state: 'not-ready', controller, ready, desired, podReason };
}

/** Absent or scaled to zero: a request sent now is handled by nobody until someone acts on the cluster. */
export function isControllerMissing(health: ControllerHealth): boolean {
  return health.state === 'absent' || health.state === 'scaled-to-zero';
}

/** Cannot answer now: missing, or no pod ready. */
export function isControllerDown(health: ControllerHealth): boolean {
  return isControllerMissing(health) || health.state === 'not-ready';
}

/** The controller's state in a few words, for a progress line: `0 of 1 ready, CrashLoopBackOff`. */
export function controllerStateText(health: ControllerHealth): string {
  switch (health.state) {
    case 'running':
      return `${health.controller} running (${health.ready} of ${health.desired} ready)`;
    case 'not-ready': {
      const why = health.podReason ? `, ${health.podReason}` : '';
      return `${health.controller} not ready (${health.ready} of ${health.desired} ready${why})`;
    }
    case 'scaled-to-zero':
      return `${health.controller} scaled to zero`;
    case 'absent':
      return `no ${health.controller} in ${FLUX_SYSTEM_NAMESPACE}`;
    case 'unknown':
      return `${health.controller} state unknown (${health.why})`;
  }
}

/**
 * The dialog's warning when the controller that must answer cannot: what is wrong, what it means for this
 * request, and what to do. undefined when it runs or its state is unknown (no warning on a guess).
 */
export function controllerWarning(health: ControllerHealth): string | undefined {
  const c = health.controller;
  const scale = `kubectl -n ${FLUX_SYSTEM_NAMESPACE} scale deployment ${c} --replicas=1`;
  switch (health.state) {
    case 'absent':
      return `No ${c} Deployment in ${FLUX_SYSTEM_NAMESPACE}: nothing will handle this request. The change is written, but no controller acts on it until ${c} is installed (flux check lists what is missing).`;
    case 'scaled-to-zero':
      return `${c} is scaled to zero: nothing will handle this request until it runs again (${scale}).`;
    case 'not-ready': {
      const why = health.podReason ? ` (${health.podReason})` : '';
      return `${c} has no ready pod${why}: the request waits until it runs; its logs say why it does not.`;
    }
    default:
      return undefined;
  }
}

/** Why an action stopped waiting at once: the sentence of its outcome when the controller is missing. */
export function controllerMissingOutcome(health: ControllerHealth, what: string): string {
  const c = health.controller;
  const state =
    health.state === 'scaled-to-zero'
      ? `${c} is scaled to zero`
      : `there is no ${c} in ${FLUX_SYSTEM_NAMESPACE}`;
  return `${what} was sent, but ${state}: nothing will handle it. Start the controller, then reconcile again.`;
}

/**
 * The header's banner when the Deployments were read and no Flux controller runs at all: nothing reconciles,
 * so every status shown is what the controllers last wrote. undefined otherwise.
 */
export function noControllersBanner(
  deployments: DeploymentsRead,
  pods: readonly ControllerPodFacts[],
): string | undefined {
  if (deployments.phase !== 'ready') return undefined;
  if (deployments.items.length === 0) {
    return `no Flux controllers in ${FLUX_SYSTEM_NAMESPACE}: nothing reconciles — statuses are what the controllers last wrote`;
  }
  const controllers = [...new Set(deployments.items.map((d) => d.controller))];
  const healths = controllers.map((c) => controllerHealth(c, deployments, pods));
  if (!healths.every(isControllerMissing)) return undefined;
  return `every Flux controller in ${FLUX_SYSTEM_NAMESPACE} is scaled to zero: nothing reconciles — statuses are what the controllers last wrote`;
}

/** What the header needs of a controller pod to say what is wrong with it. */
export interface ControllerPodProblemFacts extends ControllerPodFacts {
  readonly name: string;
  readonly restarts: number;
  readonly lastTermination?: { readonly reason: string; readonly exitCode: number | undefined };
}

/** Waiting reasons of a container that is simply starting: nothing to escalate. */
const STARTING = new Set(['', 'ContainerCreating', 'PodInitializing']);

/**
 * What is wrong with a controller pod in a few words (`CrashLoopBackOff (last OOMKilled, 5 restarts)`), or undefined when nothing is: a waiting reason other than starting (CrashLoopBackOff,
 * ImagePullBackOff …), or not ready after restarts. A pod merely starting is not a problem.
 */
export function podProblem(pod: ControllerPodProblemFacts): string | undefined {
  const waiting = STARTING.has(pod.waitingReason) ? '' : pod.waitingReason;
  if (waiting === '' && (pod.ready || pod.restarts === 0)) return undefined;
  const last = pod.lastTermination;
  const ended = last?.reason || (last?.exitCode === undefined ? '' : `exit ${last.exitCode}`);
  const restarts = `${pod.restarts} ${pod.restarts === 1 ? 'restart' : 'restarts'}`;
  return `${waiting || 'not ready'} (${ended ? `last ${ended}, ` : ''}${restarts})`;
}

/**
 * The header's line when a controller pod is in trouble: `controllers: helm-controller CrashLoopBackOff
 * (last OOMKilled, 5 restarts)`, the worst first, then how many more. undefined when all are fine.
 */
export function controllerProblemBanner(pods: readonly ControllerPodProblemFacts[]): string | undefined {
  const troubled = pods
    .map((p) => ({ pod: p, problem: podProblem(p) }))
    .filter((t): t is { pod: ControllerPodProblemFacts; problem: string } => t.problem !== undefined)
    .sort((a, b) => severity(a.pod) - severity(b.pod) || b.pod.restarts - a.pod.restarts);
  const first = troubled[0];
  if (!first) return undefined;
  const more = troubled.length > 1 ? ` and ${troubled.length - 1} more` : '';
  return `controllers: ${first.pod.controller || first.pod.name} ${first.problem}${more} — escalate (:ctrl)`;
}

function severity(pod: ControllerPodFacts): number {
  if (pod.waitingReason === 'CrashLoopBackOff') return 0;
  return STARTING.has(pod.waitingReason) ? 2 : 1;
}
