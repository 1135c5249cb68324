// Issue 18 (1, 2, 4): from the table, `t` on the Ready apps Kustomization opens its tree — the api
// Deployment stuck on ImagePullBackOff named first, though `flux get` says the Kustomization is fine, the
// nested HelmRelease expanded with its own objects — then the k9s drill-down: enter on the Deployment
// lists its pods (T on one: console-trace.test.ts); on the external-dns HelmRelease, l follows the crash-looping pod's log.
import { afterEach, describe, expect, it } from 'vitest';
import { press, runCommand, selectHelmRelease, selectRow, startDemo } from './support/console.js';
import type { Terminal } from './support/terminal.js';

let term: Terminal | undefined;
afterEach(() => {
  term?.stop();
  term = undefined;
});

describe('fluxdeck --demo, what a Ready Flux object manages', () => {
  it('t on the apps Kustomization: a live tree, enter on the Deployment lists its pods', async () => {
    term = await startDemo({ columns: 120, rows: 40 });
    await runCommand(term, 'ks', /^Kustomizations\(all\)/m);
    await selectRow(term, /^>\s+flux-system\s+apps\s/);
    // Causes and nested inventories arrive a moment after the objects: wait for both.
    const tree = await press(
      term,
      't',
      /not ready: Deployment apps\/api ImagePullBackOff[\s\S]*│ {3}├── Deployment +apps +podinfo/,
    );
    expect(tree).toMatch(/^Tree\(Kustomization\/flux-system\/apps\)/m);
    // The owner reads as the Failing view shows it: Ready by its condition, Degraded by its workloads.
    expect(tree).toMatch(/^> Kustomization +flux-system +apps +Degraded +ImagePullBackOff/m);
    expect(tree).toMatch(/\d+ of \d+ managed objects not ready: Deployment apps\/api ImagePullBackOff/);
    expect(tree).toMatch(
      /├── Deployment +apps +api +InProgress +0\/2 +ImagePullBackOff: Back-off pulling image/,
    );
    // The nested HelmRelease is expanded one level down, with its own objects.
    expect(tree).toMatch(/├── HelmRelease +apps +podinfo +Suspended/);
    expect(tree).toMatch(/│ {3}├── Deployment +apps +podinfo +Current +1\/1/);

    await selectRow(term, /^>\s+├── Deployment\s+apps\s+api\s/);
    const pods = await press(term, 'Enter', /^Pods\(Deployment\/apps\/api\)/m);
    expect(pods).toMatch(/^> api-\S+ +0\/1 +ImagePullBackOff +0 /m);
  });

  it('on the external-dns HelmRelease: its Deployment crash-loops, and l shows why from the pod’s log', async () => {
    term = await startDemo({ columns: 120, rows: 40 });
    await selectHelmRelease(term, 'external-dns', 'external-dns');
    // The cause arrives a moment after the objects: their pods are read once the Deployment is not ready.
    const tree = await press(term, 't', /managed objects not ready: .*CrashLoopBackOff/);
    expect(tree).toContain(
      '1 of 3 managed objects not ready: Deployment external-dns/external-dns CrashLoopBackOff',
    );
    await selectRow(term, /^>\s+├── Deployment\s+external-dns\s/);
    await press(term, 'Enter', /CrashLoopBackOff/);
    const log = await press(term, 'l', /level=fatal/);
    expect(log).toMatch(/^Log\(external-dns\/external-dns-\S+\/external-dns\)/m);
    expect(log).toContain('level=error msg="provider request failed"');
  });
});
