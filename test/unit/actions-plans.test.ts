import { describe, expect, it } from 'vitest';
import { formatCommand } from '../../src/actions/commands.js';
import { buildFixChainPlan } from '../../src/actions/fix-chain.js';
import { buildClearLockPlan, initialClearLockOptions } from '../../src/actions/helm-lock.js';
import { buildReconcilePlan, initialOptions } from '../../src/actions/reconcile.js';
import { buildResumePlan } from '../../src/actions/resume.js';
import { buildRollbackPlan, initialRollbackOptions } from '../../src/actions/rollback.js';
import { buildSuspendPlan } from '../../src/actions/suspend.js';
import {
  type ActionOptions,
  DEFAULT_OPTIONS,
  type HelmFacts,
  type TargetFacts,
} from '../../src/actions/types.js';
import { buildWithSourcePlan } from '../../src/actions/with-source.js';
import type { KindName } from '../../src/flux/kinds.js';
import { deriveRow } from '../../src/flux/status.js';
import type { HelmReleaseRevision, ObjectRef, StatusRow } from '../../src/flux/types.js';
import type { ClusterInfo } from '../../src/kube/port.js';

const info: ClusterInfo = {
  context: 'prod-eu',
  cluster: 'prod-eu-1',
  server: 'https://127.0.0.1:6443',
  user: 'alice',
  namespace: undefined,
  kubeconfigPath: '/tmp/kc.yaml',
};
const tail = (ns: string) => ['-n', ns, '--context', 'prod-eu', '--kubeconfig', '/tmp/kc.yaml'];
const lines = (plan: { commands: readonly { file: string; args: readonly string[] }[] }) =>
  plan.commands.map(formatCommand);

const hr: ObjectRef = { kind: 'HelmRelease', namespace: 'kyverno', name: 'kyverno' };
const ks: ObjectRef = { kind: 'Kustomization', namespace: 'flux-system', name: 'apps' };
const git: ObjectRef = { kind: 'GitRepository', namespace: 'flux-system', name: 'sre-platform' };

function facts(ref: ObjectRef, suspended = false, annotations: Record<string, string> = {}): TargetFacts {
  return {
    ref,
    suspended,
    raw: {
      metadata: { name: ref.name, namespace: ref.namespace, annotations },
      spec: { suspend: suspended },
    },
  };
}

const opts = (over: Partial<ActionOptions> = {}): ActionOptions => ({ ...DEFAULT_OPTIONS, ...over });

