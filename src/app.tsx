// The root component: wiring and routing only. State lives in reducers (navigation, ui, prompt, logs pane)
// and hooks; what is on screen comes from views that get props and return callbacks.
import { Box } from 'ink';
import { type ReactNode, useCallback, useEffect, useMemo, useReducer } from 'react';
import type { ObjectRef, StatusRow } from './flux/types.js';
import type { CommandLineResult } from './hooks/command-line.js';
import { currentList, currentScreen, type DetailsTab, selectionIndex } from './hooks/navigation.js';
import { INITIAL_UI, type UiAction, type UiState, uiReducer } from './hooks/ui-state.js';
import { useChain } from './hooks/use-chain.js';
import { useAllRows, useCluster, useNow } from './hooks/use-cluster.js';
import { useConsolePrompt } from './hooks/use-console-prompt.js';
import {
  effectiveSort,
  selectedStatusRow,
  sortColumnIds,
  useCurrentTable,
} from './hooks/use-current-table.js';
import { useConfirmKeys, useHelpKeys } from './hooks/use-dialog-keys.js';
import { useGlobalKeys } from './hooks/use-global-keys.js';
import { KeyDispatchProvider } from './hooks/use-key-dispatch.js';
import { computeLayout, type Size, useTerminalSize } from './hooks/use-layout.js';
import { useListKeys } from './hooks/use-list-keys.js';
import { useNavigation } from './hooks/use-navigation.js';
import { useQuit } from './hooks/use-quit.js';
import { useSummary } from './hooks/use-summary.js';
import { type ActionCommand, binding, type CommandId, type Scope } from './keymap.js';
import type { ClusterPort } from './kube/port.js';
import type { ViewId } from './views/catalog.js';
import { CommandLine } from './views/command-line.js';
import { FlashLine } from './views/flash-line.js';
import { Header } from './views/header.js';
import { Help, helpMaxScroll } from './views/help.js';
import { HintLine } from './views/hint-line.js';
import { MainTable } from './views/main-table.js';
import { QuitDialog } from './views/quit-dialog.js';
import type { Tone } from './views/theme.js';

export const DEFAULT_ALERT_THRESHOLD_MS = 15 * 60_000;

export interface AppProps {
  readonly port: ClusterPort;
  /** Shows the DEMO badge: the cluster is the embedded simulator. */
  readonly demo: boolean;
  /** Hides and refuses every action that changes the cluster. */
  readonly readonly: boolean;
  /** false with NO_COLOR: not a single escape code for colour, inverse or bold. */
  readonly color: boolean;
  /** Failing longer than this is highlighted (the runbook's alert fires at 15 minutes). */
  readonly alertThresholdMs?: number;
  /** The first view; when absent, Failing if anything is not ready, else Kustomizations. */
  readonly initialView?: ViewId;
  /** Context names for `:ctx` completion (from the kubeconfig). */
  readonly listContexts?: () => readonly string[] | Promise<readonly string[]>;
  /** `:ctx NAME` was chosen. */
  readonly onSwitchContext?: (name: string) => void;
  /** A runbook action key was pressed on these objects (the marked ones, else the selection). */
  readonly onAction?: (command: ActionCommand, targets: readonly StatusRow[]) => void;
  /** An action is running: quitting asks first. */
  readonly busy?: boolean;
  /** Objects suspended in this session: quitting asks first while any is still suspended. */
  readonly suspendedThisSession?: readonly ObjectRef[];
  /** Rendered above the footer, e.g. the actions' confirmation dialog (it registers its own key layer). */
  readonly overlay?: ReactNode;
  /** A fixed terminal size instead of the real one (tests). */
  readonly size?: Size;
  /** How often ages and durations refresh; 0 stops the clock (tests). */
  readonly tickMs?: number;
  readonly clock?: () => number;
}

export function App(props: AppProps) {
  const [ui, dispatchUi] = useReducer(uiReducer, INITIAL_UI);
  const flash = useCallback(
    (text: string, tone: Tone = 'warn') => dispatchUi({ type: 'flash', text, tone }),
    [],
  );
  const refused = useCallback(
    (command: CommandId) =>
      flash(
        `${binding(command).label}: not allowed — fluxdeck runs with --readonly, which never changes the cluster`,
      ),
    [flash],
  );
  return (
    <KeyDispatchProvider readonly={props.readonly} onRefused={refused}>
      <Console {...props} ui={ui} dispatchUi={dispatchUi} flash={flash} />
    </KeyDispatchProvider>
  );
}

