// `fluxdeck report` on the runbook scenario under the simulator's virtual clock: before the fixes (a golden
// file, reviewed: FLUXDECK_UPDATE_GOLDEN=1 rewrites it), and after a console watched the runbook's fixes
// run as the console runs them — the fixed objects recovered, the actions with their outcomes, what is
// still failing — from a fresh process that reads what the console recorded.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { planAction } from '../../src/actions/registry.js';
import { runReportCommand } from '../../src/commands/report.js';
import type { IncidentReport } from '../../src/flux/report.js';
import type { SimControllersWithFaults } from '../../src/sim/controllers/index.js';
import { openTransitionMemory } from '../../src/state/transition-journal.js';
import { CHAIN } from '../support/runbook-chain.js';
import { drive, hr, type Rig, run, startRig } from './actions-support.js';
import { capturedIo, waitForSnapshot } from './kube-helpers.js';

const GOLDEN = join(import.meta.dirname, 'golden');
let rig: Rig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

async function report(argv: string[], env: NodeJS.ProcessEnv, now: () => number) {
  const { stdout, stderr, text } = capturedIo();
  const code = await runReportCommand(argv, { stdout, stderr, env, now });
  return { code, ...text() };
}

/** The simulator listens on a free port: the one thing that differs between runs. */
function portless(text: string): string {
  return text.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT');
}

/** Instants and durations as placeholders. */
function timeless(text: string): string {
  return text
    .replace(/\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\dZ/g, '<time>')
    .replace(/\b\d+(\.\d+)?(h\d+m|m\d+s|ms|m|s|h)\b/g, '<duration>')
    .replace(/\(×\d+\)/g, '(×<n>)');
}

