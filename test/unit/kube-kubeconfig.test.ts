import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { describeContexts, listContexts, resolveKubeconfig } from '../../src/kube/kubeconfig.js';

let dir: string;
/** Never the user's real kubeconfig: HOME points at an empty directory. */
let env: NodeJS.ProcessEnv;

function kubeconfig(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, body);
  return path;
}

const A = `apiVersion: v1
kind: Config
current-context: a
clusters:
- name: ca
  cluster: { server: "https://a.example:6443", certificate-authority: certs/ca.crt }
- name: shared
  cluster: { server: "https://from-a.example" }
users:
- name: ua
  user: { token: abc }
contexts:
- name: a
  context: { cluster: ca, user: ua, namespace: apps }
- name: s
  context: { cluster: shared, user: ua }
`;

const B = `apiVersion: v1
kind: Config
current-context: b
clusters:
- name: cb
  cluster: { server: "https://b.example" }
- name: shared
  cluster: { server: "https://from-b.example" }
users:
- name: ub
  user: { token: xyz }
contexts:
- name: b
  context: { cluster: cb, user: ub }
`;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fluxdeck-kc-'));
  mkdirSync(join(dir, 'home'));
  env = { HOME: join(dir, 'home') };
});

describe('kubeconfig loading', () => {
  it('reads --kubeconfig, its current context, and resolves relative certificate paths', () => {
    const path = kubeconfig('a.yaml', A);
    const config = resolveKubeconfig({ kubeconfigPath: path, env });
    expect(config.context).toBe('a');
    expect(config.cluster.server).toBe('https://a.example:6443');
    expect(config.cluster.caFile).toBe(join(dir, 'certs/ca.crt'));
    expect(config.userName).toBe('ua');
    expect(config.namespace).toBe('apps');
    expect(config.source).toBe(path);
  });

  it('merges KUBECONFIG files as kubectl does: the first to define a name or the current context wins', () => {
    const a = kubeconfig('a.yaml', A);
    const b = kubeconfig('b.yaml', B);
    const missing = join(dir, 'missing.yaml');
    const list = [missing, b, a].join(':');
    const config = resolveKubeconfig({ env: { ...env, KUBECONFIG: list } });
    expect(config.context).toBe('b');
    expect(resolveKubeconfig({ env: { ...env, KUBECONFIG: list }, context: 's' }).cluster.server).toBe(
      'https://from-b.example',
    );
    expect(describeContexts(undefined, { ...env, KUBECONFIG: list }).map((c) => [c.name, c.current])).toEqual(
      [
        ['b', true],
        ['a', false],
        ['s', false],
      ],
    );
    expect(listContexts(undefined, { ...env, KUBECONFIG: list })).toEqual(['b', 'a', 's']);
  });

  it('says what to do when the file is missing', () => {
    expect(() => resolveKubeconfig({ kubeconfigPath: '/x/none.yaml', env })).toThrow(
      'kubeconfig /x/none.yaml not found: set --kubeconfig or KUBECONFIG',
    );
    expect(() => resolveKubeconfig({ env })).toThrow(
      `kubeconfig ${join(dir, 'home', '.kube', 'config')} not found: set --kubeconfig or KUBECONFIG`,
    );
  });

  it('lists the known contexts when the asked one does not exist', () => {
    const path = kubeconfig('a.yaml', A);
    expect(() => resolveKubeconfig({ kubeconfigPath: path, context: 'prod', env })).toThrow(
      `context "prod" not found in ${path}; known contexts: a, s`,
    );
  });

  it('asks for --context when there is no current context', () => {
    const path = kubeconfig('none.yaml', A.replace('current-context: a', ''));
    expect(() => resolveKubeconfig({ kubeconfigPath: path, env })).toThrow(
      `${path} has no current context: pass --context NAME (known contexts: a, s)`,
    );
  });

  it('reports an unreadable file in words', () => {
    const path = kubeconfig('bad.yaml', 'clusters:\n- cluster: {}\n');
    expect(() => resolveKubeconfig({ kubeconfigPath: path, env })).toThrow(
      /could not be read: clusters\[0\]\.name is missing/,
    );
  });
});
