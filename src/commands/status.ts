// `fluxdeck status`: a one-shot health report of every Flux object in scope, as `flux get all` tables or
// a JSON document (status-json.ts), with the exit code scripts rely on: 0 all ready, 1 anything not ready
// (or a kind we were not allowed to read), 2 usage / kubeconfig / connection errors and reports that
// checked nothing: no Flux kind could be read (all forbidden or none installed), or -n names a namespace
// that does not exist — an empty report there must not read as "all ready".
import { formatFluxGetAll } from '../flux/flux-get.js';
import { KIND_NAMES } from '../flux/kinds.js';
import { degradedObject, type StatusObject } from '../flux/status-object.js';
import type { StatusRow } from '../flux/types.js';
import { degradedRow, isOwnerKind } from '../flux/workload-health.js';
import { describeError } from '../kube/errors.js';
import { oneShotNamespaceFallback } from '../kube/namespace-fallback.js';
import {
  type KindListing,
  listFluxObjects,
  type OneShotOptions,
  type OneShotResult,
} from '../kube/one-shot.js';
import type { ClusterInfo } from '../kube/port.js';
import { ownerInventories, readWorkloadsOnce, type WorkloadReadout } from '../kube/workload-once.js';
import { parseStatusArgs, STATUS_USAGE, type StatusOptions } from './status-args.js';
import { documentSection, statusJsonPieces } from './status-json.js';
import {
  DOCUMENT_OBJECTS,
  degradedTable,
  deriveSection,
  type KindSection,
  type StatusReport,
  summarize,
  summaryLine,
  TABLE_ROWS,
  type Verdict,
  withDegraded,
} from './status-report.js';

export interface StatusIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly env: NodeJS.ProcessEnv;
  /** The clock (tests). */
  readonly now?: () => number;
}

/**
 * Writes the pieces in order and resolves once the last is handed on (a stream keeps the order of its
 * writes), so exiting right after cannot cut a piped report short.
 */
function write(stream: NodeJS.WritableStream, ...pieces: string[]): Promise<void> {
  const text = pieces.filter((p) => p !== '');
  if (text.length === 0) return Promise.resolve();
  return new Promise((resolve) => {
    text.forEach((piece, i) => {
      if (i < text.length - 1) stream.write(piece);
      else stream.write(piece, () => resolve());
    });
  });
}

/** `fluxdeck status | head` closes the pipe early: that ends the report, it is not a crash. */
function tolerateClosedPipe(stream: NodeJS.WritableStream): void {
  if (typeof stream.on === 'function' && stream.listenerCount('error') === 0)
    stream.on('error', () => undefined);
}

/**
 * Lists every kind in scope, deriving rows of each as it arrives, and the workloads Flux applied alongside
 * (a Ready owner whose workloads are not is Degraded: `degrade` lays the verdict over its row); reports
 * kinds it may not read on stderr; undefined (after saying why) when the cluster cannot be reached at all.
 */
async function buildReport<R extends Verdict, S extends KindSection<R>>(
  take: (listing: KindListing) => S,
  degrade: (sections: readonly S[], verdicts: WorkloadReadout['verdicts']) => S[],
  scope: OneShotOptions,
  io: StatusIo,
  now: number,
): Promise<
  (StatusReport<R, S> & { readonly info: ClusterInfo; readonly namespaceExists?: boolean }) | undefined
> {
  let result: OneShotResult<S> & { readonly extra?: WorkloadReadout };
  const owners = ownerInventories(KIND_NAMES);
  const taking = (listing: KindListing) => {
    owners.take(listing);
    return take(listing);
  };
  try {
    result = await listFluxObjects(taking, scope, (transport, listed) =>
      readWorkloadsOnce(transport, scope.namespace, owners.ready(listed), now),
    );
  } catch (error) {
    await write(io.stderr, `fluxdeck status: ${describeError(error)}\n`);
    return undefined;
  }
  const verdicts = result.extra?.verdicts;
  const sections = verdicts && verdicts.size > 0 ? degrade(result.kinds, verdicts) : result.kinds;
  const report = summarize<R, S>(sections);
  const warnings = report.sections
    .filter((s) => s.state === 'forbidden')
    .map((s) => `✗ cannot list ${s.kind} objects: ${s.message}\n`)
    .join('');
  const blind = (result.extra?.unreadable ?? []).map(
    (what) => `✗ cannot list ${what} — a Ready object whose workloads fail is not reported as degraded\n`,
  );
  await write(io.stderr, warnings, ...blind);
  return {
    ...report,
    info: result.info,
    ...(result.namespaceExists === undefined ? {} : { namespaceExists: result.namespaceExists }),
  };
}

