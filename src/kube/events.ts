// Core/v1 Events about Flux objects (involvedObject.kind in the catalog) and about the controllers' pods
// (kind Pod in flux-system: BackOff, OOM, image pulls), as the console shows them.
import { FLUX_SYSTEM_NAMESPACE, isKindName } from '../flux/kinds.js';
import { field, num, str } from '../flux/narrow.js';
import { sanitizeText } from '../flux/sanitize.js';
import { parseTime } from '../flux/time.js';
import type { ClusterEvent, RawObject } from './port.js';

/** series.lastObservedTime → lastTimestamp → eventTime → creationTimestamp (docs/logs-and-events.md). */
function lastSeen(raw: unknown): string {
  return (
    str(raw, 'series', 'lastObservedTime') ||
    str(raw, 'lastTimestamp') ||
    str(raw, 'eventTime') ||
    str(raw, 'metadata', 'creationTimestamp')
  );
}

function firstSeen(raw: unknown): string {
  return str(raw, 'firstTimestamp') || str(raw, 'eventTime') || str(raw, 'metadata', 'creationTimestamp');
}

/** A pod event the console keeps: about a pod in flux-system (a controller's), not an application's. */
function isControllerPodEvent(raw: unknown, kind: string): boolean {
  const namespace = str(raw, 'involvedObject', 'namespace') || str(raw, 'metadata', 'namespace');
  return kind === 'Pod' && namespace === FLUX_SYSTEM_NAMESPACE;
}

/** undefined for events about anything that is neither a Flux kind nor a controller pod. */
export function toClusterEvent(raw: RawObject): ClusterEvent | undefined {
  const kind = str(raw, 'involvedObject', 'kind');
  if (!isKindName(kind) && !isControllerPodEvent(raw, kind)) return undefined;
  const uid =
    str(raw, 'metadata', 'uid') || `${str(raw, 'metadata', 'namespace')}/${str(raw, 'metadata', 'name')}`;
  const component = str(raw, 'source', 'component') || str(raw, 'reportingComponent');
  return {
    uid: sanitizeText(uid, 300),
    namespace: sanitizeText(str(raw, 'metadata', 'namespace'), 253),
    type: sanitizeText(field(raw, 'type'), 50) || 'Normal',
    reason: sanitizeText(field(raw, 'reason'), 200),
    message: sanitizeText(field(raw, 'message'), 2000),
    involved: {
      kind,
      namespace: sanitizeText(
        str(raw, 'involvedObject', 'namespace') || str(raw, 'metadata', 'namespace'),
        253,
      ),
      name: sanitizeText(str(raw, 'involvedObject', 'name'), 253),
    },
    lastSeen: sanitizeText(lastSeen(raw), 50),
    firstSeen: sanitizeText(firstSeen(raw), 50),
    count: num(raw, 'series', 'count') ?? num(raw, 'count') ?? 1,
    source: sanitizeText(component, 200),
  };
}

/** Oldest first, as `flux events` prints them; ties by uid so the order is stable. */
export function compareEvents(a: ClusterEvent, b: ClusterEvent): number {
  const ta = parseTime(a.lastSeen) ?? 0;
  const tb = parseTime(b.lastSeen) ?? 0;
  if (ta !== tb) return ta - tb;
  return a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0;
}
