// Plugins for component tests: a fake process runner that records what would run (and answers as told,
// at once or when the test says), a terminal that records its hand-overs, and a real audit log in `dir`.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { AuditLog } from '../../src/actions/audit.js';
import type { Plugin } from '../../src/actions/plugin.js';
import type { PluginSetup } from '../../src/hooks/use-plugins.js';
import type { ProcessResult, ProcessWiring } from '../../src/kube/exec.js';
import type { ClusterInfo, Command } from '../../src/kube/port.js';
import type { TerminalAccess } from '../../src/kube/terminal-access.js';
import { FakePort, makeRow } from './fake-port.js';

export interface Ran {
  readonly command: Command;
  readonly wiring: ProcessWiring;
}

export function exited(exitCode: number | undefined, over: Partial<ProcessResult> = {}): ProcessResult {
  return {
    exitCode,
    stdout: '',
    stderr: '',
    notFound: false,
    timedOut: false,
    cancelled: false,
    failure: undefined,
    ...over,
  };
}

/** What the fake process does: prints `output` and exits 0, or whatever `answer` says (when it says). */
export type Answer = (ran: Ran) => ProcessResult | Promise<ProcessResult>;

export function pluginSetup(dir: string, list: readonly Plugin[], output: string | Answer = '') {
  const ran: Ran[] = [];
  const handedOver: string[] = [];
  const terminal: TerminalAccess = {
    isTerminal: () => true,
    handOver: async (use, notice) => {
      handedOver.push(notice ?? '');
      return use();
    },
  };
  const runProcess = async (command: Command, wiring: ProcessWiring): Promise<ProcessResult> => {
    const run = { command, wiring };
    ran.push(run);
    if (typeof output !== 'string') return output(run);
    wiring.onOutput?.(output, 'stdout');
    return exited(0, { stdout: output });
  };
  const audit = new AuditLog({ path: join(dir, 'audit.log') });
  const plugins: PluginSetup = { list, audit, terminal, runProcess };
  return { plugins, ran, handedOver };
}

/** The audit log's entries, oldest first. */
export async function auditEntries(dir: string): Promise<Record<string, unknown>[]> {
  const text = await readFile(join(dir, 'audit.log'), 'utf8').catch(() => '');
  return text
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

/** Call at the top of a test file: a fresh folder for each test (the audit log's), removed after it. */
export function pluginDir(): () => string {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fluxdeck-plugins-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  return () => dir;
}

/** One HelmRelease, podinfo/podinfo (with `over`), in context prod-eu (with `info`). */
export function pluginPort(
  over: Partial<Parameters<typeof makeRow>[0]> = {},
  info: Partial<ClusterInfo> = {},
): FakePort {
  return new FakePort(
    [
      makeRow({
        kind: 'HelmRelease',
        namespace: 'podinfo',
        name: 'podinfo',
        apiVersion: 'helm.toolkit.fluxcd.io/v2',
        ...over,
      }),
    ],
    { context: 'prod-eu', kubeconfigPath: '/home/me/.kube/config', ...info },
  );
}
