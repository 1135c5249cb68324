// A details tab asked for on a kind that has none says which kinds have it, instead of doing nothing.
import { describe, expect, it } from 'vitest';
import { appRenderer } from '../support/app.js';
import { FakePort, makeRow } from '../support/fake-port.js';
import { press, waitForFrame } from '../support/ink.js';

const setup = appRenderer({ columns: 120, rows: 30 });

describe('a tab the selected kind does not have', () => {
  it('c on a GitRepository says Changes are for Kustomizations and HelmReleases', async () => {
    const port = new FakePort([makeRow({ kind: 'GitRepository', name: 'team-apps' })]);
    const app = setup(port, { initialView: 'sources' });
    await waitForFrame(app.lastFrame, (f) => f.includes('team-apps'));
    await press(app.stdin, 'c');
    const frame = await waitForFrame(app.lastFrame, (f) => f.includes('has no changes tab'));
    expect(frame).toContain(
      'GitRepository has no changes tab (Changes are for Kustomizations and HelmReleases)',
    );
    await press(app.stdin, 'H');
    expect(await waitForFrame(app.lastFrame, (f) => f.includes('has no history tab'))).toContain(
      'GitRepository has no history tab (Helm history is for HelmReleases)',
    );
  });
});
