// The root component: wiring and routing only. State lives in reducers (navigation, ui, prompt, logs pane)
// and hooks; what is on screen comes from views that get props and return callbacks.
import type { Key } from 'ink';
import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import type { LogsDefaults } from './config/look-settings.js';
import type { ObjectRef, StatusRow } from './flux/types.js';
import type { ConsoleContext } from './hooks/console-commands.js';
import { currentList, currentScreen, type NavAction } from './hooks/navigation.js';
import { lookupRow } from './hooks/snapshot-rows.js';
import { useAdvice } from './hooks/use-advice.js';
import { useChain } from './hooks/use-chain.js';
import { useAgeClock, useAllRows, useCluster } from './hooks/use-cluster.js';
import { routeCommand } from './hooks/use-command-router.js';
import { useConsoleKeys } from './hooks/use-console-keys.js';
import { useConsolePrompt } from './hooks/use-console-prompt.js';
import { selectedStatusRow, shownListSort, useCurrentTable } from './hooks/use-current-table.js';
import {
  helmHistoryFromPort,
  type LoadHelmHistory,
  previousLogsFromPort,
  useDetails,
} from './hooks/use-details.js';
import { controllersFor, useFollowControllers } from './hooks/use-follow-controllers.js';
import { helmChangesFromPort } from './hooks/use-helm-changes.js';
import { inventoryFromPort } from './hooks/use-inventory.js';
import { KeyDispatchProvider } from './hooks/use-key-dispatch.js';
import { useConsoleLayout, useTerminalSize } from './hooks/use-layout.js';
import { useLogsPane } from './hooks/use-logs-pane.js';
import { useNavigation } from './hooks/use-navigation.js';
import { OrderHoldProvider, useKeyHold } from './hooks/use-order-hold.js';
import { type PluginSetup, type PluginsApi, usePlugins } from './hooks/use-plugins.js';
import { useQuit } from './hooks/use-quit.js';
import { useSelection } from './hooks/use-selection.js';
import { useSummary } from './hooks/use-summary.js';
import { type ActionCommand, binding, type CommandId } from './keymap.js';
import type { Timers } from './kube/backoff.js';
import type { ClusterPort } from './kube/port.js';
import type { ViewId } from './present/catalog.js';
import type { ActionLayerModel } from './present/dialog.js';
import { helpMaxScroll } from './present/help-lines.js';
import { activeScopes, keyHints } from './present/key-hints.js';
import { headerLines, mainWidth, type Size } from './present/layout.js';
import { focusColumns } from './present/plugin-columns.js';
import { podDetailsKey } from './present/pod-details.js';
import { noFilterMatch } from './present/prompt.js';
import type { SessionData } from './present/session-columns.js';
import type { Paint, Tone } from './present/theme.js';
import { INITIAL_UI, type LogsMode, type UiAction, type UiState, uiReducer } from './present/ui-state.js';
import { ActionLayer } from './views/actions/action-layer.js';
import { Details } from './views/details.js';
import { ConsoleScreen } from './views/screen.js';

export const DEFAULT_ALERT_THRESHOLD_MS = 15 * 60_000;

