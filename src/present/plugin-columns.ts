// The cells a plugin's `$COL-HEADER` reads (src/actions/plugin.ts): the selected row of the table the user
// works in, every column the view has — shown or hidden at this width — each the whole cell the column
// makes (sanitised, never the squeezed text with its ellipsis, never the compact KIND).
import type { PluginColumns } from '../actions/plugin.js';
import type { StatusRow } from '../flux/types.js';
import { VIEWS, type ViewId, viewSpec } from './catalog.js';
import type { GridColumn } from './grid-layout.js';
import { suspendedColumns } from './session-columns.js';
import { statusColumns } from './status-columns.js';
import type { CurrentTable } from './tables.js';

export interface PluginTable {
  readonly table: string;
  readonly headers: readonly string[];
}

function columnsOf<T>(table: string, columns: readonly GridColumn<T>[], row: T | undefined): PluginColumns {
  const headers = columns.map((c) => c.id.toUpperCase());
  const cells =
    row === undefined ? undefined : new Map(columns.map((c, i) => [headers[i] ?? '', c.cell(row)]));
  return { table, headers, cells };
}

/**
 * The columns for a plugin run on `focus` (the selected row, the details' object, the logs pane's object)
 * from the table of `view` beneath: a table of Flux objects gives the object's cells whether or not the
 * filter shows it; another table only when its selected row is that object (`:suspended`).
 */
export function focusColumns(
  current: CurrentTable,
  view: ViewId,
  selectedIndex: number,
  focus: StatusRow | undefined,
): PluginColumns {
  const title = viewSpec(view).title;
  if (current.type === 'status') return columnsOf(title, current.table.allColumns, focus);
  const selected = current.table.keys[selectedIndex] === focus?.key && focus !== undefined;
  // The union's row types differ; columns and row come from the same table.
  const table = current.table as {
    readonly columns: readonly GridColumn<unknown>[];
    rows: readonly unknown[];
  };
  return columnsOf(title, table.columns, selected ? table.rows[selectedIndex] : undefined);
}

/** The tables a plugin's key acts in (those with a Flux object selected) and their headers, for the config. */
export function pluginTables(): readonly PluginTable[] {
  const ctx = { now: 0, alertThresholdMs: 0, allNamespaces: true, blockedBy: () => '', chainMark: () => '' };
  const headers = (columns: readonly GridColumn<never>[]) => columns.map((c) => c.id.toUpperCase());
  return [
    ...VIEWS.filter((v) => v.kinds.length > 0).map((v) => ({
      table: v.title,
      headers: headers(statusColumns(v.id, ctx)),
    })),
    { table: viewSpec('suspended').title, headers: headers(suspendedColumns()) },
  ];
}

/** Where a plugin's `$COL-HEADER` has a value, in the fewest words: `every table but Suspended`, `HelmReleases`. */
export function columnWhere(header: string, tables: readonly PluginTable[] = pluginTables()): string {
  const having = tables.filter((t) => t.headers.includes(header)).map((t) => t.table);
  const lacking = tables.filter((t) => !t.headers.includes(header)).map((t) => t.table);
  if (lacking.length === 0) return 'every table';
  if (having.length === 0) return 'no table';
  return lacking.length < having.length ? `every table but ${lacking.join(', ')}` : having.join(', ');
}
