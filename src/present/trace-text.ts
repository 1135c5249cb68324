// `fluxdeck trace` as text, shaped like `flux trace`'s output (blocks of `Field: value` separated by
// `---`, the object first) with what fluxdeck adds: each link's status word, the verdict and the revision
// line. Everything in a Trace is already display-safe (src/flux/trace.ts).
import type { Trace, TraceLink } from '../flux/trace.js';

const ROLE_LABEL: Readonly<Record<TraceLink['role'], string>> = {
  object: 'Object',
  owner: 'Owned by',
  manager: 'Applied by',
  source: 'Source',
};

function block(link: TraceLink): [string, string][] {
  const fields: [string, string][] = [
    [ROLE_LABEL[link.role], `${link.kind}/${link.name}`],
    ['Namespace', link.namespace],
    ...(link.fields ?? []).map((f): [string, string] => [f.label, f.value]),
    ['Status', link.reason ? `${link.status} (${link.reason})` : link.status],
    ['Revision', link.revision],
    ['Message', link.message],
  ];
  return fields.filter(([, v]) => v !== '');
}

export function formatTraceText(trace: Trace): string {
  const head: [string, string][] = [['Verdict', trace.verdict.text]];
  if (trace.revision) head.push(['Revision', trace.revision.text]);
  if (trace.note) head.push(['Note', trace.note]);
  const blocks = [head, ...trace.links.map(block)];
  // One column for every value, as wide as the longest label needs (`Origin Revision:`), at least 12.
  const pad = Math.max(12, ...blocks.flat().map(([k]) => k.length + 2));
  return `${blocks.map((b) => b.map(([k, v]) => `${`${k}:`.padEnd(pad)}${v}`).join('\n')).join('\n---\n')}\n`;
}
