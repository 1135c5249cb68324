// A pane plugin's output over the body of the screen: its command and keys, how it is doing, and the
// output (already display-safe: src/present/plugin-pane.ts), scrolled.
import { Box, Text } from 'ink';
import { type PluginPaneModel, paneView } from '../present/plugin-pane.js';
import { truncate } from '../present/text.js';
import { emphasis, type Paint, toneStyle } from '../present/theme.js';
import { scrollKeys } from './help.js';

export interface PluginPaneProps {
  readonly model: PluginPaneModel;
  readonly width: number;
  readonly height: number;
  readonly color: Paint;
}

export function PluginPane({ model, width, height, color }: PluginPaneProps) {
  const view = paneView(model.lines, height, model.scroll);
  const keys = scrollKeys(model.tone === 'busy' ? 'stop and close' : 'close');
  const more = [
    view.above > 0 ? `${view.above} lines above` : '',
    view.below > 0 ? `${view.below} below` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold={emphasis(color, true)} {...toneStyle('accent', color)} wrap="truncate">
        {truncate(`${model.title} — ${keys}`, width)}
      </Text>
      <Text {...toneStyle(model.tone, color)} wrap="truncate">
        {truncate(`${model.status}${more ? `  (${more})` : ''}`, width)}
      </Text>
      {view.rows.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows of output in order; position is identity
        <Text key={i} wrap="truncate">
          {line === '' ? ' ' : truncate(line, width)}
        </Text>
      ))}
    </Box>
  );
}
