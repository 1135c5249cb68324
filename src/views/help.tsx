// The `?` screen, generated from the key table so it cannot drift from what the keys do.
import { Box, Text } from 'ink';
import { formatHint, formatKeys, KEYMAP, type Scope, scopeTitle } from '../keymap.js';
import { fitCell, truncate } from '../present/text.js';
import { emphasis, toneColor } from '../present/theme.js';

export interface HelpProps {
  readonly readonly: boolean;
  readonly width: number;
  readonly height: number;
  readonly scroll: number;
  readonly color: boolean;
}

const SCOPE_ORDER: readonly Scope[] = [
  'global',
  'view',
  'list',
  'details',
  'logs',
  'prompt',
  'dialog',
  'dialogText',
];

interface HelpLine {
  readonly text: string;
  readonly heading: boolean;
}

export function helpLines(readonly: boolean, width: number): readonly HelpLine[] {
  const keyWidth = Math.max(...KEYMAP.map((k) => formatKeys(k.command).length));
  const lines: HelpLine[] = [];
  if (readonly) {
    lines.push({
      text: 'Read-only (--readonly): actions that change the cluster are hidden and refused.',
      heading: false,
    });
  }
  for (const scope of SCOPE_ORDER) {
    const bindings = KEYMAP.filter((k) => k.scope === scope && !(readonly && k.dangerous));
    if (bindings.length === 0) continue;
    lines.push({ text: '', heading: false }, { text: scopeTitle(scope), heading: true });
    for (const k of bindings) {
      const mark = k.dangerous ? ' (changes the cluster)' : '';
      lines.push({
        text: truncate(`  ${fitCell(formatKeys(k.command), keyWidth)}  ${k.description}${mark}`, width),
        heading: false,
      });
    }
  }
  return lines;
}

/** How far the help screen can scroll. */
export function helpMaxScroll(readonly: boolean, width: number, height: number): number {
  return Math.max(0, helpLines(readonly, width).length - (height - 1));
}

export function Help({ readonly, width, height, scroll, color }: HelpProps) {
  const lines = helpLines(readonly, width);
  const body = Math.max(1, height - 1);
  const shown = lines.slice(scroll, scroll + body);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold={emphasis(color, true)} color={toneColor('accent', color)}>
        {truncate(`Keys — ${formatHint('back', 'close')}  ${formatHint('down')}  ${formatHint('up')}`, width)}
      </Text>
      {shown.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines are static text in a fixed order
        <Text key={i} bold={emphasis(color, line.heading)} wrap="truncate">
          {/* An empty Text renders no row at all: a blank separator keeps its row with a space. */}
          {line.text || ' '}
        </Text>
      ))}
    </Box>
  );
}
