// What the console's commands do, given where the user is: the handlers behind the global key layer and
// `enter` on a table. Plain functions of a context, so app.tsx only wires.
import type { Dispatch } from 'react';
import type { DependencyGraph } from '../flux/graph.js';
import { isApplierKind } from '../flux/inventory.js';
import { type TraceTarget, traceTargetKey } from '../flux/trace.js';
import type { ObjectKey, StatusRow } from '../flux/types.js';
import { matchLabelsSelector } from '../flux/workload-health.js';
import { type ActionCommand, binding } from '../keymap.js';
import type { DetailsTab } from '../present/details-lines.js';
import { POD_TABS, podDetailsKey } from '../present/pod-details.js';
import type { PromptKind } from '../present/prompt.js';
import type { CurrentTable } from '../present/tables.js';
import type { Tone } from '../present/theme.js';
import { POD_OWNER_KINDS } from '../present/tree-columns.js';
import type { UiAction, UiState } from '../present/ui-state.js';
import type { DetailsScreen, ListScreen, NavAction, NavState } from './navigation.js';
import { detailsTabs } from './use-details.js';
import type { GlobalKeyHandlers } from './use-global-keys.js';
import { podLogScope, workloadScope } from './use-workload-tables.js';

export interface ConsoleContext {
  readonly nav: NavState;
  readonly dispatch: Dispatch<NavAction>;
  readonly ui: UiState;
  readonly dispatchUi: Dispatch<UiAction>;
  readonly flash: (text: string, tone?: Tone) => void;
  readonly current: CurrentTable;
  readonly list: ListScreen;
  readonly details: DetailsScreen | undefined;
  /** The object of the details screen, or the table's selected Flux object. */
  readonly focusRow: StatusRow | undefined;
  readonly selectedRow: StatusRow | undefined;
  readonly selectedIndex: number;
  readonly tabs: readonly DetailsTab[];
  readonly lookup: (key: ObjectKey) => StatusRow | undefined;
  readonly graph: DependencyGraph;
  readonly rootOf: (row: StatusRow) => ObjectKey | undefined;
  readonly quit: () => void;
  readonly openPrompt: (kind: PromptKind, text?: string) => void;
  readonly onAction: ((command: ActionCommand, targets: readonly StatusRow[]) => void) | undefined;
  /** The details keys of the controller pods the console watches (a traced pod may be one of them). */
  readonly podKeys: ReadonlySet<string>;
  /** What `T` traces on the Inventory tab (undefined until its objects are read, or all are ready). */
  readonly inventoryTrace: TraceTarget | undefined;
}

/** The objects an action applies to: the details object, else the marked rows, else the selection. */
/** Which objects a details tab exists for, said when it is asked for on another. */
const TAB_FOR: Partial<Record<DetailsTab, string>> = {
  history: 'Helm history is for HelmReleases',
  changes: 'Changes are for Kustomizations and HelmReleases',
  inventory: 'the inventory is for Kustomizations, HelmReleases, FluxInstances and ResourceSets',
};

export function actionTargets(c: ConsoleContext): readonly StatusRow[] {
  if (c.details) return c.focusRow ? [c.focusRow] : [];
  const marked =
    c.current.type === 'status' ? c.current.table.rows.filter((r) => c.nav.marked.has(r.key)) : [];
  return marked.length > 0 ? marked : c.selectedRow ? [c.selectedRow] : [];
}

/** The details key of the selected controller pod, on :ctrl. */
function selectedPodKey(c: ConsoleContext): string | undefined {
  const pod = c.current.type === 'pods' ? c.current.table.rows[c.selectedIndex] : undefined;
  return pod ? podDetailsKey(pod) : undefined;
}