describe('reconcile plan', () => {
  it('reconciles a HelmRelease with force and reset as flags, and says what they do', () => {
    const plan = buildReconcilePlan(info, [facts(hr)], opts({ force: true, reset: true }));
    expect(plan.title).toBe('Reconcile HelmRelease kyverno/kyverno');
    expect(plan.commands).toEqual([
      {
        file: 'flux',
        args: ['reconcile', 'helmrelease', 'kyverno', '--force', '--reset', ...tail('kyverno')],
      },
    ]);
    expect(plan.warnings).toEqual([
      'force runs a Helm upgrade even when nothing changed (hooks and tests run again).',
      'reset clears the failure counters: an exhausted release retries its install/upgrade again.',
    ]);
    expect(plan.optionSpecs.map((o) => o.id)).toEqual(['force', 'reset']);
    expect(plan.steps).toEqual([
      'Request a reconcile of HelmRelease kyverno/kyverno (requestedAt + forceAt + resetAt = a fresh token); wait until helm-controller has handled it, then read Ready.',
    ]);
    expect(plan).toMatchObject({ context: 'prod-eu', cluster: 'prod-eu-1', namespace: 'kyverno' });
  });

  it('preselects reset for a stalled HelmRelease, and warns when it is turned off', () => {
    const stalled: TargetFacts = {
      ref: hr,
      suspended: false,
      raw: {
        status: {
          conditions: [{ type: 'Stalled', status: 'True', reason: 'RetriesExceeded', message: 'x' }],
        },
      },
    };
    expect(initialOptions([stalled], DEFAULT_OPTIONS).reset).toBe(true);
    expect(initialOptions([facts(hr)], DEFAULT_OPTIONS).reset).toBe(false);
    expect(buildReconcilePlan(info, [stalled], DEFAULT_OPTIONS).warnings).toEqual([
      'HelmRelease kyverno/kyverno is stalled (retries exhausted): without reset it will not try again.',
    ]);
  });

  it('offers no force/reset for other kinds and uses the flux command words of the kind', () => {
    const plan = buildReconcilePlan(info, [facts(git)], opts({ force: true }));
    expect(lines(plan)).toEqual([
      'flux reconcile source git sre-platform -n flux-system --context prod-eu --kubeconfig /tmp/kc.yaml',
    ]);
    expect(plan.optionSpecs).toEqual([]);
    expect(plan.warnings).toEqual([]);
  });

  it('resumes and reconciles a suspended object instead, saying who suspended it and why', () => {
    const plan = buildReconcilePlan(
      info,
      [
        facts(ks, true, {
          'fluxcd.controlplane.io/suspendedBy': 'bob',
          'fluxdeck.dev/suspended-reason': 'bad YAML',
        }),
      ],
      DEFAULT_OPTIONS,
    );
    expect(plan.title).toBe('Resume and reconcile Kustomization flux-system/apps');
    expect(lines(plan)).toEqual([
      'kubectl annotate kustomization apps fluxcd.controlplane.io/suspendedBy- fluxdeck.dev/suspended-reason- -n flux-system --context prod-eu --kubeconfig /tmp/kc.yaml',
      'flux resume kustomization apps -n flux-system --context prod-eu --kubeconfig /tmp/kc.yaml',
    ]);
    expect(plan.warnings).toEqual([
      'Kustomization flux-system/apps is suspended by bob (reason: bad YAML): Flux ignores reconcile requests on suspended objects, so it will be resumed and reconciled.',
    ]);
  });

  it('makes one plan over several marked objects', () => {
    const plan = buildReconcilePlan(info, [facts(hr), facts(ks)], DEFAULT_OPTIONS);
    expect(plan.title).toBe('Reconcile 2 objects');
    expect(plan.targets).toEqual([hr, ks]);
    expect(plan.namespace).toBe('kyverno, flux-system');
    expect(plan.commands).toHaveLength(2);
  });

  it('leaves --kubeconfig out when the kubeconfig is a KUBECONFIG list', () => {
    const plan = buildReconcilePlan({ ...info, kubeconfigPath: '/a:/b' }, [facts(git)], DEFAULT_OPTIONS);
    expect(lines(plan)).toEqual(['flux reconcile source git sre-platform -n flux-system --context prod-eu']);
  });
});

describe('suspend and resume plans', () => {
  it('records who and why as annotations, quoting the reason for the shell', () => {
    const plan = buildSuspendPlan(info, [facts(hr)], opts({ reason: 'Git broken' }), {
      who: 'alice',
      resumeHint: 'resume it with u',
    });
    expect(lines(plan)).toEqual([
      'flux suspend helmrelease kyverno -n kyverno --context prod-eu --kubeconfig /tmp/kc.yaml',
      "kubectl annotate helmrelease kyverno fluxcd.controlplane.io/suspendedBy=alice 'fluxdeck.dev/suspended-reason=Git broken' --overwrite -n kyverno --context prod-eu --kubeconfig /tmp/kc.yaml",
    ]);
    expect(plan.warnings).toEqual([
      'While suspended, kyverno receives nothing from Git, fixes included: resume it with u when done.',
    ]);
    expect(plan.optionSpecs).toEqual([
      { id: 'reason', type: 'text', label: 'reason (recorded on the object)' },
    ]);
  });

  it('resume clears the annotations and warns when the object is not suspended', () => {
    const plan = buildResumePlan(info, [facts(hr, false)], DEFAULT_OPTIONS);
    expect(lines(plan)).toEqual([
      'kubectl annotate helmrelease kyverno fluxcd.controlplane.io/suspendedBy- fluxdeck.dev/suspended-reason- -n kyverno --context prod-eu --kubeconfig /tmp/kc.yaml',
      'flux resume helmrelease kyverno -n kyverno --context prod-eu --kubeconfig /tmp/kc.yaml',
    ]);
    expect(plan.warnings).toEqual([
      'HelmRelease kyverno/kyverno is not suspended: this only requests a reconcile.',
    ]);
  });
});

function revision(n: number, status: string, version: string): HelmReleaseRevision {
  return {
    releaseName: 'kyverno',
    namespace: 'kyverno',
    revision: n,
    status,
    chartName: 'kyverno',
    chartVersion: version,
    appVersion: '',
    description: '',
    firstDeployed: '',
    lastDeployed: '',
    secretName: `sh.helm.release.v1.kyverno.v${n}`,
  };
}

