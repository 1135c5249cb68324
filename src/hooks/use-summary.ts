// Cluster-wide facts for the header: counts per state, what they leave out, and the stale-data banner.
// Memoised on the snapshot, except the alert count, which also depends on the coarse clock.
import { useMemo } from 'react';
import { deploymentsRead } from '../actions/controller-check.js';
import { controllerProblemBanner, noControllersBanner } from '../flux/controller-health.js';
import { type KindName, kindInfo } from '../flux/kinds.js';
import { isRowFailing, needsAttention } from '../flux/status.js';
import { elapsedShown, parseTime } from '../flux/time.js';
import type { StatusRow } from '../flux/types.js';
import type { ClusterSnapshot, WatchState } from '../kube/port.js';
import type { Counts } from '../present/counts.js';
import { formatClock, NOT_SERVED_YET } from '../present/watch-state.js';

/** The Flux kinds the console could not read, and why: the header says so instead of `live`. */
export interface Coverage {
  readonly notServedYet: readonly KindName[];
  readonly forbidden: readonly KindName[];
}

export function readCoverage(snapshot: ClusterSnapshot): Coverage {
  const notServedYet: KindName[] = [];
  const forbidden: KindName[] = [];
  for (const [kind, slice] of snapshot.kinds) {
    if (slice.state.phase === 'not-served-yet') notServedYet.push(kind);
    else if (slice.state.phase === 'forbidden') forbidden.push(kind);
  }
  return { notServedYet, forbidden };
}

const kinds = (n: number) => (n === 1 ? '1 kind' : `${n} kinds`);

/** `2 kinds not served yet`, `1 kind forbidden`, `2 kinds not served yet, 1 forbidden`; '' when all read. */
export function unreadText(coverage: Coverage): string {
  const lagging = coverage.notServedYet.length;
  const denied = coverage.forbidden.length;
  if (lagging > 0 && denied > 0) return `${kinds(lagging)} ${NOT_SERVED_YET}, ${denied} forbidden`;
  if (lagging > 0) return `${kinds(lagging)} ${NOT_SERVED_YET}`;
  return denied > 0 ? `${kinds(denied)} forbidden` : '';
}

/**
 * failing = Failed, Stalled, Waiting, Degraded (Ready, but its workloads are not): what needs a human. Pending (the controller has not judged the current
 * spec yet — e.g. just resumed, while kubectl still shows Ready True) and Suspended are counted apart;
 * Reconciling is on its way to a verdict and counted in neither.
 *
 * Counts come from the kinds actually read. Rows of a kind that is not served yet are still shown (stale)
 * but not counted, and `notCounted` says so: `12 stale rows` (the connection says which kinds), or
 * `1 kind forbidden`.
 */
export function countRows(
  rows: readonly StatusRow[],
  now: number,
  alertThresholdMs: number,
  coverage: Coverage = { notServedYet: [], forbidden: [] },
): Counts {
  const unread = new Set<string>([...coverage.notServedYet, ...coverage.forbidden]);
  let stale = 0;
  let ready = 0;
  let failing = 0;
  let pending = 0;
  let suspended = 0;
  let alerting = 0;
  let total = 0;
  for (const r of rows) {
    if (unread.has(r.ref.kind)) {
      stale += 1;
      continue;
    }
    total += 1;
    if (r.suspended) suspended += 1;
    if (!needsAttention(r)) {
      ready += 1;
      continue;
    }
    if (r.health === 'Pending') pending += 1;
    if (!isRowFailing(r)) continue;
    failing += 1;
    const since = parseTime(r.failingSince);
    // As the rows show it (elapsedShown), so the count and the rows' `!` change together.
    if (since !== undefined && elapsedShown(since, now) >= alertThresholdMs) alerting += 1;
  }
  const what = unreadText(coverage);
  const notCounted = what === '' ? '' : stale > 0 ? `${stale} stale ${stale === 1 ? 'row' : 'rows'}` : what;
  return { total, ready, failing, pending, suspended, alerting, notCounted };
}

/** The scope every forbidden kind shares, e.g. ` at the cluster scope`; '' when they differ or none says. */
function sharedScope(states: readonly WatchState[]): string {
  const scopes = new Set(states.map((s) => (s.phase === 'forbidden' ? (s.scope ?? '') : '')));
  const only = scopes.size === 1 ? [...scopes][0] : '';
  return only ? ` ${only}` : '';
}

