// Controller log lines in Flux's formats (docs/logs-and-events.md). Current controllers log zap JSON through
// controller-runtime: level, ts (ISO 8601), msg, controller, controllerGroup, controllerKind, an object key named
// after the Kind, namespace, name, reconcileID, then per-message extras. Pre-2023 builds used `logger:
// "controller.<kind>"`, `reconciler group`, `reconciler kind`; the simulated image-automation-controller keeps
// that older shape so readers of both formats get exercised. Pods also print a few non-JSON (klog) lines.
import { type ControllerName, type KindName, kindInfo } from '../flux/kinds.js';

export type FluxLogLevel = 'info' | 'error' | 'debug';

export interface LoggedObject {
  readonly kind: KindName;
  readonly name: string;
  readonly namespace: string;
}

export interface ReconcilerLogEntry {
  readonly level: FluxLogLevel;
  /** Clock time in ms. */
  readonly at: number;
  readonly msg: string;
  readonly object: LoggedObject;
  readonly reconcileID: string;
  /** Extra keys after the standard ones, e.g. `revision`, `error`. */
  readonly extras?: Readonly<Record<string, unknown>>;
}

/** Controllers still on the pre-2023 controller-runtime log keys. */
export const LEGACY_LOG_FORMAT: ReadonlySet<ControllerName> = new Set(['image-automation-controller']);

export function isoTimestamp(at: number): string {
  return new Date(at).toISOString();
}

export function reconcilerLogLine(entry: ReconcilerLogEntry): string {
  const { kind, name, namespace } = entry.object;
  const line: Record<string, unknown> = {
    level: entry.level,
    ts: isoTimestamp(entry.at),
    msg: entry.msg,
    controller: kind.toLowerCase(),
    controllerGroup: kindInfo(kind).group,
    controllerKind: kind,
    [kind]: { name, namespace },
    namespace,
    name,
    reconcileID: entry.reconcileID,
    ...entry.extras,
  };
  return JSON.stringify(line);
}

export function legacyReconcilerLogLine(entry: Omit<ReconcilerLogEntry, 'reconcileID'>): string {
  const { kind, name, namespace } = entry.object;
  const line: Record<string, unknown> = {
    level: entry.level,
    ts: isoTimestamp(entry.at),
    logger: `controller.${kind.toLowerCase()}`,
    msg: entry.msg,
    'reconciler group': kindInfo(kind).group,
    'reconciler kind': kind,
    name,
    namespace,
    ...entry.extras,
  };
  return JSON.stringify(line);
}

/** A line not tied to an object (setup, leader election, runtime). */
export function runtimeLogLine(
  level: FluxLogLevel,
  at: number,
  msg: string,
  fields: Readonly<Record<string, unknown>> = {},
): string {
  const { logger, ...rest } = fields;
  const head =
    typeof logger === 'string' ? { level, ts: isoTimestamp(at), logger } : { level, ts: isoTimestamp(at) };
  return JSON.stringify({ ...head, msg, ...rest });
}

/** klog's text format, which client-go's leader election still prints: `I0103 10:00:00.123456       1 file:line] msg`. */
export function klogLine(severity: 'I' | 'W' | 'E', at: number, source: string, msg: string): string {
  const d = new Date(at);
  const p2 = (n: number) => String(n).padStart(2, '0');
  const micros = String(d.getUTCMilliseconds() * 1000).padStart(6, '0');
  const stamp = `${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${micros}`;
  return `${severity}${stamp}       1 ${source}] ${msg}`;
}

/** What a controller pod prints when its manager starts, up to its workers running. */
export function startupLogLines(
  controller: ControllerName,
  kinds: readonly KindName[],
  at: number,
): string[] {
  const lease = `flux-system/${controller}-leader-election`;
  const lines = [
    runtimeLogLine('info', at, 'starting manager', { logger: 'setup' }),
    runtimeLogLine('info', at + 2, 'Starting metrics server', { logger: 'controller-runtime.metrics' }),
    runtimeLogLine('info', at + 3, 'starting server', { name: 'health probe', addr: '[::]:9440' }),
    runtimeLogLine('info', at + 4, 'Serving metrics server', {
      logger: 'controller-runtime.metrics',
      bindAddress: ':8080',
      secure: false,
    }),
    klogLine('I', at + 5, 'leaderelection.go:257', `attempting to acquire leader lease ${lease}...`),
    klogLine('I', at + 1200, 'leaderelection.go:271', `successfully acquired lease ${lease}`),
  ];
  for (const kind of kinds) lines.push(...controllerStartLines(controller, kind, at + 1201));
  return lines;
}

function controllerStartLines(controller: ControllerName, kind: KindName, at: number): string[] {
  const group = kindInfo(kind).group;
  const version = kindInfo(kind).versions[0] ?? 'v1';
  if (LEGACY_LOG_FORMAT.has(controller)) {
    const keys = {
      logger: `controller.${kind.toLowerCase()}`,
      'reconciler group': group,
      'reconciler kind': kind,
    };
    return [
      runtimeLogLine('info', at, 'Starting EventSource', { ...keys, source: `kind source: /, Kind=` }),
      runtimeLogLine('info', at + 1, 'Starting Controller', keys),
      runtimeLogLine('info', at + 102, 'Starting workers', { ...keys, 'worker count': 4 }),
    ];
  }
  const keys = {
    logger: 'runtime',
    controller: kind.toLowerCase(),
    controllerGroup: group,
    controllerKind: kind,
  };
  return [
    runtimeLogLine('info', at, 'Starting EventSource', {
      ...keys,
      source: `kind source: *${version}.${kind}`,
    }),
    runtimeLogLine('info', at + 1, 'Starting Controller', keys),
    runtimeLogLine('info', at + 102, 'Starting workers', { ...keys, 'worker count': 4 }),
  ];
}
