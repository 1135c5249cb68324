// `fluxdeck report`: an incident report of the context (src/flux/report.ts), as Markdown or JSON, on
// standard output or into a file. It reads what the cluster holds in one parallel pass (every Flux kind,
// the events, the controllers' recent log lines, Helm storage of the failing releases: src/kube/
// report-read.ts), the transitions earlier consoles recorded for this context and the audit log, and writes.
// Exit codes: 0 written, 2 usage, kubeconfig, connection or write errors.
import { writeFile } from 'node:fs/promises';
import { auditLogPath, readAuditLog } from '../actions/audit.js';
import { buildReport } from '../flux/report.js';
import { describeError } from '../kube/errors.js';
import { currentContextName } from '../kube/kubeconfig.js';
import { type ReportRead, readForReport } from '../kube/report-read.js';
import { TransitionRecorder } from '../kube/transition-recorder.js';
import { reportMarkdown } from '../present/report-markdown.js';
import { journalPath, readJournal } from '../state/transition-journal.js';
import { parseReportArgs, REPORT_USAGE } from './report-args.js';
import { reportInput } from './report-gather.js';

export interface ReportIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly env: NodeJS.ProcessEnv;
  readonly now?: () => number;
}

function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve) => {
    if (text === '') resolve();
    else stream.write(text, () => resolve());
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

  let read: ReportRead;
  try {
    read = await readForReport({
      kubeconfigPath: o.kubeconfig,
      context: o.context,
      namespace: o.namespace,
      env: io.env,
      now,
      transitions: new TransitionRecorder(journal.transitions),
    });
  } catch (error) {
    await write(io.stderr, `fluxdeck report: ${describeError(error)}\n`);
    return 2;
  }
  let audit: Awaited<ReturnType<typeof readAuditLog>> = [];
  const auditPath = o.auditLog ?? auditLogPath({ env: io.env });
  try {
    audit = await readAuditLog(auditPath, read.info.context);
  } catch (error) {
    gaps.push(`actions: ${describeError(error)}`);
  }
  const at = now();
  const input = reportInput({ ...read, audit, now: at, gaps: [...gaps, ...read.gaps] });
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
}
