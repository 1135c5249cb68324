// `flux get …` output, byte for byte (fluxcd/flux2 cmd/flux/get*.go, pkg/printers/table_printer.go): the
// columns per kind, the cells of a row, and olekukonko/tablewriter's borderless layout with TAB padding.
import type { KindName } from './kinds.js';
import type { Condition, StatusRow } from './types.js';
import { displayWidth } from './width.js';

export type FluxGetColumn =
  | 'NAMESPACE'
  | 'NAME'
  | 'SOURCE'
  | 'REVISION'
  | 'SUSPENDED'
  | 'READY'
  | 'MESSAGE'
  | 'LAST SCAN'
  | 'IMAGE'
  | 'TAG'
  | 'LAST RUN';

export interface FluxGetOptions {
  /** `-A`: a leading NAMESPACE column. */
  readonly allNamespaces?: boolean;
  /** `--show-source` (Kustomization and HelmRelease only): SOURCE after NAME. */
  readonly showSource?: boolean;
  /** `flux get all`: NAME becomes `<lowercase kind>/<name>`. */
  readonly includeKind?: boolean;
  /** `--no-header`. */
  readonly noHeader?: boolean;
}

const STANDARD: readonly FluxGetColumn[] = ['REVISION', 'SUSPENDED', 'READY', 'MESSAGE'];
const NO_REVISION: readonly FluxGetColumn[] = ['SUSPENDED', 'READY', 'MESSAGE'];

/** The columns after NAME for each kind (docs/flux-api.md). */
const COLUMNS: Readonly<Record<KindName, readonly FluxGetColumn[]>> = {
  Kustomization: STANDARD,
  HelmRelease: STANDARD,
  GitRepository: STANDARD,
  OCIRepository: STANDARD,
  HelmRepository: STANDARD,
  HelmChart: STANDARD,
  Bucket: STANDARD,
  ExternalArtifact: ['REVISION', 'SOURCE', 'READY', 'MESSAGE'],
  ArtifactGenerator: NO_REVISION,
  ImageRepository: ['LAST SCAN', 'SUSPENDED', 'READY', 'MESSAGE'],
  ImagePolicy: ['IMAGE', 'TAG', 'READY', 'MESSAGE'],
  ImageUpdateAutomation: ['LAST RUN', 'SUSPENDED', 'READY', 'MESSAGE'],
  Alert: NO_REVISION,
  Provider: ['READY', 'MESSAGE'],
  Receiver: NO_REVISION,
  // `flux get` has no Flux Operator kinds; `fluxdeck status` prints them in the same layout.
  FluxInstance: STANDARD,
  FluxReport: NO_REVISION,
  ResourceSet: STANDARD,
  ResourceSetInputProvider: STANDARD,
};

/** Kinds whose `flux get` has `--show-source`. */
const SHOW_SOURCE: ReadonlySet<KindName> = new Set<KindName>(['Kustomization', 'HelmRelease']);

export function fluxGetColumns(kind: KindName, opts: FluxGetOptions = {}): FluxGetColumn[] {
  const cols: FluxGetColumn[] = ['NAME'];
  if (opts.showSource && SHOW_SOURCE.has(kind)) cols.push('SOURCE');
  cols.push(...COLUMNS[kind]);
  return opts.allNamespaces ? ['NAMESPACE', ...cols] : cols;
}

/** The header row, upper-cased as tablewriter's auto-format does. */
export function fluxGetHeaders(kind: KindName, opts: FluxGetOptions = {}): string[] {
  return fluxGetColumns(kind, opts);
}

function cellOf(column: FluxGetColumn, row: StatusRow, opts: FluxGetOptions): string {
  switch (column) {
    case 'NAMESPACE':
      return row.ref.namespace;
    case 'NAME':
      return opts.includeKind ? `${row.ref.kind.toLowerCase()}/${row.ref.name}` : row.ref.name;
    case 'SUSPENDED':
      return row.suspended ? 'True' : 'False';
    case 'READY':
      return row.ready;
    case 'MESSAGE':
      return row.message;
    case 'REVISION':
      return row.revision;
    default:
      // SOURCE, LAST SCAN, IMAGE, TAG, LAST RUN live in the row's extra columns under the same names.
      return row.extra[column] ?? '';
  }
}

export function fluxGetCells(kind: KindName, row: StatusRow, opts: FluxGetOptions = {}): string[] {
  return cellsOf(fluxGetColumns(kind, opts), row, opts);
}

function cellsOf(columns: readonly FluxGetColumn[], row: StatusRow, opts: FluxGetOptions): string[] {
  const cells = new Array<string>(columns.length);
  for (let i = 0; i < columns.length; i++) cells[i] = cellOf(columns[i] as FluxGetColumn, row, opts);
  return cells;
}

function pad(s: string, w: number, width: number): string {
  return w >= width ? s : s + ' '.repeat(width - w);
}

