// The details screen's Changes tab for a HelmRelease: what the newest Helm revision changed against the last
// good one — chart, user values, rendered objects with a diff each. The first question of an incident is
// "what changed?"; this answers it from Helm's own record (src/flux/helm-changes.ts).
import type { HelmChanges } from '../flux/helm-changes.js';
import { inventoryId, type KsChanges } from '../flux/ks-changes.js';
import { sanitizeText } from '../flux/sanitize.js';
import type { HelmReleaseRevision, StatusRow } from '../flux/types.js';
import type { DetailLine } from './details-lines.js';
import { truncate, wrapLine } from './text.js';

export type ChangesState =
  | { readonly phase: 'loading' }
  | { readonly phase: 'ready'; readonly changes: HelmChanges | undefined }
  | { readonly phase: 'error'; readonly message: string };

const heading = (text: string): DetailLine => ({ text, bold: true });
const blank: DetailLine = { text: '' };

function revisionText(r: HelmReleaseRevision): string {
  const chart = sanitizeText(`${r.chartName} ${r.chartVersion}`, 200);
  const app = r.appVersion ? ` (app ${sanitizeText(r.appVersion, 60)})` : '';
  return `v${r.revision} ${sanitizeText(r.status, 30)} — ${chart}${app}`;
}

function wrappedText(text: string, width: number, indent: string, tone?: DetailLine['tone']): DetailLine[] {
  return wrapLine(text, Math.max(10, width - indent.length)).map((t) => ({
    text: indent + t,
    ...(tone ? { tone } : {}),
  }));
}

export function changesLines(state: ChangesState, width: number): DetailLine[] {
  if (state.phase === 'loading') return [{ text: 'reading the release from Helm storage…', tone: 'muted' }];
  if (state.phase === 'error')
    return wrappedText(`Changes unavailable: ${sanitizeText(state.message)}`, width, '', 'bad');
  const c = state.changes;
  if (!c) return [{ text: 'only one Helm revision: nothing to compare yet', tone: 'muted' }];
  const lines: DetailLine[] = [
    heading(truncate(`Changes from v${c.from.revision} to v${c.to.revision}`, width)),
    { text: truncate(`  from  ${revisionText(c.from)}`, width), tone: 'ok' },
    {
      text: truncate(`  to    ${revisionText(c.to)}`, width),
      ...(c.to.status === 'failed' ? { tone: 'bad' } : {}),
    },
  ];
  if (c.to.description)
    lines.push(...wrappedText(sanitizeText(c.to.description, 1000), width, '        ', 'muted'));

  const chartFrom = `${c.from.chartName} ${c.from.chartVersion}`;
  const chartTo = `${c.to.chartName} ${c.to.chartVersion}`;
  lines.push(blank, heading('Chart'));
  lines.push({
    text: truncate(
      chartFrom === chartTo
        ? `  unchanged: ${sanitizeText(chartTo, 200)}`
        : `  ${sanitizeText(chartFrom, 200)} → ${sanitizeText(chartTo, 200)}`,
      width,
    ),
    ...(chartFrom === chartTo ? { tone: 'muted' as const } : {}),
  });

  lines.push(
    blank,
    heading(`Values (${c.values.length === 0 ? 'unchanged' : `${c.values.length} changed`})`),
  );
  for (const v of c.values) {
    const path = sanitizeText(v.path, 300);
    if (v.from === undefined)
      lines.push(...wrappedText(`+ ${path}: ${sanitizeText(v.to)}`, width, '  ', 'ok'));
    else if (v.to === undefined)
      lines.push(...wrappedText(`- ${path}: ${sanitizeText(v.from)}`, width, '  ', 'bad'));
    else
      lines.push(
        ...wrappedText(`~ ${path}: ${sanitizeText(v.from)} → ${sanitizeText(v.to)}`, width, '  ', 'warn'),
      );
  }

  const counts = ['added', 'removed', 'changed'].map(
    (kind) => `${c.objects.filter((o) => o.change === kind).length} ${kind}`,
  );
  lines.push(blank, heading(`Objects (${counts.join(', ')}, ${c.unchanged} unchanged)`));
  if (c.manifestProblem) lines.push(...wrappedText(sanitizeText(c.manifestProblem), width, '  ', 'bad'));
  for (const o of c.objects) {
    const id = sanitizeText(o.id, 400);
    const mark = o.change === 'added' ? '+' : o.change === 'removed' ? '-' : '~';
    const tone = o.change === 'added' ? 'ok' : o.change === 'removed' ? 'bad' : 'warn';
    lines.push({ text: truncate(`  ${mark} ${id}  ${o.change}`, width), tone });
    if (o.change !== 'changed') continue;
    if (!o.diff) {
      lines.push({ text: '      too large to show a diff here (helm get manifest)', tone: 'muted' });
      continue;
    }
    for (const d of o.diff) {
      const dTone = d.startsWith('+')
        ? 'ok'
        : d.startsWith('-')
          ? 'bad'
          : d.startsWith('@@')
            ? 'accent'
            : undefined;
      lines.push({
        text: truncate(`      ${sanitizeText(d, 2000)}`, width),
        ...(dTone ? { tone: dTone } : {}),
      });
    }
  }
  return lines;
}

