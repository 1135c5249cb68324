// The files fluxdeck reads at start, written for a test in a folder of its own (never the user's): a config
// home (what XDG_CONFIG_HOME points at) and a kubeconfig naming contexts.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';

/** A new config home holding `text` as fluxdeck/config.yaml; its path. */
export function configHome(text: string): string {
  const home = mkdtempSync(join(tmpdir(), 'fluxdeck-config-'));
  mkdirSync(join(home, 'fluxdeck'));
  writeFileSync(join(home, 'fluxdeck', 'config.yaml'), text);
  return home;
}

/** `dir/kubeconfig` naming `contexts` (the first current), all on one server that is never reached. */
export function writeKubeconfig(dir: string, contexts: readonly string[]): string {
  const path = join(dir, 'kubeconfig');
  writeFileSync(
    path,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'c', cluster: { server: 'https://127.0.0.1:1' } }],
      users: [{ name: 'u', user: { token: 't' } }],
      contexts: contexts.map((name) => ({ name, context: { cluster: 'c', user: 'u' } })),
      'current-context': contexts[0],
    }),
    { mode: 0o600 },
  );
  return path;
}

/** A kubeconfig `document` (written as YAML, private to the user) in a new folder of its own; its path. */
export function kubeconfigFile(document: Record<string, unknown>): string {
  const path = join(mkdtempSync(join(tmpdir(), 'fluxdeck-kubeconfig-')), 'kubeconfig');
  writeFileSync(path, stringify(document), { mode: 0o600 });
  return path;
}