/**
 * When RBAC forbids every kind (the others, if any, not installed), so nothing could be read: where, as
 * the server said it (` at the cluster scope`, or '' when the kinds differ), else undefined.
 */
export function forbiddenEverywhere(states: readonly WatchState[]): string | undefined {
  const forbidden = states.filter((s) => s.phase === 'forbidden');
  if (forbidden.length === 0 || states.some((s) => s.phase !== 'forbidden' && s.phase !== 'not-installed'))
    return undefined;
  return sharedScope(forbidden);
}

/** What the header shows instead of counts that would read `ready 0 failing 0 … of 0` with nothing read. */
export function unreadableSentence(snapshot: ClusterSnapshot): string | undefined {
  const scope = forbiddenEverywhere([...snapshot.kinds.values()].map((s) => s.state));
  if (scope === undefined) return undefined;
  return `no Flux object can be read: your user may not list any Flux kind${scope} (forbidden) — see Failing`;
}

/** The Failing view's explanation when nothing could be read, one sentence a line. */
export function unreadableExplanation(
  states: readonly WatchState[],
  namespace: string | undefined,
): string[] {
  const scope = forbiddenEverywhere(states) ?? '';
  const first = states.find((s) => s.phase === 'forbidden');
  const elsewhere = namespace === undefined ? ', or try :ns NAME for a namespace you may read' : '';
  return [
    `Your user may not list any Flux kind${scope}: nothing can be shown, not even whether anything is failing.`,
    `Ask for read access (Flux adds its kinds to the Kubernetes view role)${elsewhere}.`,
    ...(first?.phase === 'forbidden' && first.message ? [`The API server said: ${first.message}`] : []),
  ];
}

/**
 * `data may be stale — disconnected since 12:03:04, retrying` while any watch is disconnected; else the CRD
 * registration lag; else, when no Flux controller runs at all, that nothing reconciles; else a controller
 * pod in trouble (crash-looping, image pull failing), the runbook's escalation signal.
 */
export function staleBanner(snapshot: ClusterSnapshot): string | undefined {
  const states: WatchState[] = [
    ...[...snapshot.kinds.values()].map((s) => s.state),
    snapshot.pods.state,
    snapshot.events.state,
  ];
  let since: number | undefined;
  for (const s of states) {
    if (s.phase === 'disconnected' && (since === undefined || s.since < since)) since = s.since;
  }
  if (since !== undefined) return `data may be stale — disconnected since ${formatClock(since)}, retrying`;
  if (snapshot.connection === 'disconnected')
    return 'data may be stale — disconnected from the API server, retrying';
  return (
    notServedYetBanner(snapshot) ??
    noControllersBanner(deploymentsRead(snapshot), snapshot.pods.items) ??
    controllerProblemBanner(snapshot.pods.items)
  );
}

/**
 * `HelmRelease, Kustomization not served yet since 10:03:04, as after an API server restart — rows shown are
 * stale; retrying` (past two kinds, `15 kinds`).
 */
export function notServedYetBanner(snapshot: ClusterSnapshot): string | undefined {
  const lagging: string[] = [];
  let since: number | undefined;
  for (const [kind, slice] of snapshot.kinds) {
    const s = slice.state;
    if (s.phase !== 'not-served-yet') continue;
    lagging.push(kindInfo(kind).kind);
    if (since === undefined || s.since < since) since = s.since;
  }
  if (since === undefined) return undefined;
  const who = lagging.length <= 2 ? lagging.join(', ') : kinds(lagging.length);
  return `${who} ${NOT_SERVED_YET} since ${formatClock(since)}, as after an API server restart — rows shown are stale; retrying`;
}

export function useSummary(
  rows: readonly StatusRow[],
  snapshot: ClusterSnapshot,
  now: number,
  alertThresholdMs: number,
) {
  const coverage = useMemo(() => readCoverage(snapshot), [snapshot]);
  const counts = useMemo(
    () => countRows(rows, now, alertThresholdMs, coverage),
    [rows, now, alertThresholdMs, coverage],
  );
  const banner = useMemo(() => staleBanner(snapshot), [snapshot]);
  const unreadable = useMemo(() => unreadableSentence(snapshot), [snapshot]);
  return { counts, banner, unread: unreadText(coverage), unreadable };
}
