// Our windowed table: renders only the rows that fit, so a list of 10,000 costs what a screenful costs.
// The caller owns the selection (by object key, see hooks/navigation.ts) and passes its index; the grid
// keeps the scroll offset so the selection stays visible with as little movement as possible.
import { Box, Text } from 'ink';
import { type ReactNode, useRef } from 'react';
import {
  columnGap,
  fitRows,
  type GridColumn,
  headerText,
  layoutColumns,
  PREFIX_WIDTH,
  type RowStyle,
  shownColumns,
} from '../present/grid-layout.js';
import { fitCell } from '../present/text.js';
import { emphasis, headerStyle, type Paint, selectionStyle, toneStyle } from '../present/theme.js';

export interface ResourceGridProps<T> {
  readonly title: string;
  readonly rows: readonly T[];
  readonly columns: readonly GridColumn<T>[];
  readonly rowKey: (row: T) => string;
  readonly selectedIndex: number;
  readonly marked: ReadonlySet<string>;
  readonly width: number;
  /** Lines available, title and header included. */
  readonly height: number;
  readonly color: Paint;
  readonly focused: boolean;
  readonly sort?: { readonly column: string; readonly desc: boolean } | undefined;
  readonly rowStyle?: (row: T) => RowStyle;
  /** Shown instead of rows when there are none (or instead of everything, e.g. `loading…`). */
  readonly empty: ReactNode;
}

/** The first visible row: moves only as far as needed to keep `selected` on screen. */
export function scrollTop(previous: number, selected: number, visible: number, count: number): number {
  let top = previous;
  if (selected < top) top = selected;
  if (selected >= top + visible) top = selected - visible + 1;
  return Math.max(0, Math.min(top, Math.max(0, count - visible)));
}

export function ResourceGrid<T>(props: ResourceGridProps<T>) {
  const { rows, width, color } = props;
  // Which columns depends on the width alone (src/present/grid-layout.ts), never on the rows.
  const columns = shownColumns(props.columns, width);
  const bodyHeight = Math.max(1, props.height - 2);
  const selected = Math.min(props.selectedIndex, Math.max(0, rows.length - 1));
  const topRef = useRef(0);
  const top = scrollTop(topRef.current, selected, bodyHeight, rows.length);
  topRef.current = top;

  const visible = rows.slice(top, top + bodyHeight);
  const cells = visible.map((row) => columns.map((c) => c.cell(row)));
  const sortMarks = new Map<string, string>();
  if (props.sort) sortMarks.set(props.sort.column, props.sort.desc ? '↓' : '↑');
  const placed = layoutColumns(columns, cells, width, sortMarks);
  const drawn = fitRows(placed, cells);
  const gap = ' '.repeat(columnGap(width));

  const position = rows.length === 0 ? '0' : `${selected + 1}/${rows.length}`;
  const range = rows.length > bodyHeight ? ` rows ${top + 1}–${top + visible.length}` : '';
  const header =
    ' '.repeat(PREFIX_WIDTH) +
    placed
      .map((p) => fitCell(headerText(p.column, sortMarks.get(p.column.id)), p.width, p.column.align))
      .join(gap);

  return (
    <Box flexDirection="column" width={width} height={props.height}>
      <Text bold={emphasis(color, true)} {...headerStyle(color, props.focused)} wrap="truncate">
        {fitCell(`${props.title} [${position}]${range}`, width)}
      </Text>
      {rows.length === 0 ? (
        typeof props.empty === 'string' ? (
          <Text {...toneStyle('muted', color)}>{fitCell(props.empty, width)}</Text>
        ) : (
          props.empty
        )
      ) : (
        <>
          <Text bold={emphasis(color, true)} wrap="truncate">
            {fitCell(header, width)}
          </Text>
          {visible.map((row, v) => {
            const key = props.rowKey(row);
            const isSelected = top + v === selected;
            const style = props.rowStyle?.(row) ?? {};
            const prefix = `${isSelected ? '>' : ' '}${props.marked.has(key) ? '*' : ' '}`;
            return (
              <Text
                key={key}
                wrap="truncate"
                bold={emphasis(color, style.alert === true)}
                {...toneStyle(style.tone, color)}
                {...selectionStyle(color, isSelected, props.focused)}
              >
                {prefix}
                {placed.map((p, c) => {
                  const text = drawn[v]?.[c] ?? '';
                  const sep = c === 0 ? '' : gap;
                  const tone = p.column.tone?.(row);
                  return tone && color ? (
                    <Text key={p.column.id} {...toneStyle(tone, color)}>
                      {sep}
                      {text}
                    </Text>
                  ) : (
                    sep + text
                  );
                })}
              </Text>
            );
          })}
        </>
      )}
    </Box>
  );
}
