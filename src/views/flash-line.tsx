// One line of feedback (a refused key, a command-line error, "not available yet"); it fades after a while.
import { Text } from 'ink';
import { truncate } from '../present/text.js';
import { type Paint, toneStyle } from '../present/theme.js';
import type { Flash } from '../present/ui-state.js';

export function FlashLine({
  flash,
  width,
  color,
}: {
  readonly flash: Flash;
  readonly width: number;
  readonly color: Paint;
}) {
  return (
    <Text {...toneStyle(flash.tone, color)} wrap="truncate">
      {truncate(flash.text, width)}
    </Text>
  );
}