const kyvernoHelm: HelmFacts = {
  releaseName: 'kyverno',
  releaseNamespace: 'kyverno',
  storageNamespace: 'kyverno',
  history: [
    revision(4, 'failed', '3.3.0'),
    revision(3, 'deployed', '3.2.1'),
    revision(2, 'superseded', '3.2.0'),
  ],
};
const wording = { who: 'alice', resumeHint: 'resume it with u' };

describe('rollback plan', () => {
  it('preselects the last good revision: suspend, helm rollback, resume — with the Git warning', () => {
    const plan = buildRollbackPlan(info, facts(hr), kyvernoHelm, DEFAULT_OPTIONS, wording);
    expect(plan.refusal).toBeUndefined();
    expect(plan.options.revision).toBe(3);
    expect(plan.title).toBe('Roll back HelmRelease kyverno/kyverno to revision 3');
    expect(lines(plan)).toEqual([
      'flux suspend helmrelease kyverno -n kyverno --context prod-eu --kubeconfig /tmp/kc.yaml',
      "kubectl annotate helmrelease kyverno fluxcd.controlplane.io/suspendedBy=alice 'fluxdeck.dev/suspended-reason=helm rollback to revision 3' --overwrite -n kyverno --context prod-eu --kubeconfig /tmp/kc.yaml",
      'helm rollback kyverno 3 -n kyverno --kubeconfig /tmp/kc.yaml --kube-context prod-eu',
      'kubectl annotate helmrelease kyverno fluxcd.controlplane.io/suspendedBy- fluxdeck.dev/suspended-reason- -n kyverno --context prod-eu --kubeconfig /tmp/kc.yaml',
      'flux resume helmrelease kyverno -n kyverno --context prod-eu --kubeconfig /tmp/kc.yaml',
    ]);
    expect(plan.warnings).toEqual([
      'Unless Git is fixed first, on resume helm-controller upgrades kyverno to the chart and values in Git again; choose "leave suspended" until it is.',
    ]);
    expect(plan.details).toEqual({
      title: 'Why revision 3',
      lines: [
        'Last good revision 3: the newest that deployed successfully (kyverno 3.2.1); revision 4 was not deployed successfully.',
      ],
    });
    const choice = plan.optionSpecs.find((o) => o.id === 'revision');
    expect(choice?.type === 'choice' && choice.choices.map((c) => c.value)).toEqual([3, 2]);
  });

  it('turns "leave suspended" on while Git still asks for what failed, and says why', () => {
    const failedUpgrade = { ...revision(4, 'failed', '3.3.0'), description: 'Upgrade "kyverno" failed: x' };
    const history = [failedUpgrade, ...kyvernoHelm.history.slice(1)];
    const same: HelmFacts = {
      ...kyvernoHelm,
      history,
      desired: {
        verdict: 'same',
        failed: failedUpgrade,
        why: 'Git still asks for kyverno 3.3.0 with the values that failed in revision 4',
      },
    };
    const options = initialRollbackOptions(same, DEFAULT_OPTIONS);
    expect(options.leaveSuspended).toBe(true);
    const plan = buildRollbackPlan(info, facts(hr), same, options, wording);
    expect(plan.warnings[0]).toBe(
      'Git still asks for kyverno 3.3.0 with the values that failed in revision 4: on resume helm-controller upgrades kyverno to the chart and values in Git, which fails again — "leave suspended" is on until Git is fixed.',
    );
    expect(plan.steps.at(-1)).toBe('Leave kyverno suspended (resume it with u once Git is fixed).');
    // Git changed: the release may resume; options the user already chose are never overridden.
    const changed: HelmFacts = {
      ...same,
      desired: {
        verdict: 'changed',
        why: 'Git now asks for chart 3.3.1; revision 4 failed with kyverno 3.3.0',
      },
    };
    expect(initialRollbackOptions(changed, DEFAULT_OPTIONS).leaveSuspended).toBe(false);
    expect(buildRollbackPlan(info, facts(hr), changed, DEFAULT_OPTIONS, wording).warnings[0]).toBe(
      'Git now asks for chart 3.3.1; revision 4 failed with kyverno 3.3.0: on resume helm-controller upgrades kyverno to the chart and values in Git after the rollback.',
    );
    expect(initialRollbackOptions(same, opts({ leaveSuspended: false })).leaveSuspended).toBe(false);
  });

  it('never preselects a failed upgrade that a failed rollback relabelled superseded', () => {
    const failedDesc = 'Upgrade "kyverno" failed: webhook';
    const history = [
      { ...revision(6, 'failed', '3.2.1'), description: 'Rollback "kyverno" failed: webhook' },
      { ...revision(5, 'superseded', '3.3.0'), description: failedDesc },
      { ...revision(4, 'failed', '3.3.0'), description: failedDesc },
      { ...revision(3, 'deployed', '3.2.1'), description: 'Upgrade complete' },
    ];
    const plan = buildRollbackPlan(info, facts(hr), { ...kyvernoHelm, history }, DEFAULT_OPTIONS, wording);
    expect(plan.options.revision).toBe(3);
    expect(plan.details?.lines[0]).toBe(
      "Last good revision 3: the newest that deployed successfully (kyverno 3.2.1, 'Upgrade complete'); revisions 4–6 were not deployed successfully; revision 5 is marked superseded, but Helm's description says it failed.",
    );
    const picked = buildRollbackPlan(
      info,
      facts(hr),
      { ...kyvernoHelm, history },
      opts({ revision: 5 }),
      wording,
    );
    expect(picked.warnings).toContain(`Revision 5 never deployed successfully (superseded: ${failedDesc}).`);
    expect(picked.details?.lines[0]).toBe('Revision 5 is your choice (the last good one is 3).');
  });

  it('rolls back to the revision the user picked and can leave the release suspended', () => {
    const plan = buildRollbackPlan(
      info,
      facts(hr),
      kyvernoHelm,
      opts({ revision: 2, leaveSuspended: true }),
      wording,
    );
    expect(lines(plan).at(-1)).toBe(
      'helm rollback kyverno 2 -n kyverno --kubeconfig /tmp/kc.yaml --kube-context prod-eu',
    );
    expect(plan.steps.at(-1)).toBe('Leave kyverno suspended (resume it with u once Git is fixed).');
  });

  it('warns that an already suspended release gets resumed at the end', () => {
    const plan = buildRollbackPlan(
      info,
      facts(hr, true, { 'fluxcd.controlplane.io/suspendedBy': 'bob' }),
      kyvernoHelm,
      DEFAULT_OPTIONS,
      wording,
    );
    expect(plan.warnings.at(-1)).toBe(
      'kyverno is already suspended (by bob): it will be resumed at the end unless you leave it suspended.',
    );
  });

  it('refuses without an earlier revision, and names that are not safe for helm', () => {
    const only = { ...kyvernoHelm, history: [revision(1, 'failed', '3.3.0')] };
    expect(buildRollbackPlan(info, facts(hr), only, DEFAULT_OPTIONS, wording).refusal).toBe(
      'Release kyverno has no earlier deployed revision to roll back to.',
    );
    const bad = { ...kyvernoHelm, releaseName: '--all' };
    expect(buildRollbackPlan(info, facts(hr), bad, DEFAULT_OPTIONS, wording).refusal).toMatch(
      /^Cannot run helm safely: the release name "--all" is not a valid Helm release name/,
    );
  });
});

