// The incident report as Markdown that reads well pasted into a chat or a postmortem document: a title, a
// summary in sentences, tables for the lists, and the detail of each failing object. Every piece of text
// came from the cluster or a file: it is already sanitised (src/flux/report.ts) and is escaped here so it
// cannot break out of its table cell, start a heading, or become a link or markup.
import type { IncidentReport, ReportChanges, ReportFailure, ReportLine } from '../flux/report.js';
import { formatDuration } from '../flux/time.js';

/**
 * Escapes Markdown's inline markup (emphasis, code, links, HTML, strike-through) and table separators. Text
 * never starts a line here (it follows `| ` or `- `), so block markers need no escape; newlines never reach
 * here (sanitised to one line).
 */
export function mdText(value: string): string {
  return value.replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`);
}

/**
 * An inline code span that holds any text: a fence longer than any run of backticks inside it. Not for table
 * cells (a `|` would end the cell).
 */
export function mdCode(value: string): string {
  if (value === '') return '';
  const longest = Math.max(0, ...[...value.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = value.startsWith('`') || value.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${value}${pad}${fence}`;
}

function when(iso: string): string {
  return iso ? iso.replace('T', ' ') : 'unknown';
}

function since(iso: string, lowerBound: boolean, now: string): string {
  const ms = Date.parse(now) - Date.parse(iso);
  if (!iso || !Number.isFinite(ms)) return 'unknown';
  return `${lowerBound ? '≥ ' : ''}${formatDuration(Math.max(0, ms))} (since ${when(iso)})`;
}

