// Issue 18 (2), flux trace in the console: `:trace deployment/api -n apps` on the demo shows the chain — the
// api Deployment stuck on ImagePullBackOff, the Ready apps Kustomization that applied it, its GitRepository —
// and enter on the Kustomization opens its details; `T` on a pod of the api Deployment, reached through the
// apps tree, traces it up through its ReplicaSet.
import { afterEach, describe, expect, it } from 'vitest';
import { press, runCommand, selectRow, startDemo } from './support/console.js';
import type { Terminal } from './support/terminal.js';

let term: Terminal | undefined;
afterEach(() => {
  term?.stop();
  term = undefined;
});

describe('fluxdeck --demo, :trace', () => {
  it(':trace deployment/api -n apps shows the chain to the source; enter opens the Kustomization', async () => {
    term = await startDemo({ columns: 160, rows: 40 });
    const screen = await runCommand(term, 'trace deployment/api -n apps', /^Trace\(Deployment apps\/api\)/m);
    expect(screen).toMatch(
      /managed by Kustomization flux-system\/apps; not ready: Deployment apps\/api InProgress \(ImagePullBackOff\)/,
    );
    expect(screen).toMatch(
      /applied main@sha1:[0-9a-f]{40}: the revision GitRepository flux-system\/sre-platform has/,
    );
    expect(screen).toMatch(/^> object +Deployment +apps +api +InProgress +ImagePullBackOff/m);
    expect(screen).toMatch(/^ {2}applied by +Kustomization +flux-system +apps +Ready /m);
    expect(screen).toMatch(/^ {2}source +GitRepository +flux-system +sre-platform +Ready /m);
    await selectRow(term, /^>\s+applied by\s+Kustomization/);
    const details = await press(term, 'enter', 'Kustomization/flux-system/apps');
    expect(details).toMatch(/Overview/);
  });

  it('T on a pod of the api Deployment (t, enter) traces it up through its ReplicaSet', async () => {
    term = await startDemo({ columns: 160, rows: 40 });
    await runCommand(term, 'ks', /^Kustomizations\(all\)/m);
    await selectRow(term, /^>\s+flux-system\s+apps\s/);
    await press(term, 't', /Deployment +apps +api +InProgress/);
    await selectRow(term, /^>\s+├── Deployment\s+apps\s+api\s/);
    await press(term, 'Enter', /^> api-\S+ +0\/1 +ImagePullBackOff/m);
    const screen = await press(term, 'T', /^Trace\(Pod apps\/api-/m);
    expect(screen).toMatch(/^> object +Pod +apps +api-\S+ +InProgress +ImagePullBackOff/m);
    expect(screen).toMatch(/^ {2}owned by +ReplicaSet +apps +api-/m);
    expect(screen).toMatch(/^ {2}owned by +Deployment +apps +api +InProgress/m);
    expect(screen).toMatch(/^ {2}applied by +Kustomization +flux-system +apps +Ready/m);
  });
});