describe('clear Helm lock plan', () => {
  const podinfo: ObjectRef = { kind: 'HelmRelease', namespace: 'apps', name: 'podinfo' };
  const rev = (n: number, status: string) => ({
    ...revision(n, status, '6.5.0'),
    releaseName: 'podinfo',
    namespace: 'apps',
  });
  const helm: HelmFacts = {
    releaseName: 'podinfo',
    releaseNamespace: 'apps',
    storageNamespace: 'apps',
    history: [rev(4, 'pending-upgrade'), rev(3, 'deployed')],
  };

  it('deletes only the newest pending revision, resumes a suspended release and reconciles it', () => {
    const plan = buildClearLockPlan(info, facts(podinfo, true), helm, DEFAULT_OPTIONS, 'resume it with u');
    expect(lines(plan)).toEqual([
      'kubectl delete secret sh.helm.release.v1.podinfo.v4 -n apps --context prod-eu --kubeconfig /tmp/kc.yaml',
      'kubectl annotate helmrelease podinfo fluxcd.controlplane.io/suspendedBy- fluxdeck.dev/suspended-reason- -n apps --context prod-eu --kubeconfig /tmp/kc.yaml',
      'flux resume helmrelease podinfo -n apps --context prod-eu --kubeconfig /tmp/kc.yaml',
      'flux reconcile helmrelease podinfo -n apps --context prod-eu --kubeconfig /tmp/kc.yaml',
    ]);
    expect(plan.warnings).toEqual([
      "podinfo was suspended by someone who left no name: resuming is ON — lift someone else's suspension only if they agree.",
      'Current helm-controllers (Flux 2.2+) unlock a stale pending release by themselves: deleting the Secret is for suspended releases and for locks left by the Helm CLI or other tools. Make sure no Helm operation is really running.',
    ]);
    expect(plan.details?.lines).toEqual([
      'v4 pending-upgrade — kyverno 6.5.0',
      'v3 deployed — kyverno 6.5.0',
    ]);
  });

  it('opens with resuming off for a suspension someone else made, on for one the acting user made', () => {
    const suspendedBy = (by: string) => ({
      ...facts(podinfo, true),
      raw: {
        metadata: {
          annotations: {
            'fluxcd.controlplane.io/suspendedBy': by,
            'fluxdeck.dev/suspended-reason': 'db migration',
          },
        },
      },
    });
    expect(initialClearLockOptions(suspendedBy('jane'), 'oncall', DEFAULT_OPTIONS).resume).toBe(false);
    expect(initialClearLockOptions(facts(podinfo, true), 'oncall', DEFAULT_OPTIONS).resume).toBe(false);
    expect(initialClearLockOptions(suspendedBy('oncall'), 'oncall', DEFAULT_OPTIONS).resume).toBe(true);
    // A choice the user made in the dialog stands.
    expect(initialClearLockOptions(suspendedBy('jane'), 'oncall', opts({ resume: true })).resume).toBe(true);
    const plan = buildClearLockPlan(
      info,
      suspendedBy('jane'),
      helm,
      opts({ resume: false }),
      'resume it with u',
      'oncall',
    );
    expect(plan.warnings[0]).toBe(
      'podinfo was suspended by jane ("db migration"): it stays suspended unless you turn on resuming (only if they agree).',
    );
    const mine = buildClearLockPlan(
      info,
      suspendedBy('oncall'),
      helm,
      DEFAULT_OPTIONS,
      'resume it with u',
      'oncall',
    );
    expect(mine.warnings[0]).toBe('podinfo was suspended by you (oncall) ("db migration").');
  });

  it('without consent to resume, only deletes the lock', () => {
    const plan = buildClearLockPlan(
      info,
      facts(podinfo, true),
      helm,
      opts({ resume: false }),
      'resume it with u',
    );
    expect(plan.commands).toHaveLength(1);
    expect(plan.steps.at(-1)).toBe(
      'Leave podinfo suspended: Flux will not reconcile it until it is resumed (resume it with u).',
    );
  });

  it('refuses when there is no pending revision', () => {
    const plan = buildClearLockPlan(
      info,
      facts(podinfo),
      { ...helm, history: [rev(3, 'deployed')] },
      DEFAULT_OPTIONS,
      '',
    );
    expect(plan.refusal).toBe(
      'Release podinfo has no pending-install, pending-upgrade or pending-rollback revision (newest: v3 deployed — kyverno 6.5.0): there is no Helm lock to clear.',
    );
    expect(plan.commands).toEqual([]);
  });
});

