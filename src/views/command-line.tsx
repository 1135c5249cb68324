// The one-line prompt at the bottom: `:` command line with suggestions, `/` filter, logs search.
import { Box, Text } from 'ink';
import { formatHint } from '../keymap.js';
import type { PromptState } from '../present/prompt.js';
import { truncate } from '../present/text.js';
import { emphasis, type Paint, toneStyle } from '../present/theme.js';

export interface CommandLineProps {
  readonly prompt: PromptState;
  readonly suggestions: readonly string[];
  readonly width: number;
  readonly color: Paint;
  /** A line of trouble for the text typed so far, e.g. an invalid regular expression. */
  readonly problem?: string | undefined;
}

const SIGILS = { command: ':', filter: '/', search: '?' } as const;
const MAX_SUGGESTIONS = 8;

export function CommandLine({ prompt, suggestions, width, color, problem }: CommandLineProps) {
  const start = Math.max(
    0,
    Math.min(prompt.highlight - MAX_SUGGESTIONS + 1, suggestions.length - MAX_SUGGESTIONS),
  );
  const shown = suggestions.slice(start, start + MAX_SUGGESTIONS);
  const label = prompt.kind === 'search' ? 'search' : prompt.kind;
  return (
    <Box flexDirection="column" width={width}>
      {prompt.kind === 'command' && shown.length > 0 ? (
        <Text wrap="truncate">
          {shown.map((s, i) => (
            <Text
              key={s}
              inverse={emphasis(color, start + i === prompt.highlight)}
              {...toneStyle('muted', color)}
            >
              {start + i === prompt.highlight && !color ? `[${s}]` : ` ${s} `}
            </Text>
          ))}
          <Text {...toneStyle('muted', color)}>{`  ${formatHint('promptComplete')}`}</Text>
        </Text>
      ) : null}
      {problem ? <Text {...toneStyle('bad', color)}>{truncate(problem, width)}</Text> : null}
      <Text wrap="truncate">
        <Text bold={emphasis(color, true)} {...toneStyle('accent', color)}>
          {SIGILS[prompt.kind]}
        </Text>
        {truncate(prompt.text, width - 3)}
        <Text inverse={emphasis(color, true)}>{color ? ' ' : '_'}</Text>
        <Text {...toneStyle('muted', color)}>{prompt.text === '' ? `  ${label}` : ''}</Text>
      </Text>
    </Box>
  );
}
