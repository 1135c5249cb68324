// A fake port whose "controller" answers every merge patch at once: shared by the actions component tests.
import { type ObjectRef, objectKey } from '../../src/flux/types.js';
import type { RawObject } from '../../src/kube/port.js';
import { FakePort } from '../support/fake-port.js';

export const apps: ObjectRef = { kind: 'Kustomization', namespace: 'flux-system', name: 'apps' };

export function object(suspend: boolean, handled = '', ready = 'True'): RawObject {
  return {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name: 'apps', namespace: 'flux-system', generation: 1, annotations: {} },
    spec: { suspend },
    status: {
      observedGeneration: 1,
      lastHandledReconcileAt: handled,
      lastAppliedRevision: 'main@sha1:abc',
      conditions: [
        {
          type: 'Ready',
          status: ready,
          reason: 'ReconciliationSucceeded',
          message: 'Applied revision: main@sha1:abc',
        },
      ],
    },
  };
}

/** Applies merge patches to its objects and, like a controller, handles every reconcile request at once. */
export class AnsweringPort extends FakePort {
  readonly patches: Record<string, unknown>[] = [];

  // Optional parameters: the base class declares mergePatch() without any.
  override async mergePatch(
    ref?: ObjectRef,
    patch: Readonly<Record<string, unknown>> = {},
  ): Promise<RawObject> {
    if (!ref) throw new Error('mergePatch needs a ref');
    this.patches.push(patch);
    const current = this.objects.get(objectKey(ref)) ?? {};
    const annotations = {
      ...((current['metadata'] as { annotations?: Record<string, string> })?.annotations ?? {}),
    };
    const patchAnn =
      (patch['metadata'] as { annotations?: Record<string, string | null> } | undefined)?.annotations ?? {};
    for (const [k, v] of Object.entries(patchAnn)) {
      if (v === null) delete annotations[k];
      else annotations[k] = v;
    }
    const suspend = (patch['spec'] as { suspend?: boolean } | undefined)?.suspend;
    const token = annotations['reconcile.fluxcd.io/requestedAt'] ?? '';
    const base = object(
      suspend ?? (current['spec'] as { suspend: boolean }).suspend,
      suspend === true ? '' : token,
    );
    const next = { ...base, metadata: { ...(base['metadata'] as object), annotations } };
    this.objects.set(objectKey(ref), next);
    return next;
  }
}