function hrRow(
  name: string,
  ready: 'True' | 'False',
  reason: string,
  deps: string[],
  stalled = false,
): StatusRow {
  const raw = {
    apiVersion: 'helm.toolkit.fluxcd.io/v2',
    kind: 'HelmRelease',
    metadata: { name, namespace: name, generation: 1 },
    spec: { dependsOn: deps.map((d) => ({ name: d, namespace: d })) },
    status: {
      observedGeneration: 1,
      conditions: [
        {
          type: 'Ready',
          status: ready,
          reason,
          message: `${name} ${reason}`,
          lastTransitionTime: '2026-01-15T09:00:00Z',
        },
        ...(stalled ? [{ type: 'Stalled', status: 'True', reason: 'RetriesExceeded', message: 'x' }] : []),
      ],
    },
  };
  const row = deriveRow('HelmRelease' as KindName, raw, 0);
  if (!row) throw new Error('no row');
  return row;
}

describe('fix chain plan', () => {
  const rows = [
    hrRow('cert-manager', 'True', 'UpgradeSucceeded', []),
    hrRow('kyverno', 'False', 'UpgradeFailed', ['cert-manager'], true),
    hrRow('monitoring', 'False', 'DependencyNotReady', ['kyverno']),
    hrRow('logging', 'False', 'DependencyNotReady', ['monitoring']),
  ];
  const ref = (name: string): ObjectRef => ({ kind: 'HelmRelease', namespace: name, name });

  it('from a blocked object: root first with reset (stalled), then each dependent down to it', () => {
    const plan = buildFixChainPlan(info, rows, ref('logging'), DEFAULT_OPTIONS);
    expect(plan.targets).toEqual([ref('kyverno'), ref('monitoring'), ref('logging')]);
    expect(lines(plan)).toEqual([
      'flux reconcile helmrelease kyverno --reset -n kyverno --context prod-eu --kubeconfig /tmp/kc.yaml',
      'flux reconcile helmrelease monitoring -n monitoring --context prod-eu --kubeconfig /tmp/kc.yaml',
      'flux reconcile helmrelease logging -n logging --context prod-eu --kubeconfig /tmp/kc.yaml',
    ]);
    expect(plan.title).toBe('Fix the dependency chain of HelmRelease logging/logging from its root kyverno');
    expect(plan.steps[0]).toBe(
      'Reconcile HelmRelease kyverno/kyverno with reset (retries exhausted) — the root, now Stalled (UpgradeFailed); wait until it is Ready.',
    );
    expect(plan.steps[1]).toBe(
      'Then reconcile HelmRelease monitoring/monitoring, now Waiting (DependencyNotReady); wait until it is Ready.',
    );
  });

  it('from the root: the root, then what it blocks in dependency order', () => {
    const plan = buildFixChainPlan(info, rows, ref('kyverno'), DEFAULT_OPTIONS);
    expect(plan.targets.map((r) => r.name)).toEqual(['kyverno', 'monitoring', 'logging']);
  });

  it('refuses on a Ready object', () => {
    expect(buildFixChainPlan(info, rows, ref('cert-manager'), DEFAULT_OPTIONS).refusal).toBe(
      'HelmRelease cert-manager/cert-manager is Ready: there is no blocked chain to fix.',
    );
  });
});

