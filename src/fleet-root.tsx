// The fleet as the CLI mounts it (`--context a,b,c`, `--all-contexts`): the fleet model (use-fleet.ts) on
// the terminal's size, drawn by the fleet screen; opening a row hands over to the one-context console
// (cli.tsx), quitting exits Ink.
import { useApp, useInput } from 'ink';
import { type ReactElement, useMemo, useRef } from 'react';
import { useAgeClock } from './hooks/use-cluster.js';
import { type FleetEntry, useFleet } from './hooks/use-fleet.js';
import { useTerminalSize } from './hooks/use-layout.js';
import type { ActionCommand } from './keymap.js';
import { fleetColumns } from './present/fleet.js';
import type { Paint } from './present/theme.js';
import { FleetScreen, fleetChrome } from './views/fleet-screen.js';

export interface FleetRootProps {
  readonly entries: readonly FleetEntry[];
  readonly readonly: boolean;
  readonly color: Paint;
  readonly alertThresholdMs: number;
  readonly onOpen: (context: string, selection?: { key: string; action?: ActionCommand }) => void;
  /** Tests: a fixed size, the clock, no ticking. */
  readonly size?: { readonly columns: number; readonly rows: number };
  readonly clock?: () => number;
  readonly tickMs?: number;
}

export function FleetRoot(props: FleetRootProps) {
  const { exit } = useApp();
  const size = useTerminalSize(props.size);
  const pageSize = Math.max(1, size.rows - fleetChrome(props.entries.length) - 2);
  const model = useFleet(props.entries, props.readonly, pageSize);
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
  // The latest model for every key (a key handler from an older render would act on its selection).
  const latest = useRef(model);
  latest.current = model;
  useInput((input, key) => {
    const intent = latest.current.onKey(input, key);
    if (!intent) return;
    if (intent.type === 'quit') exit();
    else
      props.onOpen(
        intent.context,
        intent.key ? { key: intent.key, ...(intent.action ? { action: intent.action } : {}) } : undefined,
      );
  });
  const bottom =
    model.prompt !== undefined
      ? { text: `:${model.prompt}`, tone: 'muted' as const }
      : model.flash
        ? { text: model.flash, tone: 'warn' as const }
        : undefined;
  return (
    <FleetScreen
      members={model.members}
      rows={model.rows}
      selected={model.selected}
      columns={columns}
      bottom={bottom}
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