export interface KsChangesInput {
  readonly changes: KsChanges;
  /** The source's row (kind/ns/name, revision, health), when it is known. */
  readonly source: StatusRow | undefined;
  readonly sourceKey: string | undefined;
  /** When the inventory baseline was taken (the tab first opened this session). */
  readonly baselineAge: string | undefined;
  readonly width: number;
}

const MAX_INVENTORY_LINES = 200;

export function ksChangesLines({
  changes: c,
  source,
  sourceKey,
  baselineAge,
  width,
}: KsChangesInput): DetailLine[] {
  const lines: DetailLine[] = [heading('Revisions')];
  lines.push({ text: truncate(`  last applied    ${c.applied || '—'}`, width), tone: 'ok' });
  lines.push({
    text: truncate(
      `  last attempted  ${c.attempted || '—'}${c.attemptFailed ? '   (not applied)' : ''}`,
      width,
    ),
    ...(c.attemptFailed ? { tone: 'bad' as const } : {}),
  });
  if (c.attemptFailed)
    lines.push(
      ...wrappedText(
        `The change from ${c.applied || 'nothing applied yet'} to ${c.attempted} is what fails: compare the two commits in the source repository.`,
        width,
        '  ',
        'warn',
      ),
    );
  if (sourceKey) {
    lines.push(blank, heading('Source now'));
    if (!source)
      lines.push({
        text: truncate(`  ${sanitizeText(sourceKey, 300)}  not found (or not listable)`, width),
        tone: 'bad',
      });
    else {
      lines.push({
        text: truncate(
          `  ${sanitizeText(sourceKey, 300)}  ${source.health}  ${sanitizeText(source.revision, 300) || '—'}`,
          width,
        ),
      });
      if (source.revision && source.revision !== c.attempted)
        lines.push(
          ...wrappedText(
            'The source has moved on since the last attempt: the next reconcile uses its revision.',
            width,
            '  ',
            'muted',
          ),
        );
      if (source.health !== 'Ready')
        lines.push(...wrappedText(sanitizeText(source.message), width, '  ', 'bad'));
    }
  }
  lines.push(blank, heading(`Inventory (${c.inventory.length} objects)`));
  if (c.added === undefined || c.removed === undefined)
    lines.push({
      text: '  Flux keeps no history of inventories: changes show from now on while this console runs',
      tone: 'muted',
    });
  else if (c.added.length === 0 && c.removed.length === 0)
    lines.push({
      text: truncate(`  unchanged since ${baselineAge ?? 'the tab was first opened'}`, width),
      tone: 'muted',
    });
  else {
    lines.push({
      text: truncate(`  since ${baselineAge ?? 'the tab was first opened'}:`, width),
      tone: 'muted',
    });
    for (const id of c.added.slice(0, MAX_INVENTORY_LINES))
      lines.push({ text: truncate(`  + ${id}`, width), tone: 'ok' });
    for (const id of c.removed.slice(0, MAX_INVENTORY_LINES))
      lines.push({ text: truncate(`  - ${id}`, width), tone: 'bad' });
  }
  for (const e of c.inventory.slice(0, MAX_INVENTORY_LINES))
    lines.push({ text: truncate(`    ${inventoryId(e)}`, width) });
  if (c.inventory.length > MAX_INVENTORY_LINES)
    lines.push({ text: `    … and ${c.inventory.length - MAX_INVENTORY_LINES} more`, tone: 'muted' });
  return lines;
}
