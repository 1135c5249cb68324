import { describe, expect, it, vi } from 'vitest';
import { formatKeys, KEYMAP } from '../../src/keymap.js';
import { helpRows } from '../../src/present/help-lines.js';
import { appRenderer } from '../support/app.js';
import { FakePort, makeRow } from '../support/fake-port.js';
import { KEYS, lineWith, press, selectedLine, type, waitForFrame } from '../support/ink.js';
import { runbookRows } from '../support/runbook-rows.js';

const setup = appRenderer({ columns: 130, rows: 24 });
const wide = appRenderer({ columns: 160, rows: 24 });

const many = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    makeRow({ kind: 'Kustomization', name: `ks-${String(i).padStart(3, '0')}` }),
  );

describe('help', () => {
  it('lists every command of the key table, with its keys', () => {
    // One column, and descriptions unwrapped at this width, so each reads whole in the text.
    const text = helpRows(false, 159)
      .map((row) => row.map((cell) => cell.text).join(''))
      .join('\n');
    for (const k of KEYMAP) {
      expect(text, k.command).toContain(k.description);
      expect(text, k.command).toContain(formatKeys(k.command));
    }
  });

  it('opens with ?, scrolls, and closes with esc', async () => {
    const { lastFrame, stdin } = setup(new FakePort(runbookRows()));
    await waitForFrame(lastFrame, (f) => f.includes('Failing(all)'));
    await press(stdin, '?');
    let frame = await waitForFrame(lastFrame, (f) => f.includes('Keys —'));
    expect(frame).toContain('Quit (asks first');
    await press(stdin, 'G');
    frame = await waitForFrame(lastFrame, (f) => f.includes('Erase the last character'));
    await press(stdin, KEYS.esc);
    await waitForFrame(lastFrame, (f) => f.includes('Failing(all)'));
  });
});

describe('readonly', () => {
  it('hides dangerous keys from help and hints, and says why when one is pressed', async () => {
    const onAction = vi.fn();
    const { lastFrame, stdin } = setup(new FakePort(runbookRows()), { readonly: true, onAction });
    let frame = await waitForFrame(lastFrame, (f) => f.includes('Failing(all)'));
    expect(frame).toContain('[READ-ONLY]');
    expect(frame).not.toContain('<r> reconcile');
    const help = helpRows(true, 159)
      .map((row) => row.map((cell) => cell.text).join(''))
      .join('\n');
    for (const k of KEYMAP.filter((x) => x.dangerous)) expect(help).not.toContain(k.description);
    await press(stdin, 'r');
    frame = await waitForFrame(lastFrame, (f) => f.includes('refused'));
    expect(frame).toContain(
      'reconcile: refused — fluxdeck runs with --readonly and never changes the cluster',
    );
    expect(onAction).not.toHaveBeenCalled();
  });
});

describe('actions', () => {
  it('routes action keys to onAction with the marked objects, else the selection', async () => {
    const onAction = vi.fn();
    const { lastFrame, stdin } = setup(new FakePort(runbookRows()), { onAction });
    await waitForFrame(lastFrame, (f) => f.includes('Failing(all)'));
    await press(stdin, 'R');
    expect(onAction).toHaveBeenLastCalledWith('reconcileWithSource', [
      expect.objectContaining({ key: 'HelmRelease/flux-system/cert-manager' }),
    ]);
    await press(stdin, KEYS.space, KEYS.space);
    const frame = await waitForFrame(
      lastFrame,
      (f) => f.includes('>*') || f.split('\n').filter((l) => l.startsWith(' *')).length === 2,
    );
    expect(lineWith(frame, 'cert-manager')).toMatch(/^ \*/);
    await press(stdin, 'D');
    const targets = onAction.mock.lastCall?.[1] as { key: string }[];
    expect(onAction.mock.lastCall?.[0]).toBe('fixChain');
    expect(targets.map((t) => t.key)).toEqual([
      'HelmRelease/flux-system/cert-manager',
      'HelmRelease/flux-system/kyverno',
    ]);
    await press(stdin, KEYS.esc);
    await waitForFrame(lastFrame, (f) => !f.includes(' * ') && !f.includes('>*'));
  });

  it('says an action is not available yet when no handler is wired', async () => {
    const { lastFrame, stdin } = setup(new FakePort(runbookRows()));
    await waitForFrame(lastFrame, (f) => f.includes('Failing(all)'));
    await press(stdin, 'b');
    const said = await waitForFrame(lastFrame, (f) => f.includes('rollback is not available yet'));
    // Said, and nothing opened: still the Failing view, no confirmation.
    expect(said).toContain('Failing(all)');
    expect(said).not.toContain('Proceed?');
  });

  it('gives every key to an open dialog first', async () => {
    const onKey = vi.fn(() => true);
    const onAction = vi.fn();
    const { lastFrame, stdin } = setup(new FakePort(runbookRows()), {
      dialog: { open: true, onKey },
      onAction,
    });
    await waitForFrame(lastFrame, (f) => f.includes('Failing(all)'));
    await press(stdin, 'j', 'r', 'q');
    expect(onKey).toHaveBeenCalledTimes(3);
    expect(onAction).not.toHaveBeenCalled();
    expect(selectedLine(lastFrame() ?? '')).toContain('cert-manager');
  });
});

