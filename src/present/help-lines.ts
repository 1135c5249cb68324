// The `?` screen's text, generated from the key table so it cannot drift from what the keys do: a note on
// rows that stay put, then every binding by scope, descriptions wrapped (never cut) under their keys. From
// HELP_TWO_COLUMNS columns on, the sections are set in two balanced columns side by side.
import type { Plugin } from '../actions/plugin.js';
import { formatKey, formatKeys, KEYMAP, type Scope, scopeTitle } from '../keymap.js';
import { ORDER_HOLD_NOTE } from './order-hold.js';
import { fitCell, textWidth, wrapWords } from './text.js';

export interface HelpCell {
  readonly text: string;
  readonly heading: boolean;
}

/** One row of the help screen: one cell, or two side by side (each `helpColumnWidth` wide). */
export type HelpRow = readonly HelpCell[];

/** From this width on, the help is set in two columns. */
export const HELP_TWO_COLUMNS = 160;
/** Cells between the two columns. */
export const HELP_COLUMN_GAP = 3;

const READONLY_NOTE = 'Read-only (--readonly): actions that change the cluster are hidden and refused.';

const SCOPE_ORDER: readonly Scope[] = [
  'global',
  'view',
  'list',
  'details',
  'logs',
  'prompt',
  'dialog',
  'dialogText',
  'dialogTyped',
];

const KEY_WIDTH = Math.max(...KEYMAP.map((k) => textWidth(formatKeys(k.command))));

const BLANK: HelpCell = { text: '', heading: false };

function prose(text: string, width: number): HelpCell[] {
  return wrapWords(text, width).map((line) => ({ text: line, heading: false }));
}

function entry(k: (typeof KEYMAP)[number], width: number): HelpCell[] {
  return keyEntry(
    formatKeys(k.command),
    `${k.description}${k.dangerous ? ' (changes the cluster)' : ''}`,
    width,
  );
}

function keyEntry(keys: string, text: string, width: number): HelpCell[] {
  const lead = `  ${fitCell(keys, KEY_WIDTH)}  `;
  const indent = ' '.repeat(lead.length);
  return wrapWords(text, Math.max(10, width - lead.length)).map((line, i) => ({
    text: `${i === 0 ? lead : indent}${line}`,
    heading: false,
  }));
}

/** What the help says of a plugin (views take the type from here, not from src/actions). */
export type HelpPlugin = Pick<
  Plugin,
  'key' | 'description' | 'places' | 'kinds' | 'output' | 'confirm' | 'dangerous'
>;

const PLACES = { table: 'tables', details: 'details', logs: 'logs pane' } as const;
const HOW = {
  pane: 'output in a pane',
  terminal: 'takes the terminal',
  background: 'runs in the background',
} as const;

/** A plugin as the help lists it: what it does, where its key works and what it runs. */
function pluginEntry(p: HelpPlugin, width: number): HelpCell[] {
  const where = [...p.places.map((place) => PLACES[place]), ...(p.kinds ?? [])].join(', ');
  const how = HOW[p.output];
  const text = `${p.description} — ${where}; ${how}${p.confirm ? ', asks first' : ''}${p.dangerous ? ' (changes the cluster)' : ''}`;
  return keyEntry(formatKey(p.key), text, width);
}

/** The help in blocks that are never split between columns: the notes, then one per scope, then plugins. */
function helpBlocks(
  readonly: boolean,
  width: number,
  plugins: readonly HelpPlugin[],
): readonly (readonly HelpCell[])[] {
  const notes = [...(readonly ? [READONLY_NOTE] : []), ORDER_HOLD_NOTE].flatMap((n) => prose(n, width));
  const scopes = SCOPE_ORDER.flatMap((scope) => {
    const bindings = KEYMAP.filter((k) => k.scope === scope && !(readonly && k.dangerous));
    if (bindings.length === 0) return [];
    return [[BLANK, { text: scopeTitle(scope), heading: true }, ...bindings.flatMap((k) => entry(k, width))]];
  });
  const own = plugins.filter((p) => !(readonly && p.dangerous));
  const pluginBlock =
    own.length === 0
      ? []
      : [
          [
            BLANK,
            { text: 'Plugins (your config file)', heading: true },
            ...own.flatMap((p) => pluginEntry(p, width)),
          ],
        ];
  return [notes, ...scopes, ...pluginBlock];
}

/** How wide one column is at this screen width. */
export function helpColumnWidth(width: number): number {
  return width >= HELP_TWO_COLUMNS ? Math.floor((width - HELP_COLUMN_GAP) / 2) : width;
}

export function helpRows(
  readonly: boolean,
  width: number,
  plugins: readonly HelpPlugin[] = [],
): readonly HelpRow[] {
  const columnWidth = helpColumnWidth(width);
  const blocks = helpBlocks(readonly, columnWidth, plugins);
  if (columnWidth === width) return blocks.flat().map((cell) => [cell]);
  // The split between blocks that makes the taller column shortest.
  const total = blocks.reduce((n, b) => n + b.length, 0);
  let best = 1;
  let before = 0;
  let bestHeight = total;
  for (let i = 1; i < blocks.length; i++) {
    before += blocks[i - 1]?.length ?? 0;
    const height = Math.max(before, total - before - 1);
    if (height < bestHeight) {
      bestHeight = height;
      best = i;
    }
  }
  const left = blocks.slice(0, best).flat();
  // The right column starts with its heading, not with the blank line that separates blocks.
  const right = blocks.slice(best).flat().slice(1);
  return Array.from({ length: Math.max(left.length, right.length) }, (_, i) => [
    left[i] ?? BLANK,
    right[i] ?? BLANK,
  ]);
}

/** How far the help can scroll when `height` rows show it under its title line. */
export function helpMaxScroll(
  readonly: boolean,
  width: number,
  height: number,
  plugins: readonly HelpPlugin[] = [],
): number {
  return Math.max(0, helpRows(readonly, width, plugins).length - helpBodyHeight(height));
}

/** Rows under the title line. */
export function helpBodyHeight(height: number): number {
  return Math.max(1, height - 1);
}

/**
 * The rows in view at `scroll`: while more follows, the last row is a marker saying so instead (at the
 * furthest scroll the last rows fill the screen, so nothing is ever hidden behind the marker).
 */
export function helpView(
  rows: readonly HelpRow[],
  height: number,
  scroll: number,
): { readonly rows: readonly HelpRow[]; readonly above: number; readonly below: number } {
  const body = helpBodyHeight(height);
  const top = Math.max(0, Math.min(scroll, rows.length - body));
  if (top + body >= rows.length) return { rows: rows.slice(top), above: top, below: 0 };
  const shown = rows.slice(top, top + body - 1);
  return { rows: shown, above: top, below: rows.length - top - shown.length };
}
