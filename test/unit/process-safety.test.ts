// Issue 6, process safety: binaries only through execa with argument arrays (never a shell), hostile names
// refused before any binary or the cluster sees them, Secret values never displayed, and the audit intent
// on disk before an action touches the cluster — still there when the action fails half-way.
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/actions/audit.js';
import { SuspendLedger } from '../../src/actions/ledger.js';
import { runAction } from '../../src/actions/registry.js';
import { buildRollbackPlan } from '../../src/actions/rollback.js';
import { buildSuspendPlan } from '../../src/actions/suspend.js';
import { type ActionContext, DEFAULT_OPTIONS, type HelmFacts } from '../../src/actions/types.js';
import type { ObjectRef } from '../../src/flux/types.js';
import { InvalidCommandError, runCommand } from '../../src/kube/exec.js';
import type { ClusterInfo, ClusterPort } from '../../src/kube/port.js';
import { yamlText } from '../../src/present/details-lines.js';

const SRC = join(import.meta.dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

const info: ClusterInfo = {
  context: 'prod-eu',
  cluster: 'prod-eu-1',
  server: 'https://127.0.0.1:6443',
  user: 'alice',
  namespace: undefined,
  kubeconfigPath: '/tmp/kc.yaml',
};
const hr: ObjectRef = { kind: 'HelmRelease', namespace: 'kyverno', name: 'kyverno' };
const facts = { ref: hr, suspended: false, raw: { metadata: { name: 'kyverno', namespace: 'kyverno' } } };
const wording = { who: 'alice', resumeHint: 'resume it with u' };
const rev = (revision: number, status: string) => ({
  revision,
  status,
  chart: 'kyverno',
  chartVersion: `3.${revision}.0`,
  appVersion: 'v1',
  updated: '2026-01-01T00:00:00Z',
  description: status,
});

/** A port every call of which is recorded, and which fails if anything is asked of it. */
function untouchablePort(calls: string[]): ClusterPort {
  return new Proxy({} as ClusterPort, {
    get(_target, prop) {
      if (prop === 'info') return info;
      return (..._args: unknown[]) => {
        calls.push(String(prop));
        throw new Error(`port.${String(prop)} must not be called`);
      };
    },
  });
}

function context(port: ClusterPort): ActionContext {
  return {
    port,
    readonly: false,
    clock: { now: () => Date.UTC(2026, 0, 15), setTimeout, clearTimeout: (h) => clearTimeout(h as never) },
    user: 'alice',
    timeoutMs: 1000,
    pollMs: 100,
    ledger: new SuspendLedger(),
  };
}

describe('binaries', () => {
  it('only src/kube/exec.ts starts processes, through execa without a shell', () => {
    const starters = sourceFiles(SRC).filter((f) =>
      /(from |import\()'(execa|node:child_process|child_process)'/.test(readFileSync(f, 'utf8')),
    );
    expect(starters.map((f) => relative(SRC, f))).toEqual(['kube/exec.ts']);
    // The one other way a process starts: the console re-executing node itself with heap flags.
    const execves = sourceFiles(SRC).filter((f) => /\bexecve\(/.test(readFileSync(f, 'utf8')));
    expect(execves.map((f) => relative(SRC, f))).toEqual(['heap-tuning.ts']);
    expect(readFileSync(join(SRC, 'heap-tuning.ts'), 'utf8')).toContain(
      'execPath: string = process.execPath',
    );
    const exec = readFileSync(join(SRC, 'kube/exec.ts'), 'utf8');
    expect(exec).toContain('shell: false');
    expect(exec).not.toMatch(/execaCommand|\$`|shell: true/);
  });

  it.each([
    ['a flag as a namespace', ['rollback', 'x', '1', '-n', '--all-namespaces']],
    ['a newline in an argument', ['rollback', 'x\n--kubeconfig=/etc/x', '1']],
    ['an ESC in an argument', ['rollback', 'x\u001b]0;t\u0007', '1']],
    ['a flag as the context', ['rollback', 'x', '1', '--kube-context', '--kubeconfig=/etc/x']],
  ])('refuses %s before anything runs', async (_what, args) => {
    const ran: unknown[] = [];
    await expect(runCommand({ file: 'helm', args }, { onRun: (c) => ran.push(c) })).rejects.toBeInstanceOf(
      InvalidCommandError,
    );
    expect(ran).toEqual([]);
  });
});

describe('a rollback of a release with a hostile name', () => {
  it.each(['foo; rm -rf /', '--kubeconfig=/etc/x', 'foo\nbar', '$(id)', '`id`', 'Foo', 'a'.repeat(54)])(
    'is refused before the cluster or helm is touched: %j',
    async (releaseName) => {
      const helm: HelmFacts = {
        releaseName,
        storageNamespace: 'kyverno',
        history: [rev(4, 'failed'), rev(3, 'deployed')],
      } as unknown as HelmFacts;
      const plan = buildRollbackPlan(info, facts, helm, DEFAULT_OPTIONS, wording);
      expect(plan.refusal).toMatch(
        /^Cannot run helm safely: the release name .* is not a valid Helm release name/,
      );
      const calls: string[] = [];
      const dir = mkdtempSync(join(tmpdir(), 'fluxdeck-safety-'));
      const audit = new AuditLog({ path: join(dir, 'audit.log') });
      const outcome = await runAction(plan, context(untouchablePort(calls)), () => undefined, audit);
      expect(outcome).toEqual({ status: 'failed', message: plan.refusal });
      expect(calls).toEqual([]);
    },
  );

  it('passes the kubeconfig file and the context to helm explicitly', () => {
    const helm = {
      releaseName: 'kyverno',
      storageNamespace: 'kyverno',
      history: [rev(4, 'failed'), rev(3, 'deployed')],
    };
    const plan = buildRollbackPlan(info, facts, helm as unknown as HelmFacts, DEFAULT_OPTIONS, wording);
    const rollback = plan.commands.find((c) => c.file === 'helm');
    expect(rollback?.args).toEqual([
      'rollback',
      'kyverno',
      '3',
      '-n',
      'kyverno',
      '--kubeconfig',
      '/tmp/kc.yaml',
      '--kube-context',
      'prod-eu',
    ]);
  });
});

describe('Secrets', () => {
  it('the YAML view shows keys only — also of the copy kubectl keeps in last-applied-configuration', () => {
    const secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: 'flux-system',
        namespace: 'flux-system',
        annotations: {
          'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({
            apiVersion: 'v1',
            kind: 'Secret',
            data: { password: 'c3VwZXItc2VjcmV0' },
            stringData: { token: 'plain-text-token' },
          }),
          team: 'platform',
        },
      },
      data: { password: 'c3VwZXItc2VjcmV0' },
      stringData: { token: 'plain-text-token' },
    };
    const text = yamlText(secret);
    expect(text).toContain('password: (hidden)');
    expect(text).toContain('token: (hidden)');
    expect(text).toContain('team: platform');
    expect(text).not.toContain('c3VwZXItc2VjcmV0');
    expect(text).not.toContain('plain-text-token');
  });
});

describe('the audit log around an action that fails half-way', () => {
  it('has the intent on disk before the cluster is touched, and the failure after', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fluxdeck-safety-'));
    const path = join(dir, 'audit.log');
    const audit = new AuditLog({ path });
    let onDiskAtPatch = '';
    const port = new Proxy({} as ClusterPort, {
      get(_target, prop) {
        if (prop === 'info') return info;
        if (prop === 'mergePatch') {
          return async () => {
            onDiskAtPatch = readFileSync(path, 'utf8');
            throw new Error('connection reset by peer');
          };
        }
        return () => undefined;
      },
    });
    const plan = buildSuspendPlan(info, [facts], DEFAULT_OPTIONS, wording);
    const outcome = await runAction(plan, context(port), () => undefined, audit);
    expect(outcome.status).toBe('failed');
    const atPatch = onDiskAtPatch
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(atPatch).toMatchObject([{ phase: 'intent', outcome: 'confirmed', action: 'suspend' }]);
    const after = readFileSync(path, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(after).toHaveLength(2);
    expect(after[1]).toMatchObject({ phase: 'outcome', outcome: 'failed', id: after[0]?.['id'] });
    expect(String(after[1]?.['error'])).toContain('connection reset');
  });
});
