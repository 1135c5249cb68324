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

function block(link: TraceLink): string[] {
  const fields: [string, string][] = [
    [ROLE_LABEL[link.role], `${link.kind}/${link.name}`],
    ['Namespace', link.namespace],
    ['Status', link.reason ? `${link.status} (${link.reason})` : link.status],
    ['Revision', link.revision],
    ['Message', link.message],
  ];
  return fields.filter(([, v]) => v !== '').map(([k, v]) => `${`${k}:`.padEnd(12)}${v}`);
}

export function formatTraceText(trace: Trace): string {
  const head = [`${'Verdict:'.padEnd(12)}${trace.verdict.text}`];
  if (trace.revision) head.push(`${'Revision:'.padEnd(12)}${trace.revision.text}`);
  if (trace.note) head.push(`${'Note:'.padEnd(12)}${trace.note}`);
  const blocks = [head, ...trace.links.map(block)];
  return `${blocks.map((b) => b.join('\n')).join('\n---\n')}\n`;
}
