// `fluxdeck report`: an incident report of the context (src/flux/report.ts), as Markdown or JSON, on
// standard output or into a file. It opens the same watches and log streams the console does, waits until
// they have delivered what the cluster holds (every kind listed, the events, the controllers' recent log
// lines), reads the transitions earlier consoles recorded for this context and the audit log, and writes.
// Exit codes: 0 written, 2 usage, kubeconfig, connection or write errors.
import { writeFile } from 'node:fs/promises';
import { auditLogPath, readAuditLog } from '../actions/audit.js';
import { KINDS } from '../flux/kinds.js';
import { buildReport } from '../flux/report.js';
import { createClusterPort } from '../kube/cluster.js';
import { describeError } from '../kube/errors.js';
import { currentContextName } from '../kube/kubeconfig.js';
import type { ClusterPort } from '../kube/port.js';
import { TransitionRecorder } from '../kube/transition-recorder.js';
import { reportMarkdown } from '../present/report-markdown.js';
import { journalPath, readJournal } from '../state/transition-journal.js';
import { parseReportArgs, REPORT_USAGE } from './report-args.js';
import { gatherReportInput } from './report-gather.js';

export interface ReportIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly env: NodeJS.ProcessEnv;
  readonly now?: () => number;
  /** The longest wait for the watches and log streams to deliver (default 20 s). */
  readonly settleTimeoutMs?: number;
}

const ALL_CONTROLLERS = [...new Set(KINDS.map((k) => k.controller))];
/** After the streams are open: how long the log tails may stay quiet before they count as delivered. */
const LOG_QUIET_MS = 300;

function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve) => {
    if (text === '') resolve();
    else stream.write(text, () => resolve());
  });
}

/** Whether every watch has delivered its first list and every controller pod's log stream is open. */
function delivered(port: ClusterPort): boolean {
  const s = port.getSnapshot();
  for (const slice of s.kinds.values()) if (slice.state.phase === 'loading') return false;
  if (s.events.state.phase === 'loading' || s.pods.state.phase === 'loading') return false;
  const streams = port.getLogSnapshot().streams;
  return s.pods.items.every((pod) => streams.some((st) => st.pod === pod.name && st.phase !== 'connecting'));
}

/**
 * Resolves when the port has delivered what the cluster holds, or at the timeout with what it has (the gaps
 * say what was missing). Watches, not a poll: every snapshot and log publish re-checks.
 */
function settle(port: ClusterPort, timeoutMs: number): Promise<string[]> {
  return new Promise((resolve) => {
    let quiet: NodeJS.Timeout | undefined;
    const done = (gaps: string[]) => {
      clearTimeout(limit);
      clearTimeout(quiet);
      offSnapshot();
      offLogs();
      resolve(gaps);
    };
    const check = () => {
      if (!delivered(port)) return;
      clearTimeout(quiet);
      quiet = setTimeout(() => done([]), LOG_QUIET_MS);
    };
    const limit = setTimeout(() => {
      const s = port.getSnapshot();
      const loading = [...s.kinds].filter(([, k]) => k.state.phase === 'loading').map(([kind]) => kind);
      done([
        `not everything arrived within ${Math.round(timeoutMs / 1000)} s${loading.length ? ` (still listing ${loading.join(', ')})` : ''}: the report shows what had`,
      ]);
    }, timeoutMs);
    const offSnapshot = port.subscribe(check);
    const offLogs = port.subscribeLogs(check);
    check();
  });
}

export async function runReportCommand(argv: readonly string[], io: ReportIo): Promise<number> {
  const parsed = parseReportArgs(argv);
  if (!parsed.ok) {
    if (parsed.help) {
      await write(io.stdout, REPORT_USAGE);
      return 0;
    }
    await write(io.stderr, `fluxdeck report: ${parsed.message}\n`);
    return 2;
  }
  const o = parsed.options;
  const now = io.now ?? Date.now;
  const context = o.context ?? currentContextName(o.kubeconfig, io.env) ?? '';
  // Read only: a report never writes the console's journal.
  const journal = await readJournal(journalPath(context, { env: io.env }));
  const gaps: string[] = [];
  if (journal.error) gaps.push(`transitions recorded by earlier consoles: ${journal.error}`);

  let port: ClusterPort;
  try {
    port = await createClusterPort({
      kubeconfigPath: o.kubeconfig,
      context: o.context,
      namespace: o.namespace,
      allNamespaces: o.namespace === undefined,
      env: io.env,
      now,
      transitions: new TransitionRecorder(journal.transitions),
    });
  } catch (error) {
    await write(io.stderr, `fluxdeck report: ${describeError(error)}\n`);
    return 2;
  }
  try {
    port.followControllers(ALL_CONTROLLERS);
    gaps.push(...(await settle(port, io.settleTimeoutMs ?? 20_000)));
    let audit: Awaited<ReturnType<typeof readAuditLog>> = [];
    const auditPath = o.auditLog ?? auditLogPath({ env: io.env });
    try {
      audit = await readAuditLog(auditPath, port.info.context);
    } catch (error) {
      gaps.push(`actions: ${describeError(error)}`);
    }
    const at = now();
    const input = await gatherReportInput({ port, audit, now: at, gaps });
    const report = buildReport(input, o.sinceMs !== undefined ? { since: at - o.sinceMs } : {});
    const text = o.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : reportMarkdown(report);
    if (o.output === undefined) {
      await write(io.stdout, text);
      return 0;
    }
    try {
      await writeFile(o.output, text, { mode: 0o600 });
    } catch (error) {
      await write(io.stderr, `fluxdeck report: could not write ${o.output}: ${describeError(error)}\n`);
      return 2;
    }
    await write(io.stderr, `fluxdeck report: written to ${o.output}\n`);
    return 0;
  } finally {
    await port.close();
  }
}
