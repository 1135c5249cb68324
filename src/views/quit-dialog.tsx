// Asked once before quitting while something still needs attention.
import { Box, Text } from 'ink';
import { formatHint } from '../keymap.js';
import { truncate } from '../present/text.js';
import { borderColor, emphasis, type Paint, toneStyle } from '../present/theme.js';

export interface QuitDialogProps {
  readonly reasons: readonly string[];
  readonly width: number;
  readonly color: Paint;
}

export function QuitDialog({ reasons, width, color }: QuitDialogProps) {
  return (
    <Box
      flexDirection="column"
      width={width}
      borderStyle={color ? 'round' : 'classic'}
      borderColor={borderColor(color, false)}
    >
      <Text bold={emphasis(color, true)}>Quit fluxdeck?</Text>
      {reasons.map((r) => (
        <Text key={r} {...toneStyle('warn', color)} wrap="truncate">
          {truncate(`• ${r}`, width - 4)}
        </Text>
      ))}
      <Text>{`${formatHint('confirm', 'quit anyway')}   ${formatHint('cancel', 'stay')}`}</Text>
    </Box>
  );
}