function table(headers: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${headers.join(' | ')} |`,
    `| ${headers.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
}

function repeated(l: ReportLine): string {
  return l.count > 1 ? ` (×${l.count})` : '';
}

function changesSection(c: ReportChanges): string[] {
  const out = [
    `- What changed (Helm revision ${c.fromRevision} → ${c.toRevision}): chart ${mdCode(c.chart)}`,
  ];
  if (c.values.length > 0) out.push(`  - values: ${c.values.map(mdCode).join(', ')}`);
  if (c.objects.length > 0) out.push(`  - objects: ${c.objects.map(mdCode).join(', ')}`);
  if (c.values.length === 0 && c.objects.length === 0) out.push('  - values and rendered objects unchanged');
  return out;
}

function failureSection(f: ReportFailure, now: string): string[] {
  const reason = f.reason ? `, reason ${mdCode(f.reason)}` : '';
  const out = [
    `### ${mdText(f.object)}`,
    '',
    f.status === 'Degraded'
      ? `- Degraded for ${since(f.failingSince, f.lowerBound, now)}: Ready, but the workloads it manages are not${reason}`
      : `- Failing for ${since(f.failingSince, f.lowerBound, now)}${reason}`,
  ];
  if (f.message) out.push(`- Message: ${mdText(f.message)}`);
  if (f.revision) out.push(`- Revision: ${mdCode(f.revision)}`);
  if (f.blockedBy.length > 0) out.push(`- Blocked by: ${f.blockedBy.map(mdText).join(', ')}`);
  if (f.dependsOn.length > 0)
    out.push(
      `- Depends on: ${f.dependsOn.map((d) => `${mdText(d.object)} (${d.ready ? 'ready' : 'not ready'})`).join(', ')}`,
    );
  if (f.changes) out.push(...changesSection(f.changes));
  const conditions = f.conditions.filter((c) => c.type === 'Ready' || c.status !== 'False' || c.reason);
  if (conditions.length > 0) {
    out.push(
      '',
      ...table(
        ['Condition', 'Status', 'Reason', 'Message'],
        conditions.map((c) => [mdText(c.type), mdText(c.status), mdText(c.reason), mdText(c.message)]),
      ),
    );
  }
  if (f.events.length > 0) {
    out.push('', 'Events:', '');
    for (const e of f.events)
      out.push(`- ${when(e.at)} ${mdText(e.what)}${repeated(e)}: ${mdText(e.detail)}`);
  }
  if (f.logErrors.length > 0) {
    out.push('', 'Controller errors:', '');
    for (const l of f.logErrors) out.push(`- ${when(l.at)}${repeated(l)}: ${mdText(l.detail)}`);
  }
  out.push('');
  return out;
}

export function reportMarkdown(r: IncidentReport): string {
  const scope = r.cluster.namespace === null ? 'all namespaces' : `namespace ${mdCode(r.cluster.namespace)}`;
  const out: string[] = [
    `# Flux incident report: ${mdText(r.cluster.context || r.cluster.cluster || 'cluster')}`,
    '',
    `Generated ${when(r.generatedAt)} by fluxdeck. Context ${mdCode(r.cluster.context)}, cluster ${mdCode(r.cluster.cluster)}, server ${mdCode(r.cluster.server)}, as ${mdCode(r.cluster.user)}, ${scope}.`,
    '',
    r.window.startObject
      ? `Window: ${when(r.window.start)} (when ${mdText(r.window.startObject)} began failing${r.window.startLowerBound ? ', or earlier' : ''}) to ${when(r.window.end)}.`
      : `Window: ${when(r.window.start)} to ${when(r.window.end)}.`,
    '',
    '## Summary',
    '',
  ];
  const s = r.summary;
  out.push(
    s.failing === 0
      ? `- Nothing is failing now: ${s.objects} Flux objects in scope are ready or suspended.`
      : `- **${s.failing} of ${s.objects} Flux objects failing now**, from ${s.rootCauses} root cause${s.rootCauses === 1 ? '' : 's'}.`,
  );
  if (s.degraded > 0)
    out.push(
      s.degraded === 1
        ? '- 1 of them Degraded: Ready, but the workloads it manages are not.'
        : `- ${s.degraded} of them Degraded: Ready, but the workloads they manage are not.`,
    );
  if (s.suspended > 0) out.push(`- ${s.suspended} suspended.`);
  if (s.recovered > 0) out.push(`- ${s.recovered} recovered during the window.`);
  out.push(
    `- ${s.actions === 0 ? 'No actions' : `${s.actions} action${s.actions === 1 ? '' : 's'}`} taken through fluxdeck.`,
  );
  for (const gap of r.gaps) out.push(`- Not covered: ${mdText(gap)}`);
  out.push('');

  if (r.rootCauses.length > 0) {
    out.push('## Root causes', '');
    out.push(
      ...table(
        ['Object', 'Status', 'Failing for', 'Reason', 'Blocks'],
        r.rootCauses.map((root) => [
          mdText(root.object),
          mdText(root.status),
          since(root.failingSince, root.lowerBound, r.generatedAt),
          mdText(root.reason),
          root.blocks.length === 0 ? '—' : root.blocks.map(mdText).join(', '),
        ]),
      ),
      '',
    );
  }
  if (r.failing.length > 0) {
    out.push('## Still failing', '');
    for (const f of r.failing) out.push(...failureSection(f, r.generatedAt));
  }
  if (r.recovered.length > 0) {
    out.push('## Recovered', '');
    out.push(
      ...table(
        ['Object', 'Failed', 'Recovered', 'Was'],
        r.recovered.map((x) => [mdText(x.object), when(x.failedAt), when(x.recoveredAt), mdText(x.reason)]),
      ),
      '',
    );
  }
  if (r.actions.length > 0) {
    out.push('## Actions taken', '');
    out.push(
      ...table(
        ['Began', 'Ended', 'Who', 'Action', 'Target', 'Outcome', 'Detail'],
        r.actions.map((a) => [
          when(a.at),
          a.endedAt ? when(a.endedAt) : '—',
          mdText(a.user),
          mdText(a.action),
          a.targets.map(mdText).join(', '),
          mdText(a.outcome),
          mdText(a.detail),
        ]),
      ),
      '',
    );
  }
  out.push('## Timeline', '');
  if (r.timeline.length === 0) out.push('Nothing recorded in the window.');
  else
    out.push(
      ...table(
        ['Time', 'What', 'Detail'],
        r.timeline.map((e) => [when(e.at), `${mdText(e.what)}${repeated(e)}`, mdText(e.detail)]),
      ),
    );
  if (r.timelineOmitted > 0) out.push('', `${r.timelineOmitted} later timeline lines left out.`);
  out.push('');
  return out.join('\n');
}
