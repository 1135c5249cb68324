// `fluxdeck status -o json` derives its objects without building console rows (status-object.ts). Whatever
// an object holds, the document must say exactly what the console's row says: every object of the seeded
// scenarios (current and legacy Flux, the malformed ones included) and hostile variants of them.
import { describe, expect, it } from 'vitest';
import { KINDS, type KindName } from '../../src/flux/kinds.js';
import { deriveRow } from '../../src/flux/status.js';
import { deriveStatusObject } from '../../src/flux/status-object.js';
import type { ObjectRef, StatusRow } from '../../src/flux/types.js';
import { createVirtualClock } from '../../src/sim/clock.js';
import { MemoryPodLogs } from '../../src/sim/pod-logs.js';
import { mulberry32, seededUuid } from '../../src/sim/random.js';
import { resourceIdOf } from '../../src/sim/resources.js';
import { seedMalformedObjects, seedScenario } from '../../src/sim/scenario/index.js';
import { MemoryStore } from '../../src/sim/store.js';
import type { ScenarioName } from '../../src/sim/types.js';

/** The document's object as it was printed from a console row before status-object.ts existed. */
function fromRow(row: StatusRow) {
  const ref = (r: ObjectRef) => ({ kind: r.kind, namespace: r.namespace, name: r.name });
  return {
    kind: row.ref.kind,
    apiVersion: row.apiVersion,
    namespace: row.ref.namespace,
    name: row.ref.name,
    ready: row.ready,
    health: row.health,
    reason: row.reason,
    message: row.message,
    revision: row.revision,
    suspended: row.suspended,
    reconciling: row.reconciling,
    stalled: row.stalled,
    failingSince: row.failingSince,
    failingSinceLowerBound: row.failingSinceLowerBound,
    lastTransitionTime: row.lastTransitionTime,
    lastHandledReconcileAt: row.lastHandledReconcileAt,
    dependsOn: row.dependsOn.map(ref),
    source: row.source ? ref(row.source) : null,
  };
}

function expectSame(kind: KindName, raw: unknown): void {
  const row = deriveRow(kind, raw, 0);
  const object = deriveStatusObject(kind, raw);
  if (!row) {
    expect(object).toBeUndefined();
    return;
  }
  // Printed, so that field order counts too.
  expect(JSON.stringify(object)).toBe(JSON.stringify(fromRow(row)));
}

function seeded(scenario: ScenarioName, objects: number, fluxVersions: 'current' | 'legacy') {
  const clock = createVirtualClock();
  const store = new MemoryStore(clock, { uid: () => seededUuid(mulberry32(7)) });
  const ctx = { store, clock, logs: new MemoryPodLogs(clock), random: mulberry32(3), fluxVersions };
  seedScenario(ctx, { scenario, objects });
  seedMalformedObjects(ctx);
  return KINDS.flatMap((k) =>
    store.list(resourceIdOf(k)).map((raw) => ({ kind: k.kind, raw: structuredClone(raw) as unknown })),
  );
}

const sha = '0123456789abcdef0123456789abcdef01234567';

