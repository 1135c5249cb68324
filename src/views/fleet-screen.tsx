// The fleet screen: a header, one line per context with its state, the failing objects of all of them in
// one table (CONTEXT first), the `:` line or the flash, and the keys. Thin: the model is use-fleet.ts,
// wired in fleet-root.tsx.
import { Box, Text } from 'ink';
import {
  type FleetMember,
  type FleetRow,
  fleetContexts,
  fleetRowStyle,
  memberState,
  stateWords,
} from '../present/fleet.js';
import type { GridColumn } from '../present/grid-layout.js';
import { truncate } from '../present/text.js';
import { dangerStyle, type Paint, toneStyle } from '../present/theme.js';
import { TableView } from './table-view.js';

export interface FleetScreenProps {
  readonly members: readonly FleetMember[];
  readonly rows: readonly FleetRow[];
  readonly selected: number;
  readonly columns: readonly GridColumn<FleetRow>[];
  /** The `:` line being typed, the flash, or undefined for the keys. */
  readonly bottom: { readonly text: string; readonly tone: 'warn' | 'muted' } | undefined;
  readonly readonly: boolean;
  readonly now: number;
  readonly color: Paint;
  readonly width: number;
  readonly height: number;
}

export const FLEET_HINTS =
  '<enter> open in its context  <r/R/s/u/b/x/D> act there (its confirmation)  <:ctx NAME> narrow  <q> quit';

/** Lines above and below the table: header, one per context, a blank, the bottom line. */
export function fleetChrome(contexts: number): number {
  return 1 + contexts + 1 + 1;
}

export function FleetScreen(props: FleetScreenProps) {
  const { width, height, color, members, rows } = props;
  const tableHeight = Math.max(3, height - fleetChrome(members.length));
  const live = members.filter((m) => memberState(m).phase === 'live').length;
  const contexts = fleetContexts(members).length;
  const nameWidth = Math.min(40, Math.max(...members.map((m) => m.context.length + (m.danger ? 15 : 0))) + 4);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold={color ? true : undefined} wrap="truncate">
        {truncate(
          `fluxdeck  FLEET  ${contexts} contexts, ${live} live  failing ${rows.length}${props.readonly ? '  READ-ONLY' : ''}`,
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
        title={`Fleet(failing in ${contexts} contexts)`}
        rows={rows}
        columns={props.columns}
        rowKey={(r) => r.key}
        rowStyle={fleetRowStyle}
        selectedIndex={props.selected}
        marked={NONE}
        sort={undefined}
        notices={[]}
        unavailable={false}
        emptyText={live === 0 ? 'no context is live yet' : 'nothing is failing in any live context'}
        width={width}
        height={tableHeight}
        color={color}
        focused
      />
      <Text {...toneStyle(props.bottom?.tone ?? 'muted', color)} wrap="truncate">
        {truncate(props.bottom?.text ?? FLEET_HINTS, width)}
      </Text>
    </Box>
  );
}

const NONE: ReadonlySet<string> = new Set();