/**
 * tablewriter as `flux` configures it: every cell left-aligned and padded with spaces to its column's width,
 * cells separated by a TAB; the header row ends with one extra space instead of a TAB, every data row ends
 * with a TAB. Each line ends with `\n`. Without header and rows the result is ''.
 */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  // Loops, not Math.max(...spread): a cluster-wide table can have more rows than a call has arguments.
  const widths = headers.map((h) => displayWidth(h));
  // Each cell's width once (pass two pads with it), row by row.
  const cellWidths: number[][] = new Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as readonly string[];
    const ws = new Array<number>(row.length);
    for (let i = 0; i < row.length; i++) {
      const w = displayWidth(row[i] as string);
      ws[i] = w;
      if (w > (widths[i] ?? 0)) widths[i] = w;
      else widths[i] ??= 0;
    }
    cellWidths[r] = ws;
  }
  if (widths.length === 0) return '';
  let out = '';
  // tablewriter ends the header's last cell with one space instead of the TAB padding.
  if (headers.length > 0) {
    out += `${widths.map((w, i) => pad(headers[i] ?? '', displayWidth(headers[i] ?? ''), w)).join('\t')} \n`;
  }
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as readonly string[];
    const ws = cellWidths[r] as number[];
    let line = '';
    for (let i = 0; i < widths.length; i++) {
      line += `${pad(row[i] ?? '', ws[i] ?? 0, widths[i] as number)}\t`;
    }
    out += `${line}\n`;
  }
  return out;
}

/**
 * The table `flux get <kind>` prints for these rows, in the order given (the CLI prints the API's order:
 * by namespace, then name — see sortForFluxGet). No rows → '' (the CLI prints fluxGetEmptyMessage on
 * stderr instead).
 */
export function formatFluxGetTable(
  kind: KindName,
  rows: readonly StatusRow[],
  opts: FluxGetOptions = {},
): string {
  if (rows.length === 0) return '';
  const headers = opts.noHeader ? [] : fluxGetHeaders(kind, opts);
  const columns = fluxGetColumns(kind, opts);
  return formatTable(
    headers,
    rows.map((r) => cellsOf(columns, r, opts)),
  );
}

/** `flux get all`: one table per kind with objects, NAME as `kind/name`, each followed by a blank line. */
export function formatFluxGetAll(
  sections: readonly { readonly kind: KindName; readonly rows: readonly StatusRow[] }[],
  opts: Omit<FluxGetOptions, 'includeKind'> = {},
): string {
  return sections
    .filter((s) => s.rows.length > 0)
    .map((s) => `${formatFluxGetTable(s.kind, s.rows, { ...opts, includeKind: true })}\n`)
    .join('');
}

/** The order the API server lists objects in: namespace, then name. */
export function sortForFluxGet(rows: readonly StatusRow[]): StatusRow[] {
  const cmp = (a: string, b: string) => (a === b ? 0 : a < b ? -1 : 1);
  return [...rows].sort((a, b) => cmp(a.ref.namespace, b.ref.namespace) || cmp(a.ref.name, b.ref.name));
}

/** The CLI's message when nothing matched: `no Kustomization objects found in "flux-system" namespace`. */
export function fluxGetEmptyMessage(kind: KindName, namespace: string | undefined, name?: string): string {
  const where = namespace === undefined ? 'any' : `"${namespace}"`;
  if (name !== undefined) return `${kind} object '${name}' not found in ${where} namespace`;
  return `no ${kind} objects found in ${where} namespace`;
}

export interface StatusSelector {
  readonly type: string;
  readonly status: string;
  /** `type!=status` */
  readonly negate: boolean;
}

/** Parses `--status-selector` (`type=status` or `type!=status`); undefined when malformed. */
export function parseStatusSelector(selector: string): StatusSelector | undefined {
  const ne = selector.indexOf('!=');
  if (ne >= 0) return { type: selector.slice(0, ne), status: selector.slice(ne + 2), negate: true };
  const eq = selector.indexOf('=');
  if (eq < 0) return undefined;
  return { type: selector.slice(0, eq), status: selector.slice(eq + 1), negate: false };
}

/**
 * `--status-selector` matching: case-insensitive type and status against the *last* condition of that
 * type (as the CLI's loop does); a missing condition never matches `=` and always matches `!=`. Kinds with
 * constant READY (Alert, Provider) have no conditions, so `ready=true` does not list them — as the CLI.
 */
export function matchesStatusSelector(conditions: readonly Condition[], selector: StatusSelector): boolean {
  let found: Condition | undefined;
  for (const c of conditions) if (c.type.toLowerCase() === selector.type.toLowerCase()) found = c;
  const match = found !== undefined && found.status.toLowerCase() === selector.status.toLowerCase();
  return selector.negate ? !match : match;
}
