// The helm commands fluxdeck calls and the runbook uses: history, rollback, list, status — output, errors and
// release-storage effects as Helm 4 has them (pkg/cmd/history.go, rollback.go, list.go, status.go;
// pkg/action/rollback.go).
import type { HelmRelease } from '../helm-storage.js';
import { PENDING_STATUSES } from '../helm-storage.js';
import type { HelmArgs } from './args.js';
import { UsageError } from './args.js';
import { ansic, goJson, goTimeString, goYaml, table } from './output.js';
import { HelmError, type Storage } from './storage.js';

export const ERR_NOT_FOUND = 'release: not found';
export const ERR_PENDING = 'another operation (install/upgrade/rollback) is in progress';

const chartName = (r: HelmRelease) =>
  r.chart?.metadata ? `${r.chart.metadata.name}-${r.chart.metadata.version}` : 'MISSING';
const appVersion = (r: HelmRelease) => (r.chart?.metadata ? (r.chart.metadata.appVersion ?? '') : 'MISSING');

function exactlyOne(args: HelmArgs, use: string): string {
  const [name, ...rest] = args.positional;
  if (!name || rest.length > 0) {
    throw new UsageError(`"helm ${args.command}" requires 1 argument\n\nUsage:  helm ${use} [flags]`);
  }
  return name;
}

export async function history(args: HelmArgs, storage: Storage): Promise<string> {
  const name = exactlyOne(args, 'history RELEASE_NAME');
  const all = await storage.history(name);
  if (all.length === 0) throw new HelmError(ERR_NOT_FOUND);
  const shown = all.slice(-(args.max ?? 256));
  const rows = shown.map((r) => ({
    revision: r.version,
    ...(r.info.last_deployed ? { updated: r.info.last_deployed } : {}),
    status: r.info.status,
    chart: chartName(r),
    app_version: appVersion(r),
    description: r.info.description ?? '',
  }));
  if (args.output === 'json') return goJson(rows);
  if (args.output === 'yaml') return goYaml(rows);
  return table([
    ['REVISION', 'UPDATED', 'STATUS', 'CHART', 'APP VERSION', 'DESCRIPTION'],
    ...rows.map((r) => [
      String(r.revision),
      ansic(r.updated ?? ''),
      r.status,
      r.chart,
      r.app_version,
      r.description,
    ]),
  ]);
}

export async function rollback(args: HelmArgs, storage: Storage): Promise<string> {
  const [name, revisionArg, ...rest] = args.positional;
  if (!name || rest.length > 0) {
    throw new UsageError(
      '"helm rollback" requires at least 1 argument\n\nUsage:  helm rollback <RELEASE> [REVISION] [flags]',
    );
  }
  let wanted = 0;
  if (revisionArg !== undefined) {
    wanted = Number(revisionArg);
    if (!/^-?\d+$/.test(revisionArg))
      throw new HelmError(`could not convert revision to a number: ${revisionArg}`);
    if (wanted < 0) throw new HelmError('invalid release revision');
  }
  const all = await storage.history(name);
  const current = all.at(-1);
  if (!current) throw new HelmError(ERR_NOT_FOUND);
  if ((PENDING_STATUSES as readonly string[]).includes(current.info.status)) throw new HelmError(ERR_PENDING);
  const targetVersion = wanted === 0 ? current.version - 1 : wanted;
  const previous = all.find((r) => r.version === targetVersion);
  if (!previous) throw new HelmError(`release has no ${targetVersion} version`);
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const target: HelmRelease = {
    name,
    info: {
      first_deployed: current.info.first_deployed,
      last_deployed: now,
      description: `Rollback to ${targetVersion}`,
      status: 'pending-rollback',
      rollback_revision: targetVersion,
      ...(previous.info.notes ? { notes: previous.info.notes } : {}),
    },
    chart: previous.chart,
    ...(previous.config ? { config: previous.config } : {}),
    ...(previous.manifest ? { manifest: previous.manifest } : {}),
    version: current.version + 1,
    namespace: current.namespace,
  };
  await storage.create(target);
  try {
    await storage.apply(target);
  } catch (error) {
    // pkg/action/rollback.go: the release that was latest becomes superseded — even a failed upgrade — and the
    // rollback revision failed; helm prints the apply error itself.
    const reason = error instanceof Error ? error.message : String(error);
    await storage.update({ ...current, info: { ...current.info, status: 'superseded' } });
    await storage.update({
      ...target,
      info: { ...target.info, status: 'failed', description: `Rollback "${name}" failed: ${reason}` },
    });
    throw error instanceof HelmError ? error : new HelmError(reason);
  }
  // Supersede every deployed revision (helm/helm#2941), then the rollback itself is deployed.
  for (const release of all) {
    if (release.info.status !== 'deployed') continue;
    await storage.update({ ...release, info: { ...release.info, status: 'superseded' } });
  }
  await storage.update({ ...target, info: { ...target.info, status: 'deployed' } });
  return 'Rollback was a success! Happy Helming!\n';
}

