// The hint area at the bottom: the keys that work right now, already chosen and wrapped whole
// (src/present/key-hints.ts), one Text per line so the layout's count of lines is what is drawn.
import { Box, Text } from 'ink';
import { truncate } from '../present/text.js';
import { type Paint, toneStyle } from '../present/theme.js';

export interface HintLineProps {
  readonly lines: readonly string[];
  readonly width: number;
  readonly color: Paint;
}

export function HintLine({ lines, width, color }: HintLineProps) {
  return (
    <Box flexDirection="column">
      {lines.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the lines of one wrapped text, in order
        <Text key={i} {...toneStyle('muted', color)} wrap="truncate">
          {truncate(line, width)}
        </Text>
      ))}
    </Box>
  );
}