interface ConsoleProps extends AppProps {
  readonly ui: UiState;
  readonly dispatchUi: (action: UiAction) => void;
  readonly flash: (text: string, tone?: Tone) => void;
}

const FLASH_MS = 6000;
const NO_REFS: readonly ObjectRef[] = [];

function Console(props: ConsoleProps) {
  const { port, ui, dispatchUi, flash, color } = props;
  const alertThresholdMs = props.alertThresholdMs ?? DEFAULT_ALERT_THRESHOLD_MS;
  const snapshot = useCluster(port);
  const now = useNow(props.tickMs ?? 5000, props.clock);
  const rows = useAllRows(snapshot);
  const { counts, banner } = useSummary(rows, snapshot, now, alertThresholdMs);
  const [nav, dispatch] = useNavigation(port, props.initialView, snapshot, counts.failing);
  const screen = currentScreen(nav);
  const list = currentList(nav);

  const chain = useChain(rows);
  const current = useCurrentTable(snapshot, list, {
    now,
    alertThresholdMs,
    namespace: nav.namespace,
    chain: chain.facts,
  });
  const selectedIndex = selectionIndex(list, current.table.keys);
  const selectedKey = current.table.keys[selectedIndex];
  const selectedRow = selectedStatusRow(current, selectedIndex);
  const sort = effectiveSort(current, list);

  useEffect(() => {
    const id = ui.flash?.id;
    if (id === undefined) return undefined;
    const timer = setTimeout(() => dispatchUi({ type: 'clearFlash', id }), FLASH_MS);
    return () => clearTimeout(timer);
  }, [ui.flash?.id, dispatchUi]);

  const namespaces = useMemo(() => [...new Set(rows.map((r) => r.ref.namespace))].sort(), [rows]);
  const onCommand = (result: CommandLineResult) => {
    switch (result.type) {
      case 'view':
        dispatch({
          type: 'open',
          view: result.target.view,
          ...(result.target.kind ? { kind: result.target.kind } : {}),
        });
        return;
      case 'logs':
        dispatchUi({ type: 'logs', mode: 'full' });
        return;
      case 'namespace':
        dispatch({ type: 'namespace', namespace: result.namespace });
        return;
      case 'context':
        if (props.onSwitchContext) props.onSwitchContext(result.name);
        else flash('switching contexts is not available here');
        return;
      case 'health':
        dispatch({ type: 'health', health: result.health });
        return;
      case 'help':
        dispatchUi({ type: 'help', open: true });
        return;
      case 'quit':
        quit.request();
        return;
      case 'error':
        flash(result.message, 'bad');
        return;
    }
  };
  const prompt = useConsolePrompt({
    namespaces,
    listContexts: props.listContexts,
    onCommand,
    onFilter: (text) => dispatch({ type: 'filter', text }),
    onSearch: () => undefined,
  });

  const quit = useQuit(snapshot, props.busy ?? false, props.suspendedThisSession ?? NO_REFS, (reasons) =>
    dispatchUi({ type: 'askQuit', reasons }),
  );

  const headerLines = 2 + (banner ? 1 : 0);
  const promptLines = prompt.prompt
    ? 1 +
      (prompt.prompt.kind === 'command' && prompt.suggestions.length > 0 ? 1 : 0) +
      (prompt.problem ? 1 : 0)
    : 0;
  const footerLines = 1 + (ui.flash ? 1 : 0) + promptLines + (ui.quitReasons ? ui.quitReasons.length + 3 : 0);
  const size = useTerminalSize(props.size);
  const layout = computeLayout(size, headerLines, footerLines, ui.logs);
  const mainHeight = layout.main?.height ?? 0;
  const pageSize = Math.max(1, mainHeight - 3);

  const mainFocused = ui.focus === 'main' && !ui.help;
  useListKeys({
    active: mainFocused && screen.type === 'list' && layout.main !== undefined,
    keys: current.table.keys,
    selectedKey,
    pageSize,
    sortColumns: sortColumnIds(current),
    sort,
    dispatch,
    onDetails: (key) =>
      current.type === 'status' ? dispatch({ type: 'details', key, tab: 'overview' }) : undefined,
    onFilter: () => prompt.open('filter', list.filter),
  });
  useHelpKeys(ui.help, {
    close: () => dispatchUi({ type: 'help', open: false }),
    scroll: (delta) => {
      const max = helpMaxScroll(props.readonly, layout.width, layout.body.height);
      dispatchUi({ type: 'helpScroll', scroll: Math.min(max, Math.max(0, ui.helpScroll + delta)) });
    },
  });
  useConfirmKeys(ui.quitReasons !== undefined, quit.exit, () => dispatchUi({ type: 'closeQuit' }));

  const targets = (): readonly StatusRow[] => {
    if (current.type !== 'status') return [];
    const marked = current.table.rows.filter((r) => nav.marked.has(r.key));
    return marked.length > 0 ? marked : selectedRow ? [selectedRow] : [];
  };
  useGlobalKeys({
    quit: quit.request,
    help: () => dispatchUi({ type: 'help' }),
    command: () => prompt.open('command'),
    back: () => {
      if (ui.logs === 'full') {
        dispatchUi({ type: 'logs', mode: 'hidden' });
        return true;
      }
      if (screen.type === 'list' && list.filter === '' && list.health === 'all' && nav.marked.size > 0) {
        dispatch({ type: 'clearMarks' });
        return true;
      }
      dispatch({ type: 'back' });
      return true;
    },
    allNamespaces: () => dispatch({ type: 'namespace', namespace: undefined }),
    logs: (mode) => dispatchUi({ type: 'toggleLogs', mode }),
    focus: () => dispatchUi({ type: 'focus' }),
    details: (tab: DetailsTab) => {
      if (selectedRow) dispatch({ type: 'details', key: selectedRow.key, tab });
      else flash('select a Flux object first');
    },
    action: (command) => {
      const rowsToAct = targets();
      if (rowsToAct.length === 0) flash(`${binding(command).label}: select a Flux object first`);
      else if (props.onAction) props.onAction(command, rowsToAct);
      else flash(`${binding(command).label} is not available yet`);
    },
  });

  const scopes: readonly Scope[] = prompt.prompt
    ? ['prompt']
    : ui.quitReasons
      ? ['dialog']
      : ui.help
        ? ['global']
        : [ui.focus === 'logs' ? 'logs' : screen.type === 'details' ? 'details' : 'list', 'view', 'global'];

  return (
    <Box flexDirection="column" width={layout.width}>
      <Header
        info={port.info}
        namespace={nav.namespace}
        demo={props.demo}
        readonly={props.readonly}
        connection={snapshot.connection}
        lastEventAt={snapshot.lastEventAt}
        counts={counts}
        alertThresholdMs={alertThresholdMs}
        now={now}
        width={layout.width}
        color={color}
        banner={banner}
      />
      {ui.help ? (
        <Help
          readonly={props.readonly}
          width={layout.width}
          height={layout.body.height}
          scroll={ui.helpScroll}
          color={color}
        />
      ) : (
        <Box flexDirection={layout.direction} height={layout.body.height}>
          {layout.main ? (
            <MainTable
              current={current}
              selectedIndex={selectedIndex}
              marked={nav.marked}
              sort={list.sort}
              emptyText={emptyText(list.view, list.filter, nav.namespace)}
              width={layout.main.width}
              height={layout.main.height}
              color={color}
              focused={mainFocused}
            />
          ) : null}
        </Box>
      )}
      {props.overlay}
      {ui.quitReasons ? <QuitDialog reasons={ui.quitReasons} width={layout.width} color={color} /> : null}
      {ui.flash ? <FlashLine flash={ui.flash} width={layout.width} color={color} /> : null}
      {prompt.prompt ? (
        <CommandLine
          prompt={prompt.prompt}
          suggestions={prompt.suggestions}
          problem={prompt.problem}
          width={layout.width}
          color={color}
        />
      ) : null}
      <HintLine scopes={scopes} readonly={props.readonly} width={layout.width} color={color} />
    </Box>
  );
}

function emptyText(view: ViewId, filter: string, namespace: string | undefined): string {
  const where = namespace === undefined ? 'in any namespace' : `in namespace ${namespace}`;
  if (filter !== '') return `nothing matches /${filter} (esc clears the filter)`;
  if (view === 'failing') return `nothing is failing ${where}: every Flux object is ready`;
  return `none ${where}`;
}