/** Why the report checked nothing (exit 2), in a sentence; undefined when it checked something. */
export function nothingChecked(
  sections: readonly Pick<KindSection<Verdict>, 'state'>[],
  namespace: string | undefined,
  namespaceExists: boolean | undefined,
  total: number,
): string | undefined {
  if (namespace !== undefined && namespaceExists === false && total === 0) {
    return `namespace "${namespace}" does not exist: nothing to report (check -n)`;
  }
  if (sections.some((s) => s.state === 'listed')) return undefined;
  const forbidden = sections.filter((s) => s.state === 'forbidden').length;
  const missing = sections.length - forbidden;
  if (forbidden > 0) {
    const also = missing > 0 ? `, ${missing} not installed` : '';
    return `no Flux kind could be read (${forbidden} forbidden${also}): nothing to report — ask for read access (Flux adds its kinds to the Kubernetes view role)`;
  }
  return 'no Flux kind is served by this cluster (no Flux CRDs installed): nothing to report — is Flux installed?';
}

/**
 * As the console: all namespaces, unless the context names a namespace and Kustomizations cannot be listed
 * across the cluster — then that namespace, said on stderr (-A keeps all namespaces).
 */
async function withNamespaceFallback(options: StatusOptions, io: StatusIo): Promise<StatusOptions> {
  if (options.namespace !== undefined || options.allNamespaces) return options;
  const fallback = await oneShotNamespaceFallback({
    kubeconfigPath: options.kubeconfig,
    context: options.context,
    env: io.env,
  });
  if (fallback === undefined) return options;
  await write(
    io.stderr,
    `fluxdeck status: listing Flux objects across the cluster is forbidden; showing namespace "${fallback}", the context's (-A keeps all namespaces)\n`,
  );
  return { ...options, namespace: fallback };
}

export async function runStatusCommand(argv: string[], io: StatusIo): Promise<number> {
  tolerateClosedPipe(io.stdout);
  tolerateClosedPipe(io.stderr);
  const parsed = parseStatusArgs(argv);
  if (!parsed.ok) {
    if (parsed.help) {
      await write(io.stdout, STATUS_USAGE);
      return 0;
    }
    await write(io.stderr, `fluxdeck status: ${parsed.message}\n${STATUS_USAGE}`);
    return 2;
  }
  const at = (io.now ?? Date.now)();
  const options = await withNamespaceFallback(parsed.options, io);
  const scope = {
    kubeconfigPath: options.kubeconfig,
    context: options.context,
    namespace: options.namespace,
    env: io.env,
  };
  if (options.output === 'json') {
    // Rows are kept only where a workloads verdict may be laid over them (and the kind printed again).
    const take = (listing: KindListing) =>
      documentSection(deriveSection(listing, DOCUMENT_OBJECTS), isOwnerKind(listing.kind));
    const report = await buildReport(
      take,
      (sections, verdicts) =>
        withDegraded(sections, (object: StatusObject) =>
          degradedObject(object, verdicts.get(`${object.kind}/${object.namespace}/${object.name}`)),
        ).map((s, i) => (s === sections[i] ? s : documentSection(s))),
      scope,
      io,
      at,
    );
    if (!report) return 2;
    await write(io.stdout, ...statusJsonPieces(report, report.info, new Date(at)));
    const nothing = nothingChecked(
      report.sections,
      options.namespace,
      report.namespaceExists,
      report.summary.total,
    );
    if (nothing === undefined) return report.exitCode;
    await write(io.stderr, `fluxdeck status: ${nothing}\n`);
    return 2;
  }
  const report = await buildReport(
    (listing) => deriveSection(listing, TABLE_ROWS),
    (sections, verdicts) =>
      withDegraded(sections, (row: StatusRow) => degradedRow(row, verdicts.get(row.key))),
    scope,
    io,
    at,
  );
  if (!report) return 2;
  const nothing = nothingChecked(
    report.sections,
    options.namespace,
    report.namespaceExists,
    report.summary.total,
  );
  if (nothing !== undefined) {
    await write(io.stderr, `fluxdeck status: ${nothing}\n`);
    return 2;
  }
  const tables = formatFluxGetAll(report.sections, { allNamespaces: options.namespace === undefined });
  if (tables === '') {
    const where = options.namespace === undefined ? 'any namespace' : `the "${options.namespace}" namespace`;
    await write(io.stderr, `no Flux objects found in ${where}\n`);
  }
  await write(io.stdout, tables, degradedTable(report.sections, at, options.namespace === undefined));
  await write(io.stderr, `${summaryLine(report.summary)}\n`);
  return report.exitCode;
}
