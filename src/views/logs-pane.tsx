// The controller logs pane: stream states, then the window of lines, coloured by level; search matches are
// highlighted (inverse, or «…» without colour).
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { MAX_STREAM_NOTICES } from '../present/layout.js';
import type { LogLine, LogsModel } from '../present/logs-model.js';
import { truncate } from '../present/text.js';
import { emphasis, headerStyle, type Paint, toneStyle } from '../present/theme.js';
import { NoticeLines } from './table-view.js';

export interface LogsPaneProps {
  readonly model: LogsModel;
  readonly width: number;
  readonly height: number;
  readonly color: Paint;
  readonly focused: boolean;
}

function Highlighted({
  line,
  search,
  width,
  color,
}: {
  readonly line: LogLine;
  readonly search: string;
  readonly width: number;
  readonly color: Paint;
}) {
  const text = truncate(line.text, width);
  if (search === '') return <>{text}</>;
  const lower = text.toLowerCase();
  const needle = search.toLowerCase();
  const parts: ReactNode[] = [];
  let at = 0;
  for (let i = lower.indexOf(needle); i >= 0 && needle !== ''; i = lower.indexOf(needle, at)) {
    parts.push(text.slice(at, i));
    const hit = text.slice(i, i + needle.length);
    parts.push(
      color ? (
        <Text key={i} inverse bold={line.current ? true : undefined}>
          {hit}
        </Text>
      ) : (
        `«${hit}»`
      ),
    );
    at = i + needle.length;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}

export function LogsPane({ model, width, height, color, focused }: LogsPaneProps) {
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold={emphasis(color, true)} {...headerStyle(color, focused)} wrap="truncate">
        {truncate(model.title, width)}
      </Text>
      <NoticeLines notices={model.notices} width={width} color={color} max={MAX_STREAM_NOTICES} />
      {model.empty ? (
        <Text {...toneStyle('muted', color)} wrap="truncate">
          {truncate(model.empty, width)}
        </Text>
      ) : null}
      {model.lines.map((line, i) => (
        <Text
          // biome-ignore lint/suspicious/noArrayIndexKey: a window of lines; position is identity
          key={i}
          wrap="truncate"
          bold={emphasis(color, line.current)}
          {...toneStyle(line.tone, color)}
        >
          {line.current && !color ? '» ' : ''}
          <Highlighted
            line={line}
            search={model.search}
            width={width - (line.current && !color ? 2 : 0)}
            color={color}
          />
        </Text>
      ))}
    </Box>
  );
}