/** Variants a hostile or broken object could take, each made from a real object. */
function variants(raw: unknown): unknown[] {
  const o = raw as { metadata?: Record<string, unknown>; status?: Record<string, unknown>; spec?: unknown };
  const conditions = Array.isArray(o.status?.['conditions'])
    ? (o.status['conditions'] as Record<string, unknown>[])
    : [];
  const withConditions = (list: unknown) => ({ ...o, status: { ...o.status, conditions: list } });
  const ready = conditions.find((c) => c?.['type'] === 'Ready') ?? { type: 'Ready', status: 'False' };
  return [
    withConditions([{ ...ready, type: 'Rea\u200bdy' }]),
    withConditions([{ ...ready, type: 'Ready\x1b[31m', message: `red \x1b[31m${sha}\x1b[0m\nnext` }]),
    withConditions([
      { ...ready, message: `é ${'x'.repeat(2500)}` },
      { ...ready, status: 'True' },
    ]),
    withConditions([{ ...ready, message: 'y'.repeat(25_000), reason: 42, lastTransitionTime: 'yesterday' }]),
    withConditions([null, 'Ready', [ready], { status: 'True' }, { ...ready, status: 'true' }]),
    withConditions([
      ...Array.from({ length: 64 }, () => ({ type: 'Healthy', status: 'True' })),
      { ...ready, status: 'True' },
    ]),
    withConditions([
      { type: 'Stalled', status: 'True', reason: 'x' },
      { type: 'Reconciling', status: 'True', reason: 'Progressing' },
      { ...ready, status: 'Unknown', observedGeneration: 99 },
      { ...ready, status: 'True' },
    ]),
    withConditions('Ready'),
    { ...o, status: 'broken' },
    { ...o, status: { ...o.status, observedGeneration: 'one', lastHandledReconcileAt: `\u202e${sha}` } },
    {
      ...o,
      metadata: { ...o.metadata, name: `a\u0007b`, namespace: 7, generation: Number.POSITIVE_INFINITY },
    },
    { ...o, metadata: { ...o.metadata, name: 'n'.repeat(300) } },
    { ...o, metadata: { ...o.metadata, name: 12 } },
    { ...o, apiVersion: ['x'] },
    {
      ...o,
      spec: {
        ...(o.spec as object),
        dependsOn: [{ name: 'a' }, { name: 'a' }, 'b', { name: 'c', namespace: 'x' }],
      },
    },
    { ...o, spec: { ...(o.spec as object), dependsOn: 'a' } },
    { ...o, spec: { ...(o.spec as object), suspend: true } },
    { ...o, spec: null },
    null,
    [],
  ];
}

describe('deriveStatusObject', () => {
  it.each([
    ['runbook', 0, 'current'],
    ['runbook', 300, 'current'],
    ['runbook', 0, 'legacy'],
  ] as const)(
    'matches the console row for every object of the %s scenario (+%i, %s Flux)',
    (scenario, n, versions) => {
      const objects = seeded(scenario, n, versions);
      expect(objects.length).toBeGreaterThan(50);
      for (const { kind, raw } of objects) expectSame(kind, raw);
    },
  );

  it('matches the console row for hostile variants of every kind', () => {
    const objects = seeded('runbook', 0, 'current');
    const byKind = new Map(objects.map((o) => [o.kind, o.raw]));
    expect(byKind.size).toBeGreaterThan(10);
    for (const [kind, raw] of byKind) for (const variant of variants(raw)) expectSame(kind, variant);
  });

  it('prints a Kustomization as the document says', () => {
    const raw = {
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      metadata: { name: 'apps', namespace: 'flux-system', generation: 2 },
      spec: { sourceRef: { kind: 'GitRepository', name: 'repo' }, dependsOn: [{ name: 'infra' }] },
      status: {
        observedGeneration: 2,
        lastAppliedRevision: `main@sha1:${sha}`,
        conditions: [
          {
            type: 'Ready',
            status: 'False',
            reason: 'BuildFailed',
            message: `kustomize build failed at main@sha1:${sha}`,
            lastTransitionTime: '2026-01-02T03:04:05Z',
          },
        ],
      },
    };
    expect(deriveStatusObject('Kustomization', raw)).toEqual({
      kind: 'Kustomization',
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      namespace: 'flux-system',
      name: 'apps',
      ready: 'False',
      health: 'Failed',
      reason: 'BuildFailed',
      message: 'kustomize build failed at main@sha1:01234567',
      revision: 'main@sha1:01234567',
      suspended: false,
      reconciling: false,
      stalled: false,
      failingSince: '2026-01-02T03:04:05Z',
      failingSinceLowerBound: true,
      lastTransitionTime: '2026-01-02T03:04:05Z',
      lastHandledReconcileAt: '',
      dependsOn: [{ kind: 'Kustomization', namespace: 'flux-system', name: 'infra' }],
      source: { kind: 'GitRepository', namespace: 'flux-system', name: 'repo' },
    });
  });
});
