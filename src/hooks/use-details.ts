// The details screen's model: the object (looked up live by key, so it updates while open), its tabs and
// the lines of the current tab. Helm history is fetched on demand, when its tab is opened.

import { useEffect, useMemo, useRef, useState } from 'react';
import { eventsForRefs } from '../flux/events.js';
import type { DependencyGraph } from '../flux/graph.js';
import { helmReleaseName, helmStorageNamespace } from '../flux/helm.js';
import { type InventoryEntry, readInventory } from '../flux/inventory.js';
import { KIND_RULES } from '../flux/kind-rules.js';
import { isKindName } from '../flux/kinds.js';
import { kustomizationChanges } from '../flux/ks-changes.js';
import { formatAge } from '../flux/time.js';
import type { TraceTarget } from '../flux/trace.js';
import { type HelmReleaseRevision, objectKey, type StatusRow } from '../flux/types.js';
import type {
  ClusterEvent,
  ClusterPort,
  ClusterSnapshot,
  ControllerPod,
  PreviousLogs,
  RawObject,
} from '../kube/port.js';
import { changesLines, ksChangesLines } from '../present/changes-lines.js';
import {
  type DetailLine,
  type DetailsTab,
  eventLines,
  type HistoryState,
  historyLines,
  overviewLines,
  yamlLines,
} from '../present/details-lines.js';
import { detailsTabsOf } from '../present/details-tabs.js';
import { compareEventsNewestFirst } from '../present/event-columns.js';
import { inventoryLines, inventoryTraceTarget } from '../present/inventory-lines.js';
import {
  findPod,
  isPodDetailsKey,
  POD_TABS,
  PREVIOUS_LOG_LINES,
  type PreviousLogsState,
  podEvents,
  podOverviewLines,
} from '../present/pod-details.js';
import type { DetailsScreen } from './navigation.js';
import { lookupRow } from './snapshot-rows.js';
import { type LoadHelmChanges, useHelmChanges } from './use-helm-changes.js';
import { type LoadInventory, useInventory } from './use-inventory.js';

export type LoadHelmHistory = (row: StatusRow) => Promise<readonly HelmReleaseRevision[]>;
export type LoadPreviousLogs = (pod: ControllerPod) => Promise<PreviousLogs>;

const PREVIOUS_LOADERS = new WeakMap<ClusterPort, LoadPreviousLogs>();

/**
 * The previous container's log through the port, when the port can read logs. One function per port, so
 * a render does not start a new read.
 */
export function previousLogsFromPort(port: ClusterPort): LoadPreviousLogs | undefined {
  const read = port.previousLogs?.bind(port);
  if (!read) return undefined;
  let load = PREVIOUS_LOADERS.get(port);
  if (!load) {
    load = (pod) => read(pod.namespace, pod.name, pod.container, PREVIOUS_LOG_LINES);
    PREVIOUS_LOADERS.set(port, load);
  }
  return load;
}

/** Helm storage for a HelmRelease, where helm-controller keeps it (spec.storageNamespace, releaseName …). */
export async function helmHistoryFromPort(
  port: ClusterPort,
  row: StatusRow,
): Promise<readonly HelmReleaseRevision[]> {
  const raw =
    port.getSnapshot().kinds.get('HelmRelease')?.raw.get(row.key) ?? (await port.getObject(row.ref));
  if (!raw) throw new Error(`${row.key} is not in the cache`);
  return port.helmHistory(helmStorageNamespace(raw), helmReleaseName(raw));
}

export interface DetailsModel {
  readonly row: StatusRow | undefined;
  readonly tabs: readonly DetailsTab[];
  readonly lines: readonly DetailLine[];
  /** What `T` traces on the Inventory tab (the first object not ready), once the objects are read. */
  readonly inventoryTrace?: TraceTarget | undefined;
}

export function detailsTabs(row: StatusRow | undefined): readonly DetailsTab[] {
  return detailsTabsOf(row?.ref.kind);
}