describe('reconcile with source plan', () => {
  it('a HelmRelease from spec.chart: the chart source, the HelmChart, then the release', () => {
    const podinfo: ObjectRef = { kind: 'HelmRelease', namespace: 'apps', name: 'podinfo' };
    const repo: ObjectRef = { kind: 'HelmRepository', namespace: 'flux-system', name: 'podinfo' };
    const chart: ObjectRef = { kind: 'HelmChart', namespace: 'flux-system', name: 'apps-podinfo' };
    const plan = buildWithSourcePlan(
      info,
      [facts(podinfo)],
      new Map([['HelmRelease/apps/podinfo', [repo, chart]]]),
      DEFAULT_OPTIONS,
    );
    expect(plan.facts.chain?.map((l) => l.ref)).toEqual([repo, chart, podinfo]);
    expect(lines(plan)).toEqual([
      'flux reconcile helmrelease podinfo --with-source -n apps --context prod-eu --kubeconfig /tmp/kc.yaml',
    ]);
    expect(plan.steps).toEqual([
      'Reconcile HelmRepository flux-system/podinfo (source); wait until it has handled the request and is Ready.',
      'Reconcile HelmChart flux-system/apps-podinfo (source); wait until it has handled the request and is Ready.',
      'Reconcile HelmRelease apps/podinfo; wait until it has handled the request and is Ready.',
    ]);
  });

  it('reconciles a source shared by several targets once', () => {
    const a: ObjectRef = { kind: 'Kustomization', namespace: 'flux-system', name: 'a' };
    const b: ObjectRef = { kind: 'Kustomization', namespace: 'flux-system', name: 'b' };
    const plan = buildWithSourcePlan(
      info,
      [facts(a), facts(b)],
      new Map([
        ['Kustomization/flux-system/a', [git]],
        ['Kustomization/flux-system/b', [git]],
      ]),
      DEFAULT_OPTIONS,
    );
    expect(plan.facts.chain?.map((l) => l.ref.name)).toEqual(['sre-platform', 'a', 'b']);
  });
});