export async function list(args: HelmArgs, storage: Storage): Promise<string> {
  if (args.positional.length > 0)
    throw new UsageError(`"helm list" accepts no arguments\n\nUsage:  helm list [flags]`);
  const wanted = ['--deployed', '--failed', '--pending', '--superseded', '--uninstalled'].filter((f) =>
    args.flags.has(f),
  );
  const matches = (status: string) =>
    args.flags.has('--all') ||
    wanted.length === 0 ||
    wanted.some((f) => (f === '--pending' ? status.startsWith('pending-') : `--${status}` === f));
  const releases = (await storage.latestAll(args.allNamespaces))
    .filter((r) => matches(r.info.status))
    .sort((a, b) => a.name.localeCompare(b.name) || a.namespace.localeCompare(b.namespace))
    .slice(0, args.max ?? 256);
  const rows = releases.map((r) => ({
    name: r.name,
    namespace: r.namespace,
    revision: String(r.version),
    updated: r.info.last_deployed ? goTimeString(r.info.last_deployed) : '-',
    status: r.info.status,
    chart: chartName(r),
    app_version: appVersion(r),
  }));
  if (args.flags.has('-q') || args.flags.has('--short')) {
    const names = rows.map((r) => r.name);
    if (args.output === 'json') return goJson(names);
    if (args.output === 'yaml') return goYaml(names);
    return names.map((n) => `${n}\n`).join('');
  }
  if (args.output === 'json') return goJson(rows);
  if (args.output === 'yaml') return goYaml(rows);
  const header = args.flags.has('--no-headers')
    ? []
    : [['NAME', 'NAMESPACE', 'REVISION', 'UPDATED', 'STATUS', 'CHART', 'APP VERSION']];
  return table([
    ...header,
    ...rows.map((r) => [r.name, r.namespace, r.revision, r.updated, r.status, r.chart, r.app_version]),
  ]);
}

export async function status(args: HelmArgs, storage: Storage): Promise<string> {
  const name = exactlyOne(args, 'status RELEASE_NAME');
  const release = (await storage.history(name)).at(-1);
  if (!release) throw new HelmError(ERR_NOT_FOUND);
  if (args.output === 'json') return goJson(release);
  if (args.output === 'yaml') return goYaml(release);
  const lines = [
    `NAME: ${release.name}`,
    `LAST DEPLOYED: ${ansic(release.info.last_deployed)}`,
    `NAMESPACE: ${release.namespace}`,
    `STATUS: ${release.info.status}`,
    `REVISION: ${release.version}`,
    `DESCRIPTION: ${release.info.description ?? ''}`,
    'TEST SUITE: None',
  ];
  if (release.info.notes?.trim()) lines.push('NOTES:', release.info.notes.trim());
  return `${lines.join('\n')}\n`;
}
