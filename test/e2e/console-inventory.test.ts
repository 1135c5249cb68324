// Issue 18 (1, 4): from the table, `t` on the Ready apps Kustomization opens its Inventory — the api
// Deployment stuck on ImagePullBackOff named first, though `flux get` says the Kustomization is fine — and on
// the external-dns HelmRelease, its crash-looping Deployment.
import { afterEach, describe, expect, it } from 'vitest';
import { press, runCommand, selectHelmRelease, selectRow, startDemo } from './support/console.js';
import type { Terminal } from './support/terminal.js';

let term: Terminal | undefined;
afterEach(() => {
  term?.stop();
  term = undefined;
});

describe('fluxdeck --demo, what a Ready Flux object manages', () => {
  it('t on the apps Kustomization: the api Deployment is not ready, ImagePullBackOff, the rest is', async () => {
    term = await startDemo({ columns: 120, rows: 40 });
    await runCommand(term, 'ks', /^Kustomizations\(all\)/m);
    await selectRow(term, /^>\s+flux-system\s+apps\s/);
    const screen = await press(term, 't', 'managed objects not ready');
    expect(screen).toMatch(/^ *Kustomization\/flux-system\/apps {2}Ready/m);
    expect(screen).toMatch(/\d+ of \d+ managed objects not ready: Deployment apps\/api ImagePullBackOff/);
    expect(screen).toMatch(
      /… api {2}InProgress {2}ImagePullBackOff: Back-off pulling image "ghcr\.io\/acme\/api:1\.4\.3-rc"/,
    );
    expect(screen).toMatch(/✓ api {2}Current/);
    expect(screen).toMatch(/podinfo {2}InProgress {2}\(Flux: has its own inventory\)/);
  });

  it('t on the external-dns HelmRelease: its Deployment is not ready, its pod in CrashLoopBackOff', async () => {
    term = await startDemo({ columns: 120, rows: 40 });
    await selectHelmRelease(term, 'external-dns', 'external-dns');
    const screen = await press(term, 't', 'managed objects not ready');
    expect(screen).toContain(
      '1 of 3 managed objects not ready: Deployment external-dns/external-dns CrashLoopBackOff',
    );
  });
});