/** The object's own events and those of the objects `flux events --for` adds, newest first. */
export function objectEvents(
  events: readonly ClusterEvent[],
  row: StatusRow,
  raw: RawObject | undefined,
): ClusterEvent[] {
  const keys = new Set([row.key, ...eventsForRefs(row.ref.kind, raw ?? {}).map(objectKey)]);
  return events
    .filter(
      (e) => isKindName(e.involved.kind) && keys.has(objectKey({ ...e.involved, kind: e.involved.kind })),
    )
    .sort(compareEventsNewestFirst);
}

export interface DetailsOptions {
  readonly screen: DetailsScreen | undefined;
  readonly snapshot: ClusterSnapshot;
  readonly graph: DependencyGraph;
  readonly now: number;
  readonly alertThresholdMs: number;
  readonly width: number;
  readonly advice: (row: StatusRow) => string | undefined;
  readonly loadHelmHistory: LoadHelmHistory | undefined;
  /** What the newest Helm revision changed (HelmRelease Changes tab); undefined: not readable here. */
  readonly loadHelmChanges?: LoadHelmChanges | undefined;
  /** The managed objects with their health (Inventory tab); undefined: not readable here. */
  readonly loadInventory?: LoadInventory | undefined;
  /** A pod's previous container log (pod details); undefined: the details say it cannot be read here. */
  readonly loadPreviousLogs?: LoadPreviousLogs | undefined;
}

function find(snapshot: ClusterSnapshot, key: string | undefined) {
  if (key === undefined) return { row: undefined, raw: undefined };
  const row = lookupRow(snapshot, key);
  return { row, raw: row ? snapshot.kinds.get(row.ref.kind)?.raw.get(key) : undefined };
}