describe('runbook advice', () => {
  it('shows the next step for the selection with its key, and ^ jumps to the root of the chain', async () => {
    const { lastFrame, stdin } = setup(new FakePort(runbookRows()), { initialView: 'helmreleases' });
    await waitForFrame(lastFrame, (f) => f.includes('HelmReleases(all)'));
    await press(stdin, 'j');
    let frame = await waitForFrame(lastFrame, (f) => selectedLine(f)?.includes('kyverno') === true);
    expect(frame).toContain(
      "Runbook: <^> go to root — The chain's root is HelmRelease flux-system/cert-manager",
    );
    await press(stdin, '^');
    frame = await waitForFrame(lastFrame, (f) => selectedLine(f)?.includes('cert-manager') === true);
    expect(frame).toContain('Runbook: <R> reconcile+source — Helm upgrade failed');
  });

  it('^ opens Failing when the root is not in the table on screen (filtered out)', async () => {
    const { lastFrame, stdin } = setup(new FakePort(runbookRows()), { initialView: 'helmreleases' });
    await waitForFrame(lastFrame, (f) => f.includes('HelmReleases(all)'));
    await press(stdin, '/');
    await type(stdin, 'kyverno');
    await press(stdin, KEYS.enter);
    await waitForFrame(
      lastFrame,
      (f) => f.includes('</kyverno>') && selectedLine(f)?.includes('kyverno') === true,
    );
    await press(stdin, '^');
    const frame = await waitForFrame(lastFrame, (f) => f.includes('Failing(all)'));
    expect(selectedLine(frame)).toContain('cert-manager');
  });

  it('^ follows a failing source: BLOCKED BY `source broken-repo` jumps to that source', async () => {
    const broken = makeRow({ kind: 'GitRepository', name: 'broken-repo', health: 'Failed' });
    const apps = makeRow({
      kind: 'Kustomization',
      name: 'apps',
      health: 'Failed',
      source: { kind: 'GitRepository', namespace: 'flux-system', name: 'broken-repo' },
    });
    const ok = makeRow({ kind: 'Kustomization', name: 'infra' });
    // BLOCKED BY is shown on a wide table (from 120 columns the appliers' views first keep what `flux get` shows).
    const { lastFrame, stdin } = wide(new FakePort([broken, apps, ok]), { initialView: 'kustomizations' });
    let frame = await waitForFrame(lastFrame, (f) => selectedLine(f)?.includes('apps') === true);
    expect(selectedLine(frame)).toContain('source broken-repo');
    await press(stdin, '^');
    frame = await waitForFrame(lastFrame, (f) => f.includes('Failing(all)'));
    expect(selectedLine(frame)).toContain('broken-repo');
    expect(frame).not.toContain('nothing blocks this object');
    // On the source itself nothing upstream is failing: ^ says so.
    await press(stdin, '^');
    frame = await waitForFrame(lastFrame, (f) => f.includes('nothing blocks this object'));
    expect(selectedLine(frame)).toContain('broken-repo');
  });

  it('leaves dangerous keys out of the advice in readonly mode', async () => {
    const { lastFrame } = setup(new FakePort(runbookRows()), { readonly: true });
    const frame = await waitForFrame(lastFrame, (f) => f.includes('Runbook:'));
    expect(frame).toContain('Runbook: [read-only: no actions] Helm upgrade failed');
    expect(frame).not.toContain('<R> reconcile+source');
  });
});