export interface AppProps {
  readonly port: ClusterPort;
  /** Shows the DEMO badge: the cluster is the embedded simulator. */
  readonly demo: boolean;
  /** Hides and refuses every action that changes the cluster. */
  readonly readonly: boolean;
  /** The skin (true: the default one); false with NO_COLOR: not a single escape code for colour, inverse or bold. */
  readonly color: Paint;
  /** The config file's `aliases:`: own words for `:` (alias → the line it stands for). */
  readonly aliases?: Readonly<Record<string, string>>;
  /** The config file's `logs:`: the pane shown at start, its scope and wrapping. */
  readonly logs?: LogsDefaults;
  /** Failing longer than this is highlighted (the runbook's alert fires at 15 minutes). */
  readonly alertThresholdMs?: number;
  /**
   * The first view (`--view`): a view id or anything `:` accepts (`hr`, `HelmRelease`, `gitrepositories`,
   * `git` …). When absent or unknown, Failing if anything is not ready, else Kustomizations.
   */
  readonly initialView?: ViewId | string | undefined;
  /** Context names for `:ctx` completion (from the kubeconfig). */
  readonly listContexts?: () => readonly string[] | Promise<readonly string[]>;
  /** `:ctx NAME` was chosen. */
  readonly onSwitchContext?: (name: string) => void;
  /** In a fleet: `:fleet` goes back to the fleet's Failing view. */
  readonly onFleet?: () => void;
  /**
   * Opened from the fleet on one of its rows: that row is selected once it is listed, and the action chosen
   * there (if any) asks its confirmation here, in the row's own context.
   */
  readonly initialSelection?: { readonly key: string; readonly action?: ActionCommand };
  /** A runbook action key was pressed on these objects (the marked ones, else the selection). */
  readonly onAction?: (command: ActionCommand, targets: readonly StatusRow[]) => void;
  /** Helm history for the details screen; default: port.helmHistory(helmStorageNamespace, helmReleaseName). */
  readonly loadHelmHistory?: LoadHelmHistory;
  /** An action is running: quitting asks first. */
  readonly busy?: boolean;
  /** Objects suspended in this session: quitting asks first while any is still suspended. */
  readonly suspendedThisSession?: readonly ObjectRef[];
  /** This session's suspensions and actions, for the `:suspended` and `:audit` views. */
  readonly session?: SessionData;
  /** Drawn above the footer: the actions' confirmation dialog and progress lines. */
  readonly overlay?: ActionLayerModel;
  /** While `open`, every key goes to `onKey` first (the actions' confirmation dialog). */
  readonly dialog?: {
    readonly open: boolean;
    readonly typing?: boolean;
    readonly onKey: (input: string, key: Key) => boolean;
  };
  /** Called once the user quits (after confirmation when needed), before Ink exits. */
  readonly onQuit?: () => void;
  /** A fixed terminal size instead of the real one (tests). */
  readonly size?: Size;
  /**
   * How often ages and durations refresh while the data changes; once nothing changed for 10 minutes,
   * every 30 s (nothing on screen shows seconds then). 0 stops the clock (tests).
   */
  readonly tickMs?: number;
  readonly clock?: () => number;
  /** Timers for the row-order hold after keys (tests hold them). */
  readonly timers?: Timers;
  /** `:report`: writes the incident report and resolves with the file's path. */
  readonly writeReport?: () => Promise<string>;
  /** The config file's plugins for this context, and what running them needs. */
  readonly plugins?: PluginSetup | undefined;
}

