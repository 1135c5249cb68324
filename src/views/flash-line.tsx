// One line of feedback (a refused key, a command-line error, "not available yet"); it fades after a while.
import { Text } from 'ink';
import type { Flash } from '../hooks/ui-state.js';
import { truncate } from './text.js';
import { toneColor } from './theme.js';

export function FlashLine({
  flash,
  width,
  color,
}: {
  readonly flash: Flash;
  readonly width: number;
  readonly color: boolean;
}) {
  return (
    <Text color={toneColor(flash.tone, color)} wrap="truncate">
      {truncate(flash.text, width)}
    </Text>
  );
}