/** `enter` on a table: a Flux object's or a controller pod's details; an event's or session row's object. */
export function openSelection(c: ConsoleContext, key: string): void {
  if (c.current.type === 'status') {
    c.dispatch({ type: 'details', key, tab: 'overview' });
    return;
  }
  if (c.current.type === 'pods') {
    const pod = selectedPodKey(c);
    if (pod) c.dispatch({ type: 'details', key: pod, tab: 'overview' });
    return;
  }
  if (c.current.type === 'suspended' || c.current.type === 'audit') {
    // The session views open the object the row is about (an action's first target).
    const target =
      c.current.type === 'suspended'
        ? c.current.table.rows[c.selectedIndex]?.key
        : c.current.table.rows[c.selectedIndex]?.targets[0];
    if (target && c.lookup(target)) c.dispatch({ type: 'details', key: target, tab: 'overview' });
    else c.flash('that object is not in the cache');
    return;
  }
  if (c.current.type === 'trace') {
    // A Flux link opens its details; a controller pod its pod details; other objects are not in the cache.
    const link = c.current.table.rows[c.selectedIndex];
    if (!link) return;
    const pod = link.kind === 'Pod' ? podDetailsKey(link) : undefined;
    if (link.fluxKey && c.lookup(link.fluxKey))
      c.dispatch({ type: 'details', key: link.fluxKey, tab: 'overview' });
    else if (pod && c.podKeys.has(pod)) c.dispatch({ type: 'details', key: pod, tab: 'overview' });
    else if (link.fluxKey) c.flash(`${link.fluxKey} is not in the cache (outside the namespace shown?)`);
    else c.flash(`${link.kind} ${link.name} is not a Flux object: only the Flux links open details`);
    return;
  }
  if (c.current.type === 'tree') {
    // A Flux object opens its details; a workload its pods; other objects have nothing below them.
    const row = c.current.table.rows[c.selectedIndex];
    if (!row || row.kind === '') return;
    const selector = row.raw ? matchLabelsSelector(row.raw) : undefined;
    if (row.fluxKey && c.lookup(row.fluxKey))
      c.dispatch({ type: 'details', key: row.fluxKey, tab: 'overview' });
    else if (row.fluxKey) c.flash(`${row.fluxKey} is not in the cache (outside the namespace shown?)`);
    else if (selector)
      c.dispatch({
        type: 'open',
        view: 'workload',
        scope: workloadScope(`${row.kind}/${row.namespace}/${row.name}`, selector),
      });
    else if (POD_OWNER_KINDS.has(row.kind))
      c.flash(`${row.kind} ${row.name} is not in the cluster: it has no pods to show`);
    else
      c.flash(
        `${row.kind} ${row.name} has no pods: enter opens the pods of Deployments, StatefulSets, DaemonSets and Jobs`,
      );
    return;
  }
  if (c.current.type === 'workload') {
    openPodLog(c);
    return;
  }
  if (c.current.type === 'podlog') return;
  if (c.current.type === 'timeline') {
    // A line opens its object: a Flux object's details, or a controller pod's.
    const key = c.current.table.rows[c.selectedIndex]?.key ?? '';
    const [kind = '', namespace = '', ...name] = key.split('/');
    if (kind === 'Pod')
      c.dispatch({
        type: 'details',
        key: podDetailsKey({ namespace, name: name.join('/') }),
        tab: 'overview',
      });
    else if (key && c.lookup(key)) c.dispatch({ type: 'details', key, tab: 'overview' });
    else c.flash(key ? 'that object is not in the cache' : 'this line names no single object');
    return;
  }
  const about = c.current.table.rows[c.selectedIndex]?.involved;
  const target = about ? `${about.kind}/${about.namespace}/${about.name}` : undefined;
  if (about?.kind === 'Pod') c.dispatch({ type: 'details', key: podDetailsKey(about), tab: 'events' });
  else if (target && c.lookup(target)) c.dispatch({ type: 'details', key: target, tab: 'events' });
  else c.flash('the object of this event is not in the cache');
}

/** `l` (or enter) on a workload's pod: follow its log — the container that is not ready first. */
export function openPodLog(c: ConsoleContext): boolean {
  if (c.current.type !== 'workload') return false;
  const pod = c.current.table.rows[c.selectedIndex];
  const container = pod?.containers[0];
  if (!pod) c.flash('select a pod first');
  else if (!container) c.flash(`${pod.name} has no container to read`);
  else c.dispatch({ type: 'open', view: 'podlog', scope: podLogScope(pod.namespace, pod.name, container) });
  return true;
}

