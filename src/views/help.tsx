// The `?` screen: the help text (src/present/help-lines.ts) under a title with its keys, scrolled, with a
// marker while more follows below.
import { Box, Text } from 'ink';
import { formatHint, formatKeys, hint } from '../keymap.js';
import {
  HELP_COLUMN_GAP,
  type HelpCell,
  helpColumnWidth,
  helpRows,
  helpView,
} from '../present/help-lines.js';
import { fitCell, truncate } from '../present/text.js';
import { emphasis, toneColor } from '../present/theme.js';

export interface HelpProps {
  readonly readonly: boolean;
  readonly width: number;
  readonly height: number;
  readonly scroll: number;
  readonly color: boolean;
}

const first = { first: true } as const;

function title(above: number): string {
  const keys = [
    formatHint('back', 'close'),
    hint(`${formatKeys('down', first)}/${formatKeys('up', first)}`, 'scroll'),
    hint(`${formatKeys('pageDown', first)}/${formatKeys('pageUp', first)}`, 'page'),
  ];
  return `Keys — ${keys.join('  ')}${above > 0 ? `  (${above} lines above)` : ''}`;
}

function Cell({ cell, width, color }: { cell: HelpCell; width: number | undefined; color: boolean }) {
  // An empty Text renders no row at all: a blank cell keeps its row with a space.
  const text = width === undefined ? cell.text : fitCell(cell.text, width);
  return <Text bold={emphasis(color, cell.heading)}>{text || ' '}</Text>;
}

export function Help({ readonly, width, height, scroll, color }: HelpProps) {
  const rows = helpRows(readonly, width);
  const view = helpView(rows, height, scroll);
  const column = helpColumnWidth(width);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold={emphasis(color, true)} color={toneColor('accent', color)}>
        {truncate(title(view.above), width)}
      </Text>
      {view.rows.map((row, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are static text in a fixed order
        <Text key={i} wrap="truncate">
          {row.map((cell, c) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the columns, left to right
            <Text key={c}>
              {c > 0 ? ' '.repeat(HELP_COLUMN_GAP) : ''}
              {/* Only a column with another to its right is padded to its width. */}
              <Cell cell={cell} width={c < row.length - 1 ? column : undefined} color={color} />
            </Text>
          ))}
        </Text>
      ))}
      {view.below > 0 ? (
        <Text color={toneColor('muted', color)} wrap="truncate">
          {truncate(
            `↓ more below: ${view.below} more lines (${formatKeys('down', first)}, ${formatKeys('pageDown')}, ${formatKeys('bottom', first)})`,
            width,
          )}
        </Text>
      ) : null}
    </Box>
  );
}
