// The Flux controllers the sim runs, the kinds each reconciles, and their image tags per Flux profile.
import { type ControllerName, KINDS, type KindName } from '../../flux/kinds.js';
import type { FluxVersionProfile } from '../types.js';

export const SIM_CONTROLLERS = [
  'source-controller',
  'kustomize-controller',
  'helm-controller',
  'notification-controller',
  'image-reflector-controller',
  'image-automation-controller',
] as const satisfies readonly ControllerName[];

export type SimControllerName = (typeof SIM_CONTROLLERS)[number];

/**
 * The Flux Operator: a reconciler of the operator's kinds, seeded only by the `operator` scenario. Its
 * Deployment and pod are labelled `app.kubernetes.io/name: flux-operator` (not part-of=flux), as installed.
 */
export const FLUX_OPERATOR = 'flux-operator';
export const FLUX_OPERATOR_VERSION = 'v0.58.1';
export const FLUX_OPERATOR_IMAGE = `ghcr.io/controlplaneio-fluxcd/flux-operator:${FLUX_OPERATOR_VERSION}`;

/** Whoever reconciles a simulated kind: a Flux controller or the Flux Operator. */
export type SimReconciler = SimControllerName | typeof FLUX_OPERATOR;

/** The reconcilers whose Deployment decides whether they run (the engine waits while one is down). */
export const SIM_RECONCILERS: readonly SimReconciler[] = [...SIM_CONTROLLERS, FLUX_OPERATOR];

const IMAGE_TAGS: Readonly<Record<FluxVersionProfile, Readonly<Record<SimControllerName, string>>>> = {
  current: {
    'source-controller': 'v1.8.1',
    'kustomize-controller': 'v1.8.1',
    'helm-controller': 'v1.5.1',
    'notification-controller': 'v1.8.1',
    'image-reflector-controller': 'v1.1.1',
    'image-automation-controller': 'v1.1.1',
  },
  legacy: {
    'source-controller': 'v1.2.4',
    'kustomize-controller': 'v1.2.2',
    'helm-controller': 'v0.37.4',
    'notification-controller': 'v1.2.4',
    'image-reflector-controller': 'v0.31.2',
    'image-automation-controller': 'v0.37.1',
  },
};

export const FLUX_DISTRIBUTION_VERSION: Readonly<Record<FluxVersionProfile, string>> = {
  current: 'v2.8.3',
  legacy: 'v2.2.3',
};

export function controllerImage(controller: SimControllerName, profile: FluxVersionProfile): string {
  return `ghcr.io/fluxcd/${controller}:${IMAGE_TAGS[profile][controller]}`;
}

/** Kinds a controller reconciles (ExternalArtifact and ArtifactGenerator are not simulated). */
export function kindsOf(controller: SimReconciler): KindName[] {
  return KINDS.filter(
    (k) => k.controller === controller && k.kind !== 'ExternalArtifact' && k.kind !== 'ArtifactGenerator',
  ).map((k) => k.kind);
}

export function isSimController(name: string): name is SimControllerName {
  return (SIM_CONTROLLERS as readonly string[]).includes(name);
}

export function isSimReconciler(name: string): name is SimReconciler {
  return name === FLUX_OPERATOR || isSimController(name);
}
