// Issue 18, the cause in the Failing view: `fluxdeck --demo` lists the Ready apps Kustomization whose api
// Deployment is stuck on ImagePullBackOff and the Ready external-dns HelmRelease whose pods crash-loop —
// STATUS Degraded, the reason in MESSAGE — and the details of apps say why and what the runbook advises.
import { afterEach, describe, expect, it } from 'vitest';
import { applyFilter, KEY_MS, lineOf, press, rowPattern, startDemo } from './support/console.js';
import type { Terminal } from './support/terminal.js';

let term: Terminal | undefined;
afterEach(() => {
  term?.stop();
  term = undefined;
});

describe('fluxdeck --demo, Degraded in the Failing view', () => {
  it('lists the Ready owners whose workloads are not, with the reason, and explains one in its details', async () => {
    term = await startDemo({ columns: 160, rows: 45 });
    const screen = await term.waitFor(/Degraded[\s\S]*Degraded/, KEY_MS);
    const apps = rowPattern(['Kustomization', 'flux-system', 'apps', 'Degraded']);
    const dns = rowPattern(['HelmRelease', 'external-dns', 'external-dns', 'Degraded']);
    expect(lineOf(screen, apps)).toMatch(/ImagePullBackOff: Deployment apps\/api/);
    // Past the alert threshold: the pods crash-loop for 52 minutes.
    expect(lineOf(screen, dns)).toMatch(/\d+m !\s+CrashLoopBackOff: Deployment external-dns/);

    await applyFilter(term, 'ImagePull');
    const details = await press(term, 'Enter', /apps {2}Degraded {2}failing for/);
    expect(details).toMatch(/Kustomization\/flux-system\/apps {2}Degraded {2}failing for \d+m/);
    expect(details).toContain('ImagePullBackOff: Deployment apps/api — 1 of 1 managed workload not ready');
    expect(details).toMatch(/Flux reports it Ready, but its workloads are not/);
  }, 120_000);
});
