// The details screen: a tab bar and a scrolled window of the current tab's lines.
import { Box, Text } from 'ink';
import { formatHint } from '../keymap.js';
import type { DetailLine, DetailsTab } from '../present/details-lines.js';
import { detailsBodyHeight } from '../present/layout.js';
import { truncate } from '../present/text.js';
import { emphasis, headerStyle, type Paint, toneStyle } from '../present/theme.js';

export interface DetailsProps {
  readonly title: string;
  readonly tabs: readonly DetailsTab[];
  readonly tab: DetailsTab;
  readonly lines: readonly DetailLine[];
  readonly scroll: number;
  readonly width: number;
  readonly height: number;
  readonly color: Paint;
  readonly focused: boolean;
}

const TAB_TITLES: Readonly<Record<DetailsTab, string>> = {
  overview: 'Overview',
  events: 'Events',
  yaml: 'YAML',
  history: 'Helm history',
  changes: 'Changes',
  inventory: 'Inventory',
};

export function Details(props: DetailsProps) {
  const { width, color } = props;
  const body = detailsBodyHeight(props.height);
  const shown = props.lines.slice(props.scroll, props.scroll + body);
  const more =
    props.lines.length > body
      ? `  lines ${props.scroll + 1}–${props.scroll + shown.length} of ${props.lines.length}`
      : '';
  return (
    <Box flexDirection="column" width={width} height={props.height}>
      <Text bold={emphasis(color, true)} {...headerStyle(color, props.focused)} wrap="truncate">
        {truncate(`${props.title}${more}`, width)}
      </Text>
      <Text wrap="truncate">
        {props.tabs.map((t) => {
          const active = t === props.tab;
          const label = active && !color ? `[${TAB_TITLES[t]}]` : ` ${TAB_TITLES[t]} `;
          return (
            <Text key={t} inverse={emphasis(color, active)} bold={emphasis(color, active)}>
              {label}
            </Text>
          );
        })}
        <Text {...toneStyle('muted', color)}>{`  ${formatHint('prevTab')}  ${formatHint('nextTab')}`}</Text>
      </Text>
      {shown.map((line, i) => (
        <Text
          // biome-ignore lint/suspicious/noArrayIndexKey: a window of static lines; position is identity
          key={i}
          wrap="truncate"
          bold={emphasis(color, line.bold === true)}
          {...toneStyle(line.tone, color)}
        >
          {truncate(line.text, width)}
        </Text>
      ))}
    </Box>
  );
}
