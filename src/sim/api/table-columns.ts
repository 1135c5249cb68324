// Server-side printer columns of the built-in kinds, as kube-apiserver's printers define them
// (pkg/printers/internalversion/printers.go). Cells include the priority-1 ("wide") columns; kubectl
// hides those unless `-o wide`.

import { array, field, num, record, str, stringMap } from '../../flux/narrow.js';
import type { SimObject } from '../types.js';
import { ageSince } from './human-duration.js';

export interface ColumnDefinition {
  readonly name: string;
  readonly type: string;
  readonly format: string;
  readonly description: string;
  readonly priority: number;
}

export interface BuiltInPrinter {
  readonly columns: readonly ColumnDefinition[];
  cells(object: SimObject, now: number): unknown[];
}

export const NAME_COLUMN: ColumnDefinition = {
  name: 'Name',
  type: 'string',
  format: 'name',
  description: 'Name must be unique within a namespace.',
  priority: 0,
};

const col = (name: string, type = 'string', priority = 0): ColumnDefinition => ({
  name,
  type,
  format: '',
  description: name,
  priority,
});

const text = (obj: unknown, path: string[], fallback = ''): string => str(obj, ...path) || fallback;
const count = (obj: unknown, ...path: string[]): number => num(obj, ...path) ?? 0;

const age = (o: SimObject, now: number): string => ageSince(o.metadata.creationTimestamp, now);

function podStatus(pod: SimObject, now: number): { ready: string; reason: string; restarts: string } {
  let reason = text(pod, ['status', 'reason'], text(pod, ['status', 'phase'], 'Unknown'));
  let ready = 0;
  let restarts = 0;
  let lastRestart: string | undefined;
  for (const cs of array(pod, 'status', 'containerStatuses')) {
    restarts += count(cs, 'restartCount');
    const finished = str(cs, 'lastState', 'terminated', 'finishedAt');
    if (finished && (!lastRestart || finished > lastRestart)) lastRestart = finished;
    const waiting = str(cs, 'state', 'waiting', 'reason');
    const terminated = str(cs, 'state', 'terminated', 'reason');
    if (waiting) reason = waiting;
    else if (terminated) reason = terminated;
    else if (field(cs, 'ready') === true && record(cs, 'state', 'running')) ready++;
  }
  if (pod.metadata.deletionTimestamp) reason = 'Terminating';
  return {
    ready: `${ready}/${array(pod, 'spec', 'containers').length}`,
    reason,
    restarts: lastRestart ? `${restarts} (${ageSince(lastRestart, now)} ago)` : String(restarts),
  };
}

function containersAndImages(object: SimObject): [string, string] {
  const containers = array(object, 'spec', 'template', 'spec', 'containers');
  return [containers.map((c) => str(c, 'name')).join(','), containers.map((c) => str(c, 'image')).join(',')];
}

function selectorText(object: SimObject): string {
  const labels = stringMap(object, 'spec', 'selector', 'matchLabels');
  const out = Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  return out === '' ? '<none>' : out;
}

export const BUILT_IN_PRINTERS: Readonly<Record<string, BuiltInPrinter>> = {
  pods: {
    columns: [
      NAME_COLUMN,
      col('Ready'),
      col('Status'),
      col('Restarts'),
      col('Age'),
      col('IP', 'string', 1),
      col('Node', 'string', 1),
      col('Nominated Node', 'string', 1),
      col('Readiness Gates', 'string', 1),
    ],
    cells(pod, now) {
      const s = podStatus(pod, now);
      return [
        pod.metadata.name,
        s.ready,
        s.reason,
        s.restarts,
        age(pod, now),
        text(pod, ['status', 'podIP'], '<none>'),
        text(pod, ['spec', 'nodeName'], '<none>'),
        text(pod, ['status', 'nominatedNodeName'], '<none>'),
        '<none>',
      ];
    },
  },
  'apps/deployments': {
    columns: [
      NAME_COLUMN,
      col('Ready'),
      col('Up-to-date', 'integer'),
      col('Available', 'integer'),
      col('Age'),
      col('Containers', 'string', 1),
      col('Images', 'string', 1),
      col('Selector', 'string', 1),
    ],
    cells(d, now) {
      const [containers, images] = containersAndImages(d);
      return [
        d.metadata.name,
        `${count(d, 'status', 'readyReplicas')}/${num(d, 'spec', 'replicas') ?? 1}`,
        count(d, 'status', 'updatedReplicas'),
        count(d, 'status', 'availableReplicas'),
        age(d, now),
        containers,
        images,
        selectorText(d),
      ];
    },
  },
  'apps/replicasets': {
    columns: [
      NAME_COLUMN,
      col('Desired', 'integer'),
      col('Current', 'integer'),
      col('Ready', 'integer'),
      col('Age'),
      col('Containers', 'string', 1),
      col('Images', 'string', 1),
      col('Selector', 'string', 1),
    ],
    cells(rs, now) {
      const [containers, images] = containersAndImages(rs);
      return [
        rs.metadata.name,
        num(rs, 'spec', 'replicas') ?? 1,
        count(rs, 'status', 'replicas'),
        count(rs, 'status', 'readyReplicas'),
        age(rs, now),
        containers,
        images,
        selectorText(rs),
      ];
    },
  },
  events: {
    columns: [
      col('Last Seen'),
      col('Type'),
      col('Reason'),
      col('Object'),
      col('Subobject', 'string', 1),
      col('Source', 'string', 1),
      col('Message'),
      col('First Seen', 'string', 1),
      col('Count', 'string', 1),
      { ...NAME_COLUMN, priority: 1 },
    ],
    cells(e, now) {
      const first = str(e, 'firstTimestamp')
        ? ageSince(field(e, 'firstTimestamp'), now)
        : ageSince(field(e, 'eventTime'), now);
      let last = str(e, 'lastTimestamp') ? ageSince(field(e, 'lastTimestamp'), now) : first;
      let times = count(e, 'count');
      if (record(e, 'series')) {
        last = ageSince(field(e, 'series', 'lastObservedTime'), now);
        times = count(e, 'series', 'count');
      } else if (times === 0) {
        // Singleton events of the events.k8s.io API carry no count.
        times = 1;
      }
      const kind = str(e, 'involvedObject', 'kind').toLowerCase();
      const name = str(e, 'involvedObject', 'name');
      const component = text(e, ['source', 'component'], str(e, 'reportingComponent'));
      const host = text(e, ['source', 'host'], str(e, 'reportingInstance'));
      return [
        last,
        str(e, 'type'),
        str(e, 'reason'),
        name ? `${kind}/${name}` : kind,
        str(e, 'involvedObject', 'fieldPath'),
        host ? `${component}, ${host}` : component,
        str(e, 'message').trim(),
        first,
        times,
        e.metadata.name,
      ];
    },
  },
  secrets: {
    columns: [NAME_COLUMN, col('Type'), col('Data', 'string'), col('Age')],
    cells: (s, now) => [
      s.metadata.name,
      str(s, 'type'),
      Object.keys(record(s, 'data') ?? {}).length,
      age(s, now),
    ],
  },
  configmaps: {
    columns: [NAME_COLUMN, col('Data', 'string'), col('Age')],
    cells: (c, now) => [
      c.metadata.name,
      Object.keys(record(c, 'data') ?? {}).length + Object.keys(record(c, 'binaryData') ?? {}).length,
      age(c, now),
    ],
  },
  namespaces: {
    columns: [NAME_COLUMN, col('Status'), col('Age')],
    cells: (n, now) => [n.metadata.name, text(n, ['status', 'phase'], 'Active'), age(n, now)],
  },
};
