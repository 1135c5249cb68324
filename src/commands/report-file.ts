// `:report` in the console: the same report `fluxdeck report` writes, made from what the console already
// holds (its watches, log streams and the transitions it recorded), written as Markdown to a file of its
// own under the state directory (the demo's under its temporary folder), mode 0600. The path is returned
// for the console to show.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readAuditLog } from '../actions/audit.js';
import { buildReport } from '../flux/report.js';
import type { ClusterPort } from '../kube/port.js';
import { reportMarkdown } from '../present/report-markdown.js';
import { contextFileName, type StateLocation, stateDirectory } from '../state/state-directory.js';
import { portReportInput } from './report-gather.js';

export interface ConsoleReportOptions {
  readonly port: ClusterPort;
  /** The audit log the console writes (its actions for this context are read back from it). */
  readonly auditPath: string | undefined;
  readonly location: StateLocation;
  readonly now: number;
}

/** `prod-eu-20261206T021500Z.md`: sortable, and safe whatever the context is called. */
export function reportFileName(context: string, now: number): string {
  const safe = contextFileName(context);
  const stamp = new Date(now).toISOString().slice(0, 19).replace(/[-:]/g, '');
  return `${safe}-${stamp}Z.md`;
}

export async function writeConsoleReport(o: ConsoleReportOptions): Promise<string> {
  const gaps: string[] = [];
  let audit: Awaited<ReturnType<typeof readAuditLog>> = [];
  if (o.auditPath) {
    try {
      audit = await readAuditLog(o.auditPath, o.port.info.context);
    } catch (error) {
      gaps.push(`actions: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const input = await portReportInput(o.port, audit, o.now, gaps);
  const dir = join(stateDirectory(o.location), 'reports');
  const path = join(dir, reportFileName(o.port.info.context, o.now));
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFile(path, reportMarkdown(buildReport(input)), { mode: 0o600 });
  return path;
}
