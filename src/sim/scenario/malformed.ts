// Objects no controller would write, for reliability tests of the console: missing status, fields of the
// wrong type, a 1 MB message, thousands of conditions, names and messages carrying terminal escape sequences.
// Seeded on demand (not by a scenario); the controllers are expected to survive them too.
import { kindInfo } from '../../flux/kinds.js';
import { CORE_RESOURCES, resourceIdOf } from '../resources.js';
import type { SimContext, SimObject } from '../types.js';
import { apiVersionOf, createNamespace, isoSeconds } from './builders.js';

export const MALFORMED_NAMESPACE = 'malformed';

/** ESC [ 31 m … (colour), OSC 8 hyperlink, a title-setting OSC, BEL, a cursor move and a clear screen. */
export const ESCAPES = {
  sgr: '\u001b[31;1m',
  reset: '\u001b[0m',
  osc8: '\u001b]8;;https://evil.example/\u0007',
  oscTitle: '\u001b]0;pwned\u0007',
  clear: '\u001b[2J\u001b[H',
  cursorUp: '\u001b[5A',
} as const;

export function seedMalformedObjects(ctx: SimContext): SimObject[] {
  const now = ctx.clock.now();
  createNamespace(ctx, MALFORMED_NAMESPACE, now - 60_000);
  const created: SimObject[] = [];
  const add = (
    kind: 'Kustomization' | 'HelmRelease' | 'GitRepository',
    name: string,
    body: Record<string, unknown>,
  ) => {
    created.push(
      ctx.store.create(resourceIdOf(kindInfo(kind)), {
        apiVersion: apiVersionOf(ctx, kind),
        kind,
        metadata: { name, namespace: MALFORMED_NAMESPACE, creationTimestamp: isoSeconds(now - 60_000) },
        ...body,
      }),
    );
  };
  const cond = (message: string, extra: Record<string, unknown> = {}) => ({
    type: 'Ready',
    status: 'False',
    reason: 'ReconciliationFailed',
    message,
    lastTransitionTime: isoSeconds(now - 30_000),
    ...extra,
  });
  const suspended = { suspend: true };
  add('Kustomization', 'no-status', {
    spec: { interval: '10m', path: './', sourceRef: { kind: 'GitRepository', name: 'missing' } },
  });
  add('Kustomization', 'wrong-types', {
    spec: { interval: 600, suspendMe: 'yes', dependsOn: 'not-a-list', sourceRef: 'GitRepository/x' },
    status: {
      observedGeneration: '1',
      conditions: { type: 'Ready' },
      lastAppliedRevision: 42,
      inventory: 'none',
    },
  });
  add('Kustomization', 'huge-message', {
    spec: { interval: '10m', path: './', sourceRef: { kind: 'GitRepository', name: 'missing' } },
    status: {
      observedGeneration: 1,
      conditions: [cond(`kustomize build failed: ${'x'.repeat(1024 * 1024)}`)],
    },
  });
  add('HelmRelease', 'many-conditions', {
    spec: {
      interval: '5m',
      chart: { spec: { chart: 'x', sourceRef: { kind: 'HelmRepository', name: 'x' } } },
    },
    status: {
      observedGeneration: 1,
      conditions: Array.from({ length: 5000 }, (_, i) => ({
        ...cond(`condition ${i}`),
        type: i === 0 ? 'Ready' : `Custom${i}`,
      })),
      history: [{ version: 'one', status: 7 }, null, 'x'],
    },
  });
  add('HelmRelease', `escape-${'a'.repeat(8)}`, {
    metadata: {
      name: `escape-${'a'.repeat(8)}`,
      namespace: MALFORMED_NAMESPACE,
      creationTimestamp: isoSeconds(now - 60_000),
      annotations: { 'fluxcd.controlplane.io/suspendedBy': `${ESCAPES.oscTitle}mallory${ESCAPES.reset}` },
    },
    spec: {
      ...suspended,
      interval: '5m',
      chart: { spec: { chart: 'x', sourceRef: { kind: 'HelmRepository', name: 'x' } } },
    },
    status: {
      observedGeneration: 1,
      conditions: [
        cond(
          `${ESCAPES.sgr}upgrade failed${ESCAPES.reset} ${ESCAPES.osc8}click here${ESCAPES.osc8} ${ESCAPES.clear}${ESCAPES.cursorUp}\u0007done`,
        ),
      ],
    },
  });
  add('GitRepository', 'null-fields', {
    spec: { interval: null, url: null, ref: null },
    status: {
      artifact: null,
      conditions: [null, 3, { type: null }, cond('ok', { status: true, lastTransitionTime: 'yesterday' })],
    },
  });
  created.push(
    ctx.store.create(CORE_RESOURCES.events, {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'escape.1', namespace: MALFORMED_NAMESPACE },
      involvedObject: {
        kind: 'HelmRelease',
        name: `escape-${'a'.repeat(8)}`,
        namespace: MALFORMED_NAMESPACE,
      },
      reason: `${ESCAPES.sgr}Bad${ESCAPES.reset}`,
      message: `${ESCAPES.oscTitle}${ESCAPES.clear}event message`,
      type: 'Warning',
      count: 'many',
      lastTimestamp: 12,
    }),
  );
  return created;
}