describe('navigation keys', () => {
  it('pages with ctrl-d / ctrl-u and page keys, and scrolls the window', async () => {
    const { lastFrame, stdin } = setup(new FakePort(many(100)), { initialView: 'kustomizations' });
    await waitForFrame(lastFrame, (f) => f.includes('[1/100]'));
    await press(stdin, KEYS.ctrlD);
    let frame = await waitForFrame(lastFrame, (f) => !f.includes('[1/100]'));
    const page = Number(/\[(\d+)\/100\]/.exec(frame)?.[1]) - 1;
    expect(page).toBeGreaterThan(5);
    await press(stdin, KEYS.pageDown, KEYS.pageDown);
    frame = await waitForFrame(lastFrame, (f) => f.includes(`[${3 * page + 1}/100]`));
    expect(selectedLine(frame)).toContain(`ks-${String(3 * page).padStart(3, '0')}`);
    expect(frame).not.toContain('ks-000');
    expect(frame).toMatch(/rows \d+–\d+/);
    await press(stdin, KEYS.ctrlU);
    await waitForFrame(lastFrame, (f) => f.includes(`[${2 * page + 1}/100]`));
    await press(stdin, 'G');
    frame = await waitForFrame(lastFrame, (f) => f.includes('[100/100]'));
    expect(selectedLine(frame)).toContain('ks-099');
  });

  it('sorts by column with > and < and reverses with S', async () => {
    const rows = [
      makeRow({ kind: 'Kustomization', name: 'b', revision: 'main@sha1:1' }),
      makeRow({ kind: 'Kustomization', name: 'a', revision: 'main@sha1:3' }),
      makeRow({ kind: 'Kustomization', name: 'c', revision: 'main@sha1:2' }),
    ];
    const { lastFrame, stdin } = setup(new FakePort(rows), { initialView: 'kustomizations' });
    await waitForFrame(lastFrame, (f) => f.includes('[1/3]'));
    const names = (f: string) =>
      f
        .split('\n')
        .filter((l) => /^[ >][ *]flux-system/.test(l))
        .map((l) => l.split(/\s+/)[2]);
    await press(stdin, 'S');
    let frame = await waitForFrame(lastFrame, (f) => f.includes('NAME↓'));
    expect(names(frame)).toEqual(['c', 'b', 'a']);
    await press(stdin, '<');
    frame = await waitForFrame(lastFrame, (f) => f.includes('NAMESPACE↑'));
    await press(stdin, '<');
    frame = await waitForFrame(lastFrame, (f) => f.includes('FAILING FOR↑'));
    // AGE stands between MESSAGE and FAILING FOR but a 130-column table does not show it: the keys skip it.
    await press(stdin, '<');
    frame = await waitForFrame(lastFrame, (f) => f.includes(' MESSAGE↑'));
    for (const heading of ['FAILING FOR↑', 'NAMESPACE↑', 'NAME↑', 'REVISION↑']) {
      await press(stdin, '>');
      frame = await waitForFrame(lastFrame, (f) => f.includes(` ${heading}`));
    }
    expect(names(frame)).toEqual(['b', 'c', 'a']);
  });

  it('narrows to a namespace with :ns and back to all with 0', async () => {
    const port = new FakePort(runbookRows());
    const { lastFrame, stdin } = setup(port, { initialView: 'helmreleases' });
    await waitForFrame(lastFrame, (f) => f.includes('HelmReleases(all)'));
    await press(stdin, ':');
    await type(stdin, 'ns back');
    let frame = await waitForFrame(lastFrame, (f) => f.includes(':ns back'));
    expect(frame).toContain('ns backup');
    await press(stdin, KEYS.tab, KEYS.enter);
    await waitForFrame(lastFrame, (f) => f.includes('HelmReleases(backup)'));
    expect(port.namespaces).toEqual(['backup']);
    await press(stdin, '0');
    frame = await waitForFrame(lastFrame, (f) => f.includes('HelmReleases(all)'));
    expect(port.namespaces).toEqual(['backup', undefined]);
  });

  it('completes and switches contexts with :ctx', async () => {
    const onSwitchContext = vi.fn();
    const { lastFrame, stdin } = setup(new FakePort(runbookRows()), {
      listContexts: async () => ['prod-eu', 'staging'],
      onSwitchContext,
    });
    await waitForFrame(lastFrame, (f) => f.includes('Failing(all)'));
    await press(stdin, ':');
    await type(stdin, 'ctx st');
    await waitForFrame(lastFrame, (f) => f.includes('ctx staging'));
    await press(stdin, KEYS.tab, KEYS.enter);
    expect(onSwitchContext).toHaveBeenCalledWith('staging');
  });

  it('refuses a tab the kind does not have', async () => {
    const { lastFrame, stdin } = setup(new FakePort([makeRow({ kind: 'Kustomization', name: 'apps' })]), {
      initialView: 'kustomizations',
    });
    await waitForFrame(lastFrame, (f) => f.includes('Kustomizations(all)'));
    await press(stdin, 'H');
    const refused = await waitForFrame(lastFrame, (f) => f.includes('Kustomization has no history tab'));
    expect(refused).toContain('Kustomizations(all)');
  });

  it('filters by health with :unhealthy and reports unknown commands', async () => {
    const { lastFrame, stdin } = setup(new FakePort(runbookRows()), { initialView: 'helmreleases' });
    await waitForFrame(lastFrame, (f) => f.includes('HelmReleases(all) [1/5]'));
    await press(stdin, ':');
    await type(stdin, 'unhealthy');
    await press(stdin, KEYS.enter);
    let frame = await waitForFrame(lastFrame, (f) => f.includes('<unhealthy>'));
    expect(frame).not.toMatch(/flux-system\s+istio-base/);
    expect(frame).toMatch(/flux-system\s+kyverno/);
    await press(stdin, ':');
    await type(stdin, 'nope');
    await press(stdin, KEYS.enter);
    frame = await waitForFrame(lastFrame, (f) => f.includes('unknown command :nope'));
  });
});

