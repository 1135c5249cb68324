// The console's key layers, from the top: the actions' dialog, the quit confirmation, help, the focused pane
// (table, details or logs), then the global commands. The prompt's layer sits in useConsolePrompt. Which
// scopes are live (for the hint area) is src/present/key-hints.ts activeScopes, worked out before the layout.
import type { Key } from 'ink';
import { detailsBodyHeight, type Layout, paneStep, tablePageSize } from '../present/layout.js';
import { type ConsoleContext, globalHandlers, openSelection } from './console-commands.js';
import { effectiveSort, sortColumnIds } from './use-current-table.js';
import { useConfirmKeys, useHelpKeys } from './use-dialog-keys.js';
import { useGlobalKeys } from './use-global-keys.js';
import { LAYER, useKeyLayer } from './use-key-dispatch.js';
import { useListKeys } from './use-list-keys.js';
import type { useLogsPane } from './use-logs-pane.js';
import { useDetailsKeys, useLogsKeys } from './use-pane-keys.js';

export interface ConsoleKeysOptions {
  /** Where the user is and what the commands act on (see console-commands.ts). */
  readonly context: ConsoleContext;
  /** While `open`, every key goes to `onKey` first (the actions' confirmation dialog). */
  readonly dialog:
    | { readonly open: boolean; readonly onKey: (input: string, key: Key) => boolean }
    | undefined;
  /** The prompt is open: its own layer has the keys. */
  readonly promptOpen: boolean;
  /** Quit confirmed. */
  readonly exit: () => void;
  /** How far the help screen scrolls at this size. */
  readonly helpMaxScroll: () => number;
  readonly layout: Layout;
  readonly selectedKey: string | undefined;
  /** Lines of the details screen's current tab. */
  readonly detailsLines: number;
  readonly logs: ReturnType<typeof useLogsPane>;
}

export function useConsoleKeys(o: ConsoleKeysOptions): void {
  const { context: c, dialog, layout, logs } = o;
  const { ui, dispatchUi, dispatch, details, list, current } = c;
  const mainHeight = layout.main?.height ?? 0;
  const logsVisible = layout.logs !== undefined;

  useKeyLayer({ priority: LAYER.dialog, scopes: ['dialog'], modal: dialog?.open === true }, (ev) =>
    dialog?.open === true
      ? dialog.onKey(ev.input, ev.key) || true
      : (dialog?.onKey(ev.input, ev.key) ?? false),
  );
  useConfirmKeys(ui.quitReasons !== undefined, o.exit, () => dispatchUi({ type: 'closeQuit' }));
  useHelpKeys(ui.help, {
    close: () => dispatchUi({ type: 'help', open: false }),
    scroll: (delta) => {
      const max = o.helpMaxScroll();
      dispatchUi({ type: 'helpScroll', scroll: Math.min(max, Math.max(0, ui.helpScroll + delta)) });
    },
  });
  const mainFocused = ui.focus === 'main' && !ui.help && layout.main !== undefined;
  useListKeys({
    active: mainFocused && !details,
    keys: current.table.keys,
    selectedKey: o.selectedKey,
    pageSize: tablePageSize(mainHeight),
    sortColumns: sortColumnIds(current, layout.main?.width ?? layout.width),
    sort: effectiveSort(current, list, layout.main?.width ?? layout.width),
    dispatch,
    onDetails: (key) => openSelection(c, key),
    onFilter: () => c.openPrompt('filter', list.filter),
  });
  const detailsBody = detailsBodyHeight(mainHeight);
  useDetailsKeys({
    active: mainFocused && details !== undefined,
    tabs: c.tabs,
    tab: details?.tab ?? 'overview',
    maxScroll: Math.max(0, o.detailsLines - detailsBody),
    page: paneStep(detailsBody),
    dispatch,
  });
  useLogsKeys({
    active: ui.focus === 'logs' && logsVisible && !ui.help,
    state: logs.state,
    entries: logs.entries,
    count: logs.filteredCount,
    hitCount: logs.hitCount,
    page: paneStep(logs.rows),
    dispatch: logs.dispatch,
    scrollForMatch: logs.scrollForMatch,
    openSearch: () => c.openPrompt('search', logs.state.search),
    leave: () => {
      if (ui.logs !== 'split') return false;
      dispatchUi({ type: 'focus', focus: 'main' });
      return true;
    },
  });
  useGlobalKeys(globalHandlers(c));
}
