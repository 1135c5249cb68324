// The fleet screen: a header, one line per context with its state, the failing objects of all of them in
// one table (CONTEXT first), the `:` or `/` prompt or the flash, and the keys. Thin: the model is
// use-fleet.ts, wired in fleet-root.tsx.
import { Box, Text } from 'ink';
import { formatHint } from '../keymap.js';
import {
  type FleetMember,
  type FleetRow,
  fleetContexts,
  fleetRowStyle,
  memberState,
  stateWords,
} from '../present/fleet.js';
import type { GridColumn } from '../present/grid-layout.js';
import { filterMark, noFilterMatch, type PromptState } from '../present/prompt.js';
import { truncate } from '../present/text.js';
import { dangerStyle, type Paint, toneStyle } from '../present/theme.js';
import { CommandLine } from './command-line.js';
import { TableView } from './table-view.js';

export interface FleetPrompt {
  readonly prompt: PromptState;
  readonly suggestions: readonly string[];
  readonly problem: string | undefined;
}

export interface FleetScreenProps {
  readonly members: readonly FleetMember[];
  /** The rows the filter lets through. */
  readonly rows: readonly FleetRow[];
  /** The failing objects of every live context, filtered or not. */
  readonly total: number;
  readonly filter: string;
  readonly selected: number;
  readonly columns: readonly GridColumn<FleetRow>[];
  /** The `:` or `/` line being typed. */
  readonly prompt: FleetPrompt | undefined;
  readonly flash: string | undefined;
  readonly readonly: boolean;
  readonly now: number;
  readonly color: Paint;
  readonly width: number;
  readonly height: number;
}

export const FLEET_HINTS =
  '<enter> open in its context  <r/R/s/u/b/x/D> act there (its confirmation)  </> filter  <:ctx NAME> narrow  <q> quit';

/** Lines the prompt takes: its suggestions, a problem with the text, the line typed on. */
export function promptLines(prompt: FleetPrompt | undefined): number {
  if (!prompt) return 1;
  const suggestions = prompt.prompt.kind === 'command' && prompt.suggestions.length > 0;
  return 1 + (suggestions ? 1 : 0) + (prompt.problem ? 1 : 0);
}

/** Lines above and below the table: header, one per member, a blank, the bottom lines. */
export function fleetChrome(members: number, bottom = 1): number {
  return 1 + members + 1 + bottom;
}

export function FleetScreen(props: FleetScreenProps) {
  const { width, height, color, members, rows, filter } = props;
  const bottomLines = promptLines(props.prompt);
  const tableHeight = Math.max(3, height - fleetChrome(members.length, bottomLines));
  const live = members.filter((m) => memberState(m).phase === 'live').length;
  const contexts = fleetContexts(members).length;
  const nameWidth = Math.min(40, Math.max(...members.map((m) => m.context.length + (m.danger ? 15 : 0))) + 4);
  const hints = filter ? `${formatHint('back', 'clear the filter')}  ${FLEET_HINTS}` : FLEET_HINTS;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold={color ? true : undefined} wrap="truncate">
        {truncate(
          `fluxdeck  FLEET  ${contexts} contexts, ${live} live  failing ${props.total}${props.readonly ? '  READ-ONLY' : ''}`,
          width,
        )}
      </Text>
      {members.map((m) => {
        const words = stateWords(memberState(m), props.now);
        const name = m.danger ? `${m.context} (PRODUCTION?)` : m.context;
        return (
          <Text key={m.context} wrap="truncate">
            <Text {...(m.danger ? dangerStyle(color) : {})}>
              {truncate(`  ${name}`.padEnd(nameWidth), nameWidth)}
            </Text>
            <Text {...toneStyle(words.tone, color)}>
              {truncate(words.text, Math.max(0, width - nameWidth))}
            </Text>
          </Text>
        );
      })}
      <Text> </Text>
      <TableView
        title={`Fleet(failing in ${contexts} contexts)${filter ? ` ${filterMark(filter)}` : ''}`}
        rows={rows}
        columns={props.columns}
        rowKey={(r) => r.key}
        rowStyle={fleetRowStyle}
        selectedIndex={props.selected}
        marked={NONE}
        sort={undefined}
        notices={[]}
        unavailable={false}
        emptyText={
          filter
            ? noFilterMatch(filter)
            : live === 0
              ? 'no context is live yet'
              : 'nothing is failing in any live context'
        }
        width={width}
        height={tableHeight}
        color={color}
        focused
      />
      {props.prompt ? (
        <CommandLine
          prompt={props.prompt.prompt}
          suggestions={props.prompt.suggestions}
          problem={props.prompt.problem}
          width={width}
          color={color}
        />
      ) : (
        <Text {...toneStyle(props.flash ? 'warn' : 'muted', color)} wrap="truncate">
          {truncate(props.flash ?? hints, width)}
        </Text>
      )}
    </Box>
  );
}

const NONE: ReadonlySet<string> = new Set();
