// The `?` screen: the help text (src/present/help-lines.ts) under a title with its keys, scrolled, with a
// marker while more follows below.
import { Box, Text } from 'ink';
import { binding, type CommandId, formatHint, formatKey, formatKeys, hint } from '../keymap.js';
import {
  HELP_COLUMN_GAP,
  type HelpPlugin,
  type HelpRow,
  helpColumnWidth,
  helpRows,
  helpView,
} from '../present/help-lines.js';
import { fitCell, truncate } from '../present/text.js';
import { emphasis, type Paint, toneStyle } from '../present/theme.js';

export interface HelpProps {
  readonly readonly: boolean;
  /** The config file's plugins, listed after fluxdeck's own keys. */
  readonly plugins?: readonly HelpPlugin[];
  readonly width: number;
  readonly height: number;
  readonly scroll: number;
  readonly color: Paint;
}

const first = { first: true } as const;

/** The page keys' own names (pgdn), not their ctrl spelling: the title has room for one pair. */
function lastKey(command: CommandId): string {
  return formatKey(binding(command).keys.at(-1) ?? '');
}

/** How a screen that scrolls says its keys in its title: `<esc> close  <j/k> scroll  <pgdn/pgup> page`. */
export function scrollKeys(close: string): string {
  return [
    formatHint('back', close),
    hint(`${formatKeys('down', first)}/${formatKeys('up', first)}`, 'scroll'),
    hint(`${lastKey('pageDown')}/${lastKey('pageUp')}`, 'page'),
  ].join('  ');
}

function title(above: number): string {
  const keys = [scrollKeys('close')];
  const scrolled = above === 0 ? '' : `  (${above} ${above === 1 ? 'line' : 'lines'} above)`;
  return `Keys — ${keys.join('  ')}${scrolled}`;
}

function Row({ row, column, color }: { row: HelpRow; column: number; color: Paint }) {
  // A row of blanks only would render as no row at all: a lone space keeps its place.
  if (row.every((cell) => cell.text === '')) return <Text> </Text>;
  return (
    <Text wrap="truncate">
      {row.map((cell, c) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the columns, left to right
        <Text key={c} bold={emphasis(color, cell.heading)}>
          {c > 0 ? ' '.repeat(HELP_COLUMN_GAP) : ''}
          {/* Only a column with another to its right is padded to its width. */}
          {c < row.length - 1 ? fitCell(cell.text, column) : cell.text}
        </Text>
      ))}
    </Text>
  );
}

export function Help({ readonly, plugins, width, height, scroll, color }: HelpProps) {
  const rows = helpRows(readonly, width, plugins);
  const view = helpView(rows, height, scroll);
  const column = helpColumnWidth(width);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold={emphasis(color, true)} {...toneStyle('accent', color)}>
        {truncate(title(view.above), width)}
      </Text>
      {view.rows.map((row, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are static text in a fixed order
        <Row key={i} row={row} column={column} color={color} />
      ))}
      {view.below > 0 ? (
        <Text {...toneStyle('muted', color)} wrap="truncate">
          {truncate(
            `↓ more below: ${view.below} more lines (${formatKeys('down', first)}, ${formatKeys('pageDown')}, ${formatKeys('bottom', first)})`,
            width,
          )}
        </Text>
      ) : null}
    </Box>
  );
}
