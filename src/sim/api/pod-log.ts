// GET pods/{name}/log: text/plain, with container selection as the kubelet checks it, tailLines,
// sinceSeconds, timestamps, limitBytes, previous, and follow (streams until the container stops or the
// pod goes away).

import { array, record, str } from '../../flux/narrow.js';
import type { LogRecord, SimObject } from '../types.js';
import type { ApiContext, ResourceRequest } from './context.js';
import { flag, integer } from './http.js';
import { errors } from './status-errors.js';

function containerNames(pod: SimObject, field: 'containers' | 'initContainers'): string[] {
  return array(pod, 'spec', field).flatMap((c) => (str(c, 'name') ? [str(c, 'name')] : []));
}

function chooseContainer(pod: SimObject, requested: string | null): string {
  const containers = containerNames(pod, 'containers');
  const init = containerNames(pod, 'initContainers');
  const name = pod.metadata.name;
  if (requested === null || requested === '') {
    if (containers.length === 1) return containers[0] as string;
    const initPart = init.length > 0 ? ` or one of the init containers: [${init.join(' ')}]` : '';
    throw errors.badRequest(
      `a container name must be specified for pod ${name}, choose one of: [${containers.join(' ')}]${initPart}`,
    );
  }
  if (!containers.includes(requested) && !init.includes(requested)) {
    throw errors.badRequest(`container ${requested} is not valid for pod ${name}`);
  }
  return requested;
}

/** Why the container has not started yet, if it has never run (its log cannot be read then). */
function waitingReason(pod: SimObject, container: string): string | undefined {
  for (const cs of array(pod, 'status', 'containerStatuses')) {
    if (str(cs, 'name') !== container) continue;
    const waiting = record(cs, 'state', 'waiting');
    if (waiting && !record(cs, 'lastState', 'terminated'))
      return str(waiting, 'reason') || 'ContainerCreating';
  }
  return undefined;
}

/** Go's time.RFC3339Nano, which drops trailing zeros of the fraction (as the kubelet prints it). */
export function rfc3339Nano(ms: number): string {
  const iso = new Date(ms).toISOString();
  const fraction = iso.slice(20, 23).replace(/0+$/, '');
  return `${iso.slice(0, 19)}${fraction === '' ? '' : `.${fraction}`}Z`;
}

export function handlePodLog(ctx: ApiContext, r: ResourceRequest): void {
  const { def, namespace, name } = r.route;
  const pod = ctx.store.peek(def.id, namespace, name ?? '');
  if (!pod || namespace === undefined || name === undefined) throw errors.notFound(def, name ?? '');
  const container = chooseContainer(pod, r.query.get('container'));
  const previous = flag(r.query, 'previous');
  if (previous && !ctx.logs.hasPrevious(namespace, name, container)) {
    throw errors.badRequest(`previous terminated container "${container}" in pod "${name}" not found`);
  }
  const waiting = waitingReason(pod, container);
  if (waiting && !previous) {
    throw errors.badRequest(`container "${container}" in pod "${name}" is waiting to start: ${waiting}`);
  }
  const tailLines = integer(r.query, 'tailLines');
  const sinceSeconds = integer(r.query, 'sinceSeconds');
  let budget = integer(r.query, 'limitBytes') ?? Number.POSITIVE_INFINITY;
  const timestamps = flag(r.query, 'timestamps');
  const follow = flag(r.query, 'follow') && !previous;
  const { res } = r;
  const format = (record: LogRecord): string =>
    timestamps ? `${rfc3339Nano(record.at)} ${record.text}\n` : `${record.text}\n`;
  const write = (text: string): boolean => {
    if (budget <= 0) return false;
    const bytes = Buffer.from(text);
    const slice = bytes.length > budget ? bytes.subarray(0, budget) : bytes;
    budget -= slice.length;
    if (slice.length > 0) res.write(slice);
    return budget > 0;
  };

  res.writeHead(200, {
    'Content-Type': 'text/plain',
    'Cache-Control': 'no-cache, private',
    'Transfer-Encoding': 'chunked',
  });
  const options = {
    ...(tailLines !== undefined ? { tailLines } : {}),
    ...(sinceSeconds !== undefined ? { sinceSeconds } : {}),
    previous,
  };
  const existing = ctx.logs.read(namespace, name, container, options).map(format).join('');
  const more = existing === '' ? budget > 0 : write(existing);
  if (!follow || !more) {
    res.end();
    return;
  }
  res.flushHeaders();

  let finished = false;
  let stopFollowing = (): void => {};
  let stopWatchingPod = (): void => {};
  let removeFromHub = (): void => {};
  const finish = (): void => {
    if (finished) return;
    finished = true;
    stopFollowing();
    stopWatchingPod();
    removeFromHub();
    if (!res.writableEnded) res.end();
  };
  removeFromHub = ctx.watches.add({ kind: 'log', resource: def.id, end: finish });
  // A deleted pod ends its log stream even if nobody ended the container's log.
  const podUid = pod.metadata.uid;
  stopWatchingPod = ctx.store.subscribeRaw((event) => {
    if (event.type === 'DELETED' && event.resource === def.id && event.object.metadata.uid === podUid)
      finish();
  });
  res.on('close', finish);
  // follow() calls finish at once when the container has already stopped.
  const stop = ctx.logs.follow(
    namespace,
    name,
    container,
    (record) => {
      if (!write(format(record))) finish();
    },
    finish,
  );
  if (finished) stop();
  else stopFollowing = () => stop();
}