function golden(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  if (process.env['FLUXDECK_UPDATE_GOLDEN'] === '1') writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe('fluxdeck report on the runbook scenario', () => {
  it('before the fixes: the golden report', async () => {
    const home = mkdtempSync(join(tmpdir(), 'fluxdeck-report-'));
    const env = { HOME: home, XDG_STATE_HOME: join(home, 'state') };
    rig = await startRig({ env });
    const kubeconfig = rig.sim.kubeconfigPath;
    const now = () => rig?.sim.clock.now() ?? 0;
    const md = await report(['--kubeconfig', kubeconfig], env, now);
    expect(md.stderr).toBe('');
    expect(md.code).toBe(0);
    golden('report-runbook-before.md', portless(md.stdout));
    const json = await report(['--kubeconfig', kubeconfig, '-o', 'json'], env, now);
    const doc = JSON.parse(json.stdout) as IncidentReport;
    expect(doc.schema).toBe('fluxdeck.report/v1');
    expect(doc.rootCauses.map((r) => `${r.object} ${r.status}`)).toEqual([
      'GitRepository/flux-system/team-apps Failed',
      'HelmRelease/external-dns/external-dns Degraded',
      'HelmRelease/kyverno/kyverno Stalled',
      'Kustomization/flux-system/platform-config Failed',
      'Kustomization/flux-system/apps Degraded',
    ]);
    // What `flux get` calls Ready but whose workloads are not: the runbook's api and external-dns.
    expect(doc.summary.degraded).toBe(2);
    expect(doc.failing.find((f) => f.object === 'Kustomization/flux-system/apps')).toMatchObject({
      status: 'Degraded',
      reason: 'ImagePullBackOff',
      message: 'ImagePullBackOff: Deployment apps/api — 1 of 1 managed workload not ready',
    });
    // Markdown and JSON say the same.
    for (const f of doc.failing) expect(md.stdout).toContain(`### ${f.object}`);
  });

  it('after the fixes a console watched: recovered objects, actions and outcomes, what still fails', async () => {
    const home = mkdtempSync(join(tmpdir(), 'fluxdeck-report-'));
    const env = { HOME: home, XDG_STATE_HOME: join(home, 'state') };
    const memory = await openTransitionMemory('fluxdeck-sim', { env });
    rig = await startRig({ env, transitions: memory.recorder });
    const r = rig;
    // The console's actions: the dependency chain fixed from its root, team-apps once its credentials are.
    const chain = await planAction('fix-chain', [hr('velero')], r.ctx);
    expect((await run(r, chain)).status).toBe('succeeded');
    (r.sim.controllers as SimControllersWithFaults | undefined)?.fixFault({
      kind: 'GitRepository',
      namespace: 'flux-system',
      name: 'team-apps',
    });
    const teamApps = { kind: 'Kustomization', namespace: 'flux-system', name: 'team-apps' } as const;
    const withSource = await planAction('reconcile-with-source', [teamApps], r.ctx);
    expect((await run(r, withSource)).status).toBe('succeeded');
    await waitForSnapshot(r.port, 'velero and team-apps recovered', (s) =>
      s.transitions.some((t) => t.key === 'HelmRelease/velero/velero' && t.to.ready === 'True'),
    );
    // Where the drives left the virtual clock depends on the machine's speed: platform-config may be in
    // the middle of a retry (Ready=Unknown). Moved on to between two attempts, the report says the same
    // on every machine.
    await drive(
      r,
      waitForSnapshot(
        r.port,
        'platform-config between attempts',
        (s) =>
          s.kinds.get('Kustomization')?.rows.get('Kustomization/flux-system/platform-config')?.ready ===
          'False',
      ),
    );
    await memory.journal.settled();

    const out = await report(
      ['--kubeconfig', r.sim.kubeconfigPath, '-o', 'json', '--audit-log', r.audit.path],
      env,
      () => r.sim.clock.now(),
    );
    expect(out.code).toBe(0);
    const doc = JSON.parse(out.stdout) as IncidentReport;
    const recovered = doc.recovered.map((x) => x.object);
    for (const name of CHAIN.slice(CHAIN.indexOf('kyverno')))
      expect(recovered, name).toContain(`HelmRelease/${name}/${name}`);
    expect(recovered).toContain('GitRepository/flux-system/team-apps');
    expect(recovered).toContain('Kustomization/flux-system/team-apps');
    for (const x of doc.recovered)
      expect(x.failedAt === '' || x.failedAt <= x.recoveredAt, x.object).toBe(true);
    expect(doc.actions.map((a) => `${a.action} ${a.outcome} ${a.targets[0]}`)).toEqual([
      'fix-chain succeeded HelmRelease/kyverno/kyverno',
      'reconcile-with-source succeeded Kustomization/flux-system/team-apps',
    ]);
    expect(doc.actions.every((a) => a.user === 'oncall')).toBe(true);
    // Still failing: what only a Git commit fixes.
    expect(doc.failing.map((f) => f.object)).toContain('Kustomization/flux-system/platform-config');
    expect(doc.failing.map((f) => f.object)).not.toContain('HelmRelease/kyverno/kyverno');
    // The timeline tells it in order: kyverno failing, the fix, kyverno ready.
    const lines = doc.timeline.map((e) => e.what);
    const fix = lines.findIndex((l) => l.startsWith('oncall ran fix-chain'));
    const ready = lines.findIndex((l) =>
      l.startsWith('HelmRelease/kyverno/kyverno Failing (UpgradeFailed) → Ready'),
    );
    expect(fix).toBeGreaterThanOrEqual(0);
    expect(ready).toBeGreaterThan(fix);

    // The Markdown, with the instants the fixes happened at left out: the virtual clock moves while real
    // I/O runs, so they depend on the machine's speed; what happened, to what, does not. So does the order
    // of events that came within a second of each other during the fixes: the timeline's order is checked
    // above, where it is causal, and left out of the file.
    const md = await report(['--kubeconfig', r.sim.kubeconfigPath, '--audit-log', r.audit.path], env, () =>
      r.sim.clock.now(),
    );
    const withoutTimeline = md.stdout.slice(0, md.stdout.indexOf('## Timeline'));
    expect(withoutTimeline.length).toBeGreaterThan(0);
    golden('report-runbook-after.md', timeless(portless(withoutTimeline)));
  });
});