describe('quit', () => {
  it('quits at once when nothing needs attention', async () => {
    const onQuit = vi.fn();
    const { lastFrame, stdin } = setup(new FakePort(runbookRows()), { onQuit });
    await waitForFrame(lastFrame, (f) => f.includes('Failing(all)'));
    await press(stdin, 'q');
    expect(onQuit).toHaveBeenCalledTimes(1);
  });

  it('asks once while an action runs or something suspended this session is still suspended', async () => {
    const onQuit = vi.fn();
    const velero = { kind: 'HelmRelease', namespace: 'backup', name: 'velero' } as const;
    const { lastFrame, stdin } = setup(new FakePort(runbookRows()), {
      onQuit,
      busy: true,
      suspendedThisSession: [velero],
    });
    await waitForFrame(lastFrame, (f) => f.includes('Failing(all)'));
    await press(stdin, KEYS.ctrlC);
    let frame = await waitForFrame(lastFrame, (f) => f.includes('Quit fluxdeck?'));
    expect(frame).toContain('an action is still running');
    expect(frame).toContain('you suspended an object that is still suspended: HelmRelease/backup/velero');
    await press(stdin, 'n');
    frame = await waitForFrame(lastFrame, (f) => !f.includes('Quit fluxdeck?'));
    expect(onQuit).not.toHaveBeenCalled();
    await press(stdin, 'q', 'y');
    expect(onQuit).toHaveBeenCalledTimes(1);
  });
});

describe('input priority', () => {
  it('tells the port of every key before handling it, so snapshot publishes wait for the key’s frame', async () => {
    const port = new FakePort(many(30));
    const noted: string[] = [];
    port.noteInput = () => noted.push(selectedLine(lastFrame() ?? '') ?? '');
    const { lastFrame, stdin } = setup(port, { initialView: 'kustomizations' });
    await waitForFrame(lastFrame, (f) => f.includes('ks-000'));
    await press(stdin, 'j');
    await waitForFrame(lastFrame, (f) => selectedLine(f)?.includes('ks-001') === true);
    await press(stdin, 'j');
    await waitForFrame(lastFrame, (f) => selectedLine(f)?.includes('ks-002') === true);
    // Noted before each key moved the selection.
    expect(noted).toHaveLength(2);
    expect(noted[0]).toContain('ks-000');
    expect(noted[1]).toContain('ks-001');
  });
});
