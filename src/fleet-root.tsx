// The fleet as the CLI mounts it (`--context a,b,c`, `--all-contexts`, `--fleet`): the fleet model
// (use-fleet.ts) on the terminal's size, its keys through the console's key dispatch and prompt (so `/` and
// `:` behave as there), drawn by the fleet screen; opening a row hands over to the one-context console
// (fleet-open.ts), quitting exits Ink.
import { useApp } from 'ink';
import { type ReactElement, useCallback, useEffect, useMemo, useState } from 'react';
import type { BackgroundRuns } from './actions/plugin-background.js';
import type { CommandLineResult } from './hooks/command-line.js';
import { useAgeClock } from './hooks/use-cluster.js';
import { useConsolePrompt } from './hooks/use-console-prompt.js';
import {
  FLEET_WORDS,
  type FleetEntry,
  type FleetIntent,
  type FleetView,
  useFleet,
  useFleetKeys,
} from './hooks/use-fleet.js';
import { KeyDispatchProvider } from './hooks/use-key-dispatch.js';
import { useTerminalSize } from './hooks/use-layout.js';
import { type ActionCommand, binding, type CommandId } from './keymap.js';
import { fleetColumns } from './present/fleet.js';
import type { Paint } from './present/theme.js';
import { FleetScreen, fleetChrome, promptLines } from './views/fleet-screen.js';

export interface FleetRootProps {
  readonly entries: readonly FleetEntry[];
  readonly readonly: boolean;
  readonly color: Paint;
  readonly alertThresholdMs: number;
  readonly onOpen: (context: string, selection?: { key: string; action?: ActionCommand }) => void;
  /** The filter and selection to start with: the fleet's as it was left for a context's console. */
  readonly view?: FleetView | undefined;
  /** Every change of the filter or the selection, so coming back finds them. */
  readonly onView?: ((view: FleetView) => void) | undefined;
  /** Background plugins a context's console started: one that ends while the fleet is up is said here. */
  readonly backgroundRuns?: BackgroundRuns | undefined;
  /** Tests: a fixed size, the clock, no ticking. */
  readonly size?: { readonly columns: number; readonly rows: number };
  readonly clock?: () => number;
  readonly tickMs?: number;
}

export function FleetRoot(props: FleetRootProps) {
  const [flash, setFlash] = useState<string | undefined>(undefined);
  const refused = useCallback(
    (command: CommandId) => setFlash(`${binding(command).label}: refused — fluxdeck runs with --readonly`),
    [],
  );
  return (
    <KeyDispatchProvider readonly={props.readonly} onRefused={refused}>
      <Fleet {...props} flash={flash} setFlash={setFlash} />
    </KeyDispatchProvider>
  );
}

const NO_NAMESPACES = () => [];
const NO_SEARCH = () => undefined;

function Fleet(
  props: FleetRootProps & {
    readonly flash: string | undefined;
    readonly setFlash: (text: string | undefined) => void;
  },
) {
  const { exit } = useApp();
  const { setFlash, onOpen } = props;
  const size = useTerminalSize(props.size);
  const runs = props.backgroundRuns;
  useEffect(() => runs?.listen((ended) => setFlash(`${ended.context}: ${ended.message}`)), [runs, setFlash]);
  const model = useFleet(props.entries, props.view, props.onView);
  const now = useAgeClock(model.members, props.tickMs ?? 1000, props.clock);
  const columns = useMemo(
    () =>
      fleetColumns({
        now,
        alertThresholdMs: props.alertThresholdMs,
        allNamespaces: true,
        blockedBy: () => '',
        chainMark: () => '',
      }).filter((c) => c.id !== 'BLOCKED BY'),
    [now, props.alertThresholdMs],
  );
  const contexts = model.contexts;
  const intent = (i: FleetIntent) => {
    if (i.type === 'quit') exit();
    else onOpen(i.context, i.key ? { key: i.key, ...(i.action ? { action: i.action } : {}) } : undefined);
  };
  const onCommand = (result: CommandLineResult) => {
    if (result.type === 'quit') exit();
    else if (result.type === 'context') {
      if (contexts.includes(result.name)) onOpen(result.name);
      else setFlash(`${result.name} is not in the fleet: ${contexts.join(', ')}`);
    } else if (result.type === 'error' && !result.message.startsWith('unknown command'))
      setFlash(result.message);
    else
      setFlash(
        `${result.type === 'error' ? `${result.message} — ` : ''}the fleet knows :ctx NAME and :q; a context's console (enter) the rest`,
      );
  };
  const listContexts = useCallback(() => contexts, [contexts]);
  const prompt = useConsolePrompt({
    listNamespaces: NO_NAMESPACES,
    listContexts,
    onCommand,
    onFilter: model.setFilter,
    onSearch: NO_SEARCH,
    words: FLEET_WORDS,
  });
  const shownPrompt = prompt.prompt
    ? { prompt: prompt.prompt, suggestions: prompt.suggestions, problem: prompt.problem }
    : undefined;
  const pageSize = Math.max(1, size.rows - fleetChrome(props.entries.length, promptLines(shownPrompt)) - 2);
  useFleetKeys({ model, pageSize, openPrompt: prompt.open, flash: setFlash, onIntent: intent });
  return (
    <FleetScreen
      members={model.members}
      rows={model.rows}
      total={model.total}
      filter={model.view.filter}
      selected={model.selected}
      columns={columns}
      prompt={shownPrompt}
      flash={props.flash}
      readonly={props.readonly}
      now={now}
      color={props.color}
      width={size.columns}
      height={size.rows}
    />
  );
}

/** For the entry point, which must not load React itself before NODE_ENV is settled. */
export function fleetRootElement(props: FleetRootProps): ReactElement {
  return <FleetRoot {...props} />;
}
