// The Flux Operator's FluxReport as a few lines above the Controllers table: the distribution and its sync,
// each controller's version and readiness, and per kind how many objects run, fail and are suspended
// (docs/flux-operator.md). Problems go first on each line so a narrow terminal still shows them, and every
// state is a word (ready, NOT READY), never only a colour.
import { type FluxReportSummary, imageTag, reportTotals } from '../flux/flux-report.js';
import type { Notice } from './watch-state.js';

function distributionLine(report: FluxReportSummary): Notice {
  const d = report.distribution;
  const flux = [`Flux ${d.version || '(version unknown)'}`, d.status].filter(Boolean).join(' ');
  const managed = d.managedBy ? `, managed by ${d.managedBy}` : '';
  const operator = report.operatorVersion ? ` (operator ${report.operatorVersion})` : '';
  const sync = report.sync
    ? report.sync.ready
      ? `; sync ${report.sync.id}: ready`
      : `; sync ${report.sync.id}: NOT READY${report.sync.status ? ` — ${report.sync.status}` : ''}`
    : '';
  const paused = report.suspended
    ? `FluxReport ${report.namespace}/${report.name} is suspended, figures not updated: `
    : '';
  const tone = report.sync && !report.sync.ready ? 'bad' : report.suspended ? 'warn' : 'ok';
  return { text: `${paused}report: ${flux}${managed}${operator}${sync}`, tone };
}

function componentsLine(report: FluxReportSummary): Notice | undefined {
  if (report.components.length === 0) return undefined;
  const sorted = [...report.components].sort((a, b) => Number(a.ready) - Number(b.ready));
  const parts = sorted.map((c) => {
    const tag = imageTag(c.image);
    const name = tag ? `${c.name} ${tag}` : c.name;
    return c.ready ? `${name} ready` : `${name} NOT READY${c.status ? ` (${c.status})` : ''}`;
  });
  const bad = report.components.some((c) => !c.ready);
  return { text: `components: ${parts.join(' · ')}`, tone: bad ? 'bad' : 'ok' };
}

function reconcilersLine(report: FluxReportSummary): Notice | undefined {
  const counted = report.reconcilers.filter((r) => r.running + r.failing + r.suspended > 0);
  if (counted.length === 0) return undefined;
  // Failing kinds first, then suspended ones: what needs a look survives a narrow terminal.
  const sorted = [...counted].sort((a, b) => b.failing - a.failing || b.suspended - a.suspended);
  const totals = reportTotals(report);
  const parts = sorted.map((r) => `${r.kind} ${r.running}/${r.failing}/${r.suspended}`);
  const tone = totals.failing > 0 ? 'bad' : totals.suspended > 0 ? 'warn' : 'muted';
  const head = `reconcilers ${totals.failing} failing, ${totals.suspended} suspended (running/failing/suspended)`;
  return { text: `${head}: ${parts.join(' · ')}`, tone };
}

/** The report's lines, most telling first: distribution and sync, components, reconcilers. */
export function fluxReportLines(report: FluxReportSummary): readonly Notice[] {
  return [distributionLine(report), componentsLine(report), reconcilersLine(report)].filter(
    (n): n is Notice => n !== undefined,
  );
}
