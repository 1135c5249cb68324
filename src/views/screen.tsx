// The whole screen: header, body (help, a plugin's output, or the table/details with the logs pane beside or
// below), then the footer (actions overlay, quit dialog, flash, prompt, hint line). Props in; no state.
import { Box, type DOMElement, Text } from 'ink';
import type { ReactNode, RefObject } from 'react';
import type { HelpPlugin } from '../present/help-lines.js';
import type { Layout } from '../present/layout.js';
import type { LogsModel } from '../present/logs-model.js';
import type { PluginPaneModel } from '../present/plugin-pane.js';
import type { PromptState } from '../present/prompt.js';
import { truncate } from '../present/text.js';
import { type Paint, toneStyle } from '../present/theme.js';
import type { UiState } from '../present/ui-state.js';
import { CommandLine } from './command-line.js';
import { FlashLine } from './flash-line.js';
import { Header, type HeaderProps } from './header.js';
import { Help } from './help.js';
import { HintLine } from './hint-line.js';
import { LogsPane } from './logs-pane.js';
import { MainTable, type MainTableProps } from './main-table.js';
import { PluginPane } from './plugin-pane.js';
import { QuitDialog } from './quit-dialog.js';

export interface ConsoleScreenProps {
  readonly header: Omit<HeaderProps, 'width' | 'color'>;
  readonly layout: Layout;
  readonly color: Paint;
  readonly readonly: boolean;
  /** The config file's plugins, for the help screen. */
  readonly plugins?: readonly HelpPlugin[];
  /** A pane plugin's output, over the body (help stays on top of it). */
  readonly pluginPane?: PluginPaneModel | undefined;
  readonly ui: UiState;
  /** The hint area's lines, wrapped (src/present/key-hints.ts). */
  readonly hints: readonly string[];
  readonly table: Omit<MainTableProps, 'width' | 'height' | 'color' | 'focused'>;
  /** The details screen, when open (it replaces the table). */
  readonly details: ReactNode | undefined;
  readonly logs: LogsModel;
  readonly logsFocused: boolean;
  /** The runbook's next step for the selected failing object. */
  readonly advice: string | undefined;
  readonly overlay: ReactNode | undefined;
  readonly overlayRef: RefObject<DOMElement | null>;
  readonly prompt:
    | {
        readonly prompt: PromptState;
        readonly suggestions: readonly string[];
        readonly problem: string | undefined;
      }
    | undefined;
}

export function ConsoleScreen(p: ConsoleScreenProps) {
  const { layout, color, ui } = p;
  const mainFocused = ui.focus === 'main' && !ui.help;
  return (
    <Box flexDirection="column" width={layout.width}>
      <Header {...p.header} width={layout.width} color={color} />
      {ui.help ? (
        <Help
          readonly={p.readonly}
          plugins={p.plugins}
          width={layout.width}
          height={layout.body.height}
          scroll={ui.helpScroll}
          color={color}
        />
      ) : p.pluginPane ? (
        <PluginPane model={p.pluginPane} width={layout.width} height={layout.body.height} color={color} />
      ) : (
        <Box
          flexDirection={layout.direction}
          height={layout.body.height}
          columnGap={layout.direction === 'row' ? 1 : 0}
        >
          {layout.main
            ? (p.details ?? (
                <MainTable
                  {...p.table}
                  width={layout.main.width}
                  height={layout.main.height}
                  color={color}
                  focused={mainFocused}
                />
              ))
            : null}
          {layout.logs ? (
            <LogsPane
              model={p.logs}
              width={layout.logs.width}
              height={layout.logs.height}
              color={color}
              focused={p.logsFocused}
            />
          ) : null}
        </Box>
      )}
      {p.advice ? (
        <Text {...toneStyle('accent', color)} wrap="truncate">
          {truncate(`Runbook: ${p.advice}`, layout.width)}
        </Text>
      ) : null}
      <Box ref={p.overlayRef} flexDirection="column">
        {p.overlay}
      </Box>
      {ui.quitReasons ? <QuitDialog reasons={ui.quitReasons} width={layout.width} color={color} /> : null}
      {ui.flash ? <FlashLine flash={ui.flash} width={layout.width} color={color} /> : null}
      {p.prompt ? (
        <CommandLine
          prompt={p.prompt.prompt}
          suggestions={p.prompt.suggestions}
          problem={p.prompt.problem}
          width={layout.width}
          color={color}
        />
      ) : null}
      <HintLine lines={p.hints} width={layout.width} color={color} />
    </Box>
  );
}