export function App(props: AppProps) {
  const [ui, dispatchUi] = useReducer(uiReducer, props.logs?.pane, initialUi);
  const flash = useCallback(
    (text: string, tone: Tone = 'warn') => dispatchUi({ type: 'flash', text, tone }),
    [],
  );
  const refused = useCallback(
    (command: CommandId) =>
      flash(
        `${binding(command).label}: refused — fluxdeck runs with --readonly and never changes the cluster`,
      ),
    [flash],
  );
  const port = props.port;
  const { held: keysHeld, noteKey } = useKeyHold(props.timers);
  const noteInput = useCallback(() => {
    port.noteInput?.();
    noteKey();
  }, [port, noteKey]);
  // Rows stay where they are while the user works: keys lately, a dialog open, an action running.
  const held = keysHeld || (props.busy ?? false) || (props.dialog?.open ?? false);
  return (
    <KeyDispatchProvider readonly={props.readonly} onRefused={refused} onInput={noteInput}>
      <OrderHoldProvider value={held}>
        <Console {...props} ui={ui} dispatchUi={dispatchUi} flash={flash} />
      </OrderHoldProvider>
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
  const now = useAgeClock(snapshot, props.tickMs ?? 5000, props.clock);
  const rows = useAllRows(snapshot);
  const { counts, banner, unread, unreadable } = useSummary(rows, snapshot, now, alertThresholdMs);
  const portHistory = useCallback((row: StatusRow) => helmHistoryFromPort(port, row), [port]);
  const helmChanges = useMemo(() => helmChangesFromPort(port), [port]);
  const inventory = useMemo(() => inventoryFromPort(port), [port]);
  const lookup = useCallback((key: string) => lookupRow(snapshot, key), [snapshot]);
  const chain = useChain(rows, lookup);
  const advice = useAdvice(snapshot, chain.graph, now, props.readonly);
  const [nav, dispatch] = useNavigation(
    port,
    props.initialView,
    snapshot,
    counts.failing,
    unreadable !== undefined,
  );
  const screen = currentScreen(nav);
  const details = screen.type === 'details' ? screen : undefined;
  const list = currentList(nav);

  const size = useTerminalSize(props.size);
  // Known before the layout (which needs the table's runbook line): the table's columns depend on it.
  const tableWidth = mainWidth(size.columns, ui.logs);
  const tableOptions = {
    now,
    alertThresholdMs,
    namespace: nav.namespace,
    chain: chain.facts,
    width: tableWidth,
  };
  const current = useCurrentTable(snapshot, list, tableOptions, props.session, {
    port,
    rows,
    graph: chain.graph,
    lookup,
  });
  const { index: selectedIndex, key: selectedKey } = useSelection(list, current.table.keys, dispatch);
  // On :suspended a row's key is the object's own key, so the action keys (u: resume) act on the live object.
  const selectedRow =
    selectedStatusRow(current, selectedIndex) ??
    (current.type === 'suspended' && selectedKey !== undefined ? lookup(selectedKey) : undefined);
  const selectedPod = current.type === 'pods' ? current.table.rows[selectedIndex] : undefined;
  useInitialSelection(props.initialSelection, current.table.keys, lookup, dispatch, props.onAction, flash);

  useEffect(() => {
    const id = ui.flash?.id;
    if (id === undefined) return undefined;
    const timer = setTimeout(() => dispatchUi({ type: 'clearFlash', id }), FLASH_MS);
    return () => clearTimeout(timer);
  }, [ui.flash?.id, dispatchUi]);

  // The plugins' hook is further down (it needs the object in focus): quitting asks it when it happens.
  const pluginsRef = useRef<PluginsApi | undefined>(undefined);
  const quit = useQuit(
    snapshot,
    props.busy ?? false,
    props.suspendedThisSession ?? NO_REFS,
    () => {
      pluginsRef.current?.stopBackground();
      props.onQuit?.();
    },
    (reasons) => dispatchUi({ type: 'askQuit', reasons }),
    () => pluginsRef.current?.background() ?? [],
  );
  // Only `:ns` completion needs the namespace list: worked out when asked, not per snapshot.
  const listNamespaces = useCallback(() => namespacesOf(rows), [rows]);
  const logsRef = useRef<((text: string) => void) | undefined>(undefined);
  const prompt = useConsolePrompt({
    listNamespaces,
    listContexts: props.listContexts,
    onCommand: (result) =>
      routeCommand(result, {
        dispatch,
        dispatchUi,
        flash,
        quit: quit.request,
        onSwitchContext: props.onSwitchContext,
        onFleet: props.onFleet,
        selectedKey: () => selectedRow?.key,
        namespace: () => nav.namespace,
        report: () => {
          const write = props.writeReport;
          if (!write) {
            flash('reports are not written here: run fluxdeck report');
            return;
          }
          flash('writing the incident report…', 'busy');
          write().then(
            (path) =>
              flash(
                `incident report: ${path}${props.demo ? ' (copy it: the demo folder goes when you quit)' : ''}`,
                'ok',
              ),
            (error: unknown) =>
              flash(
                `the report could not be written: ${error instanceof Error ? error.message : String(error)}`,
                'bad',
              ),
          );
        },
      }),
    onFilter: (text) => dispatch({ type: 'filter', text }),
    onSearch: (text) => logsRef.current?.(text),
    aliases: props.aliases,
  });

  const detailsRow = details ? lookup(details.key) : undefined;
  const focusRow = details ? detailsRow : selectedRow;
  const adviceLine = focusRow && !ui.help ? advice.text(focusRow) : undefined;

  const logsFocused = ui.focus === 'logs' && ui.logs !== 'hidden';
  const bodyRows = useRef(0);
  const plugins = usePlugins({
    setup: props.plugins,
    port,
    readonly: props.readonly,
    place: logsFocused ? 'logs' : details ? 'details' : 'table',
    row: focusRow,
    columns: () => focusColumns(current, list.view, selectedIndex, focusRow),
    flash,
    paneHeight: () => bodyRows.current,
    ...(props.clock ? { now: props.clock } : {}),
  });
  pluginsRef.current = plugins;
  // A plugin's confirmation is the dialog while it is open (the actions' waits: one dialog at a time).
  const dialog = plugins.dialogProps ?? props.dialog;
  const scopes = activeScopes({
    promptOpen: prompt.prompt !== undefined,
    dialogOpen: ui.quitReasons !== undefined || dialog?.open === true,
    typing: ui.quitReasons === undefined && dialog?.typing === true,
    help: ui.help,
    logsFocused,
    details: details !== undefined,
  });
  const { layout, overlayRef, hintLines } = useConsoleLayout({
    hints: keyHints(scopes, props.readonly, focusRow?.ref.kind, plugins.pane ? [] : plugins.here),
    size,
    banner: banner !== undefined,
    logs: ui.logs,
    advice: adviceLine !== undefined,
    quitReasons: ui.quitReasons?.length,
    flash: ui.flash !== undefined,
    prompt: prompt.prompt && {
      suggestions: prompt.prompt.kind === 'command' && prompt.suggestions.length > 0,
      problem: prompt.problem !== undefined,
    },
  });
  const mainHeight = layout.main?.height ?? 0;
  bodyRows.current = layout.body.height;

  // Details and logs.
  const model = useDetails({
    screen: details,
    snapshot,
    graph: chain.graph,
    now,
    alertThresholdMs,
    width: layout.main?.width ?? layout.width,
    advice: advice.text,
    loadHelmHistory: props.loadHelmHistory ?? portHistory,
    loadPreviousLogs: previousLogsFromPort(port),
    loadHelmChanges: helmChanges,
    loadInventory: inventory,
  });
  const logsVisible = layout.logs !== undefined;
  const installed = useMemo(
    () => new Set(snapshot.pods.items.map((p) => p.controller)),
    [snapshot.pods.items],
  );
  const podKeys = useMemo(() => new Set(snapshot.pods.items.map(podDetailsKey)), [snapshot.pods.items]);
  const controllers = controllersFor(list.view, focusRow, selectedPod?.controller, installed);
  useFollowControllers(port, logsVisible, controllers);
  const logs = useLogsPane({
    port,
    visible: logsVisible,
    target: focusRow?.ref,
    controllers,
    width: layout.logs?.width ?? layout.width,
    height: layout.logs?.height ?? 0,
    initial: props.logs,
  });
  logsRef.current = (text) => logs.dispatch({ type: 'search', text, entries: logs.entries });

  const context: ConsoleContext = {
    nav,
    dispatch,
    ui,
    dispatchUi,
    flash,
    current,
    list,
    details,
    focusRow,
    selectedRow,
    selectedIndex,
    tabs: model.tabs,
    lookup,
    graph: chain.graph,
    rootOf: advice.rootOf,
    quit: quit.request,
    openPrompt: prompt.open,
    onAction: props.onAction,
    podKeys,
    inventoryTrace: model.inventoryTrace,
  };
  useConsoleKeys({
    context,
    dialog,
    promptOpen: prompt.prompt !== undefined,
    exit: quit.exit,
    helpMaxScroll: () => helpMaxScroll(props.readonly, layout.width, layout.body.height, props.plugins?.list),
    layout,
    selectedKey,
    detailsLines: model.lines.length,
    logs,
  });
  const mainFocused = ui.focus === 'main' && !ui.help && layout.main !== undefined;

  return (
    <ConsoleScreen
      header={{
        info: port.info,
        namespace: nav.namespace,
        demo: props.demo,
        readonly: props.readonly,
        connection: snapshot.connection,
        unread,
        lastEventAt: snapshot.lastEventAt,
        counts,
        alertThresholdMs,
        now,
        banner,
        unreadable,
      }}
      layout={layout}
      color={color}
      readonly={props.readonly}
      plugins={props.plugins?.list}
      pluginPane={plugins.pane}
      ui={ui}
      hints={hintLines}
      table={{
        current,
        selectedIndex,
        marked: nav.marked,
        sort: shownListSort(current, list, tableWidth),
        emptyText: emptyText(list.view, list.filter, nav.namespace),
      }}
      details={
        details ? (
          <Details
            title={`${details.key}`}
            tabs={model.tabs}
            tab={details.tab}
            lines={model.lines}
            scroll={details.scroll}
            width={layout.main?.width ?? layout.width}
            height={mainHeight}
            color={color}
            focused={mainFocused}
          />
        ) : undefined
      }
      logs={logs.model}
      logsFocused={ui.focus === 'logs'}
      advice={adviceLine}
      overlay={
        plugins.dialog ? (
          <ActionLayer
            dialog={plugins.dialog}
            progress={props.overlay?.progress ?? []}
            scroll={plugins.dialogScroll}
            commandsToggled={plugins.commandsToggled}
            color={color}
            width={props.overlay?.width ?? props.size?.columns}
            height={props.overlay?.height ?? props.size?.rows}
            headerRows={headerLines(banner !== undefined)}
            advice={adviceLine !== undefined}
          />
        ) : props.overlay ? (
          <ActionLayer
            {...props.overlay}
            width={props.overlay.width ?? props.size?.columns}
            height={props.overlay.height ?? props.size?.rows}
            headerRows={headerLines(banner !== undefined)}
            advice={adviceLine !== undefined}
          />
        ) : undefined
      }
      overlayRef={overlayRef}
      prompt={
        prompt.prompt
          ? { prompt: prompt.prompt, suggestions: prompt.suggestions, problem: prompt.problem }
          : undefined
      }
    />
  );
}

function initialUi(pane: LogsMode | undefined): UiState {
  // As if the key had been pressed: the full screen pane takes the focus.
  return pane === 'split' || pane === 'full'
    ? uiReducer(INITIAL_UI, { type: 'toggleLogs', mode: pane })
    : INITIAL_UI;
}

const NAMESPACES = new WeakMap<readonly StatusRow[], readonly string[]>();

function namespacesOf(rows: readonly StatusRow[]): readonly string[] {
  let names = NAMESPACES.get(rows);
  if (!names) {
    names = [...new Set(rows.map((r) => r.ref.namespace))].sort();
    NAMESPACES.set(rows, names);
  }
  return names;
}

function emptyText(view: ViewId, filter: string, namespace: string | undefined): string {
  const where = namespace === undefined ? 'in any namespace' : `in namespace ${namespace}`;
  if (filter !== '') return noFilterMatch(filter);
  if (view === 'failing') return `nothing is failing ${where}: every Flux object is ready`;
  if (view === 'suspended') return 'nothing suspended in this session';
  if (view === 'audit') return 'no actions in this session yet: actions are recorded here when run';
  if (view === 'trace') return 'no link to show';
  if (view === 'tree') return 'nothing applied';
  if (view === 'workload') return 'no pod';
  if (view === 'podlog') return 'no line yet';
  if (view === 'timeline')
    return `nothing happened ${where} in the window: no failure, change, warning or action`;
  return `none ${where}`;
}

/** Selects the fleet's row once it is listed, and asks the fleet's action there (once). */
function useInitialSelection(
  initial: AppProps['initialSelection'],
  keys: readonly string[],
  lookup: (key: string) => StatusRow | undefined,
  dispatch: (action: NavAction) => void,
  onAction: AppProps['onAction'],
  flash: (text: string, tone?: Tone) => void,
): void {
  const done = useRef(false);
  const index = initial ? keys.indexOf(initial.key) : -1;
  useEffect(() => {
    if (done.current || !initial || index < 0) return;
    done.current = true;
    dispatch({ type: 'select', key: initial.key, index });
    const row = lookup(initial.key);
    if (initial.action && row && onAction) onAction(initial.action, [row]);
    else flash(':fleet goes back to every context', 'accent');
  }, [initial, index, lookup, dispatch, onAction, flash]);
}