export function useDetails(o: DetailsOptions): DetailsModel {
  const { screen, snapshot, graph, now, alertThresholdMs, width, advice } = o;
  const { row, raw } = find(snapshot, screen?.key);
  const [history, setHistory] = useState<{ key: string; state: HistoryState } | undefined>(undefined);
  const wantHistory = screen?.tab === 'history' && row?.ref.kind === 'HelmRelease' ? row : undefined;
  const load = o.loadHelmHistory;

  // Fetched again when the tab is reopened or the release's revision moves, not on every snapshot.
  const target = useRef(wantHistory);
  target.current = wantHistory;
  const trigger = wantHistory ? `${wantHistory.key}@${wantHistory.revision}` : undefined;
  useEffect(() => {
    const row = target.current;
    if (trigger === undefined || !row) return undefined;
    let live = true;
    const key = row.key;
    if (!load) {
      setHistory({ key, state: { phase: 'error', message: 'not available here' } });
      return undefined;
    }
    setHistory({ key, state: { phase: 'loading' } });
    load(row).then(
      (items) => live && setHistory({ key, state: { phase: 'ready', items } }),
      (e: unknown) =>
        live &&
        setHistory({ key, state: { phase: 'error', message: e instanceof Error ? e.message : String(e) } }),
    );
    return () => {
      live = false;
    };
  }, [trigger, load]);

  const wantChanges = screen?.tab === 'changes' && row?.ref.kind === 'HelmRelease' ? row : undefined;
  const changes = useHelmChanges(wantChanges, o.loadHelmChanges);

  const wantInventory =
    screen?.tab === 'inventory' && row && KIND_RULES[row.ref.kind].inventory ? row : undefined;
  const inventory = useInventory(wantInventory, raw, o.loadInventory);

  // Flux keeps no past inventories: the first look at a Kustomization's Changes is the baseline.
  const baselines = useRef(new Map<string, { entries: readonly InventoryEntry[]; at: number }>());
  if (
    screen?.tab === 'changes' &&
    row?.ref.kind === 'Kustomization' &&
    raw &&
    !baselines.current.has(row.key)
  )
    baselines.current.set(row.key, { entries: readInventory(raw), at: now });
  const baseline = row ? baselines.current.get(row.key) : undefined;

  const pod = screen && isPodDetailsKey(screen.key) ? findPod(snapshot.pods.items, screen.key) : undefined;
  const previous = usePreviousLogs(pod, o.loadPreviousLogs);

  const events = snapshot.events.items;
  const lines = useMemo((): readonly DetailLine[] => {
    if (!screen) return [];
    if (isPodDetailsKey(screen.key)) {
      if (!pod) return [{ text: `${screen.key} no longer exists (replaced, or scaled down)`, tone: 'bad' }];
      if (screen.tab === 'events') return eventLines(podEvents(events, pod), now, width);
      if (screen.tab === 'yaml') return yamlLines(pod.raw, width);
      return podOverviewLines({ pod, events, previous, now, width });
    }
    if (!row)
      return [
        { text: `${screen.key} no longer exists (deleted, or outside the namespace shown)`, tone: 'bad' },
      ];
    switch (screen.tab) {
      case 'overview':
        return overviewLines({
          row,
          graph,
          lookup: (key) => lookupRow(snapshot, key),
          now,
          alertThresholdMs,
          advice: advice(row),
          width,
        });
      case 'events':
        return eventLines(objectEvents(events, row, raw), now, width);
      case 'yaml':
        return yamlLines(raw, width);
      case 'history':
        return historyLines(history?.key === row.key ? history.state : { phase: 'loading' }, now, width);
      case 'inventory':
        if (!KIND_RULES[row.ref.kind].inventory)
          return [
            {
              text: 'Inventories are kept by Kustomizations, HelmReleases, FluxInstances and ResourceSets',
              tone: 'muted',
            },
          ];
        return inventoryLines(
          inventory,
          { key: row.key, health: row.health, ready: row.health === 'Ready' },
          width,
        );
      case 'changes': {
        if (row.ref.kind === 'HelmRelease') return changesLines(changes, width);
        if (row.ref.kind !== 'Kustomization')
          return [{ text: 'Changes are shown for Kustomizations and HelmReleases', tone: 'muted' }];
        const sourceKey = row.source ? objectKey(row.source) : undefined;
        return ksChangesLines({
          changes: kustomizationChanges(raw, baseline?.entries),
          source: sourceKey ? lookupRow(snapshot, sourceKey) : undefined,
          sourceKey,
          baselineAge: baseline ? `${formatAge(new Date(baseline.at).toISOString(), now)} ago` : undefined,
          width,
        });
      }
    }
  }, [
    screen,
    row,
    raw,
    graph,
    snapshot,
    now,
    alertThresholdMs,
    advice,
    width,
    events,
    history,
    changes,
    inventory,
    baseline,
    pod,
    previous,
  ]);

  return {
    row,
    tabs: screen && isPodDetailsKey(screen.key) ? POD_TABS : detailsTabs(row),
    lines,
    inventoryTrace: wantInventory ? inventoryTraceTarget(inventory) : undefined,
  };
}

/**
 * The pod's previous container log, read once when its details open and again when it restarts (a new
 * container died): a one-shot read, not a stream.
 */
function usePreviousLogs(
  pod: ControllerPod | undefined,
  load: LoadPreviousLogs | undefined,
): PreviousLogsState {
  const [state, setState] = useState<{ key: string; state: PreviousLogsState } | undefined>(undefined);
  const target = useRef(pod);
  target.current = pod;
  const trigger = pod ? `${pod.namespace}/${pod.name}@${pod.restarts}` : undefined;
  useEffect(() => {
    const current = target.current;
    if (trigger === undefined || !current) return undefined;
    if (!load) {
      setState({ key: trigger, state: { phase: 'error', message: 'logs cannot be read here' } });
      return undefined;
    }
    let live = true;
    setState({ key: trigger, state: { phase: 'loading' } });
    load(current).then(
      (result) => live && setState({ key: trigger, state: result }),
      (e: unknown) =>
        live &&
        setState({
          key: trigger,
          state: {
            phase: 'error',
            message: `could not read the previous logs: ${e instanceof Error ? e.message : String(e)}`,
          },
        }),
    );
    return () => {
      live = false;
    };
  }, [trigger, load]);
  return state !== undefined && state.key === trigger ? state.state : LOADING;
}

const LOADING: PreviousLogsState = { phase: 'loading' };
