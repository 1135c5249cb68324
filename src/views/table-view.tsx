// A table view: its notices (watch states, escalation signals) above the windowed grid. When no kind of the
// view can be listed, the notices are the whole view, never an empty table that looks like an empty cluster.
import { Box, Text } from 'ink';
import type { GridColumn, RowStyle } from '../present/grid-layout.js';
import { truncate } from '../present/text.js';
import { type Paint, toneStyle } from '../present/theme.js';
import type { Notice } from '../present/watch-state.js';
import { ResourceGrid } from './resource-grid.js';

export interface TableViewProps<T> {
  readonly title: string;
  readonly rows: readonly T[];
  readonly columns: readonly GridColumn<T>[];
  readonly rowKey: (row: T) => string;
  readonly rowStyle?: (row: T) => RowStyle;
  readonly selectedIndex: number;
  readonly marked: ReadonlySet<string>;
  readonly sort: { readonly column: string; readonly desc: boolean } | undefined;
  readonly notices: readonly Notice[];
  /** Lines about the view as a whole, above the notices; they give way to the table on short screens. */
  readonly summary?: readonly Notice[] | undefined;
  /** No kind of the view is listable: show the notices instead of a table. */
  readonly unavailable: boolean;
  /** What an empty (but listable) table means, e.g. `No HelmReleases in all namespaces`. */
  readonly emptyText: string;
  readonly width: number;
  readonly height: number;
  readonly color: Paint;
  readonly focused: boolean;
}

const MAX_NOTICES = 3;
/** A table keeps at least this many lines (title, header, a row) whatever is shown above it. */
const MIN_GRID = 6;

export function NoticeLines({
  notices,
  width,
  color,
  max,
}: {
  readonly notices: readonly Notice[];
  readonly width: number;
  readonly color: Paint;
  readonly max: number;
}) {
  const shown = notices.length > max ? notices.slice(0, max - 1) : notices;
  const more = notices.length - shown.length;
  return (
    <>
      {shown.map((n) => (
        <Text key={n.text} {...toneStyle(n.tone, color)} wrap="truncate">
          {truncate(n.text, width)}
        </Text>
      ))}
      {more > 0 ? <Text {...toneStyle('muted', color)}>{`… and ${more} more`}</Text> : null}
    </>
  );
}

export function TableView<T>(props: TableViewProps<T>) {
  const { width, color } = props;
  if (props.unavailable) {
    return (
      <Box flexDirection="column" width={width} height={props.height}>
        <Text bold={color ? true : undefined} wrap="truncate">
          {truncate(props.title, width)}
        </Text>
        <NoticeLines
          notices={props.notices}
          width={width}
          color={color}
          max={Math.max(1, props.height - 1)}
        />
      </Box>
    );
  }
  const noticeLines = Math.min(props.notices.length, MAX_NOTICES);
  const summary = props.summary ?? [];
  const summaryLines = Math.min(summary.length, Math.max(0, props.height - noticeLines - MIN_GRID));
  return (
    <Box flexDirection="column" width={width} height={props.height}>
      {summaryLines > 0 ? (
        <NoticeLines
          notices={summary.slice(0, summaryLines)}
          width={width}
          color={color}
          max={summaryLines}
        />
      ) : null}
      <NoticeLines notices={props.notices} width={width} color={color} max={MAX_NOTICES} />
      <ResourceGrid
        title={props.title}
        rows={props.rows}
        columns={props.columns}
        rowKey={props.rowKey}
        rowStyle={props.rowStyle}
        selectedIndex={props.selectedIndex}
        marked={props.marked}
        sort={props.sort}
        width={width}
        height={Math.max(3, props.height - noticeLines - summaryLines)}
        color={color}
        focused={props.focused}
        empty={<Text {...toneStyle('muted', color)}>{truncate(props.emptyText, width)}</Text>}
      />
    </Box>
  );
}
