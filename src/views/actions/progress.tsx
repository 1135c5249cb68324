// One line per action in flight or just finished: step i/n, what is awaited, elapsed time, and the result.
import { Box, Text } from 'ink';
import { formatDuration } from '../../flux/time.js';
import type { ProgressModel, ProgressPhase } from '../../present/dialog.js';
import { emphasis, type Paint, type Tone, toneColor } from '../../present/theme.js';

const MARK: Readonly<
  Record<ProgressPhase, { readonly sign: string; readonly word: string; readonly tone: Tone }>
> = {
  running: { sign: '⟳', word: 'running', tone: 'busy' },
  succeeded: { sign: '✔', word: 'succeeded', tone: 'ok' },
  failed: { sign: '✗', word: 'FAILED', tone: 'bad' },
  'timed-out': { sign: '⏱', word: 'TIMED OUT', tone: 'warn' },
  cancelled: { sign: '–', word: 'cancelled', tone: 'muted' },
};

export interface ProgressLineProps {
  readonly item: ProgressModel;
  readonly color?: Paint;
}

export function ProgressLine({ item, color = true }: ProgressLineProps) {
  const mark = MARK[item.phase];
  const tone = toneColor(mark.tone, color);
  const elapsed = formatDuration(item.elapsedMs);
  if (item.phase === 'running') {
    const step = item.total > 1 ? ` step ${item.step}/${item.total}` : '';
    return (
      <Text wrap="truncate-end">
        <Text color={tone}>{mark.sign}</Text> <Text bold={emphasis(color, true)}>{item.title}</Text>
        {`${step}${item.label ? `: ${item.label}` : ''}`}
        {item.pending ? ` · waiting for ${item.pending}` : ''}
        {` · ${elapsed}`}
      </Text>
    );
  }
  return (
    <Text wrap="wrap">
      <Text color={tone}>
        {mark.sign} {mark.word}
      </Text>{' '}
      <Text bold={emphasis(color, true)}>{item.title}</Text>
      {` (${elapsed}): `}
      <Text color={tone}>{item.message}</Text>
    </Text>
  );
}

export interface ProgressPanelProps {
  readonly items: readonly ProgressModel[];
  readonly color?: Paint;
}

export function ProgressPanel({ items, color = true }: ProgressPanelProps) {
  if (items.length === 0) return null;
  return (
    <Box flexDirection="column">
      {items.map((item) => (
        <ProgressLine key={item.id} item={item} color={color} />
      ))}
    </Box>
  );
}