/** What `T` traces where the user is: the details object, the Inventory tab's first problem, the row. */
function traceTargetOf(c: ConsoleContext): TraceTarget | { readonly why: string } {
  const fromKey = (key: string): TraceTarget | undefined => {
    const [kind = '', namespace = '', ...name] = key.split('/');
    return kind && name.length > 0 ? { kind, namespace, name: name.join('/') } : undefined;
  };
  if (c.details) {
    if (c.details.tab === 'inventory')
      return (
        c.inventoryTrace ?? {
          why: 'every managed object is ready (or not read yet): nothing to trace from here',
        }
      );
    return fromKey(c.details.key) ?? { why: 'nothing to trace here' };
  }
  const cur = c.current;
  if (cur.type === 'pods') {
    const pod = cur.table.rows[c.selectedIndex];
    if (pod) return { kind: 'Pod', namespace: pod.namespace, name: pod.name };
  } else if (cur.type === 'events') {
    const about = cur.table.rows[c.selectedIndex]?.involved;
    if (about) return { kind: about.kind, namespace: about.namespace, name: about.name };
  } else if (cur.type === 'trace') {
    return { why: 'this is a trace already: enter opens a Flux link' };
  } else if (cur.type === 'tree') {
    const row = cur.table.rows[c.selectedIndex];
    if (row && row.kind !== '') return { kind: row.kind, namespace: row.namespace, name: row.name };
  } else if (cur.type === 'workload') {
    const pod = cur.table.rows[c.selectedIndex];
    if (pod) return { kind: 'Pod', namespace: pod.namespace, name: pod.name };
  } else if (cur.type === 'podlog') {
    return { why: 'trace the pod from its list: esc, then T' };
  } else if (c.selectedRow) return { ...c.selectedRow.ref };
  return { why: 'select an object first, or type :trace KIND/NAME -n NAMESPACE' };
}

export function globalHandlers(c: ConsoleContext): GlobalKeyHandlers {
  const { dispatch, dispatchUi, flash, details, list } = c;
  return {
    quit: c.quit,
    help: () => dispatchUi({ type: 'help' }),
    command: () => c.openPrompt('command'),
    back: () => {
      if (c.ui.logs === 'full') dispatchUi({ type: 'logs', mode: 'hidden' });
      else if (!details && list.filter === '' && list.health === 'all' && c.nav.marked.size > 0) {
        dispatch({ type: 'clearMarks' });
      } else dispatch({ type: 'back' });
      return true;
    },
    allNamespaces: () => dispatch({ type: 'namespace', namespace: undefined }),
    logs: (mode) => {
      // On a workload's pods, l is that pod's log (the logs pane follows the Flux controllers).
      if (!details && mode === 'split' && openPodLog(c)) return;
      dispatchUi({ type: 'toggleLogs', mode });
    },
    focus: () => dispatchUi({ type: 'focus' }),
    details: (tab) => {
      if (tab === 'inventory' && !details) {
        // t on a table: the tree screen, where each object can be opened; in details, the Inventory tab.
        const row = c.selectedRow;
        if (row && isApplierKind(row.ref.kind)) dispatch({ type: 'open', view: 'tree', scope: row.key });
        else if (c.current.type === 'tree') flash('this is the tree: enter opens an object, esc goes back');
        else
          flash(
            row
              ? `${row.ref.kind} has no inventory (${TAB_FOR.inventory})`
              : 'select a Kustomization or HelmRelease first',
          );
        return;
      }
      if (tab === 'inventory' && details && isApplierKind(details.key.split('/')[0] ?? '')) {
        dispatch({ type: 'open', view: 'tree', scope: details.key });
        return;
      }
      const pod = selectedPodKey(c);
      if (details) dispatch({ type: 'tab', tab: c.tabs.includes(tab) ? tab : details.tab });
      else if (pod && !POD_TABS.includes(tab))
        flash(`a pod has no ${tab} tab (${TAB_FOR[tab] ?? 'it is for Flux objects'})`);
      else if (pod) dispatch({ type: 'details', key: pod, tab });
      else if (c.selectedRow && !detailsTabs(c.selectedRow).includes(tab)) {
        flash(`${c.selectedRow.ref.kind} has no ${tab} tab (${TAB_FOR[tab] ?? 'not for this kind'})`);
      } else if (c.selectedRow) dispatch({ type: 'details', key: c.selectedRow.key, tab });
      else flash('select a Flux object or a controller pod first');
    },
    gotoRoot: () => {
      const root = c.focusRow ? c.rootOf(c.focusRow) : undefined;
      if (!root) flash('nothing blocks this object: it heads no failing chain');
      else if (details) dispatch({ type: 'details', key: root, tab: details.tab });
      else {
        if (!c.current.table.keys.includes(root)) dispatch({ type: 'open', view: 'failing' });
        dispatch({ type: 'select', key: root, index: 0 });
      }
    },
    trace: () => {
      const target = traceTargetOf(c);
      if ('why' in target) flash(target.why);
      else dispatch({ type: 'open', view: 'trace', scope: traceTargetKey(target) });
    },
    action: (command) => {
      const objects = actionTargets(c);
      const label = binding(command).label;
      if (objects.length === 0) flash(`${label}: select a Flux object first`);
      else if (c.onAction) c.onAction(command, objects);
      else flash(`${label} is not available yet`);
    },
  };
}
