// Watch: newline-delimited JSON events, flushed one by one. Resumes from a resourceVersion out of the
// store's history (410 Expired as an ERROR event when it is too old), starts with synthetic ADDED events
// otherwise, applies selectors to old and new state (an object that stops matching is sent as DELETED),
// sends BOOKMARKs on request and closes after timeoutSeconds.

import type { StoredEvent } from '../store.js';
import type { SimObject, SimTimer } from '../types.js';
import { tableVersion } from './accept.js';
import type { ApiContext, ResourceRequest } from './context.js';
import { flag, integer } from './http.js';
import { groupVersion, present } from './output.js';
import { both, type Matcher, parseFieldSelector, parseLabelSelector } from './selectors.js';
import { type ApiError, errors } from './status-errors.js';
import { includeObjectOf, type TableOptions, toTable } from './table.js';

/** How often (clock time) a watch that allows bookmarks gets one. */
export const BOOKMARK_INTERVAL_MS = 5_000;

type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** What a client with this filter sees of a store event, if anything. */
function translate(event: StoredEvent, matches: Matcher): EventType | undefined {
  const wasIn = event.old !== undefined && matches(event.old);
  if (event.type === 'DELETED') return wasIn || matches(event.object) ? 'DELETED' : undefined;
  const isIn = matches(event.object);
  if (isIn) return wasIn ? 'MODIFIED' : 'ADDED';
  return wasIn ? 'DELETED' : undefined;
}

function parseResourceVersion(value: string | null): number | undefined {
  if (value === null || value === '' || value === '0') return undefined;
  if (!/^\d+$/.test(value)) throw errors.badRequest(`invalid resource version "${value}"`);
  return Number(value);
}

export function handleWatch(ctx: ApiContext, r: ResourceRequest): void {
  const { def, version, namespace, name } = r.route;
  const labels = parseLabelSelector(r.query.get('labelSelector'));
  const fields = parseFieldSelector(r.query.get('fieldSelector'), def);
  const selected = both(labels, fields);
  const matches: Matcher = (o) =>
    (namespace === undefined || o.metadata.namespace === namespace) &&
    (name === undefined || o.metadata.name === name) &&
    selected(o);
  const since = parseResourceVersion(r.query.get('resourceVersion'));
  const timeoutSeconds = integer(r.query, 'timeoutSeconds');
  const bookmarks = flag(r.query, 'allowWatchBookmarks');
  const sendInitialEvents = flag(r.query, 'sendInitialEvents');
  const table = tableVersion(r.req.headers.accept);
  const tableOptions: Omit<TableOptions, 'now'> | undefined = table
    ? { version: table, includeObject: includeObjectOf(r.query) }
    : undefined;
  const apiVersion = groupVersion(def, version);

  let replay: readonly StoredEvent[] = [];
  let expired: ApiError | undefined;
  if (since !== undefined && !sendInitialEvents) {
    const history = ctx.store.rawEventsSince(def.id, since);
    if (ctx.faults.takeGone(def.id) || history === 'gone') {
      expired = errors.tooOldResourceVersion(since, Math.max(ctx.store.oldestResumableVersion, since + 1));
    } else {
      replay = history;
    }
  }

  const { res } = r;
  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache, private',
    'Transfer-Encoding': 'chunked',
  });
  res.flushHeaders();
  if (expired) {
    // As the API does: the watch is accepted, then a single ERROR event with the 410 Status.
    res.end(`${JSON.stringify({ type: 'ERROR', object: expired.toStatus() })}\n`);
    return;
  }

  const serialized = new WeakMap<SimObject, string>();
  const encode = (type: string, object: SimObject): string => {
    if (tableOptions) {
      const body = toTable(
        [object],
        def,
        version,
        { ...tableOptions, now: ctx.clock.now() },
        {
          resourceVersion: object.metadata.resourceVersion,
        },
      );
      return `{"type":"${type}","object":${JSON.stringify(body)}}\n`;
    }
    let json = serialized.get(object);
    if (json === undefined) {
      json = JSON.stringify(present(object, def, version));
      serialized.set(object, json);
    }
    return `{"type":"${type}","object":${json}}\n`;
  };

  let lastSent = since ?? 0;
  const send = (event: StoredEvent): void => {
    if (event.resource !== def.id || event.resourceVersion <= lastSent) return;
    lastSent = event.resourceVersion;
    const type = translate(event, matches);
    if (type) res.write(encode(type, event.object));
  };
  const bookmark = (initialEventsEnd: boolean): string => {
    const resourceVersion = String(ctx.store.resourceVersion);
    const metadata = initialEventsEnd
      ? { resourceVersion, annotations: { 'k8s.io/initial-events-end': 'true' } }
      : { resourceVersion };

    return `${JSON.stringify({ type: 'BOOKMARK', object: { kind: def.kind, apiVersion, metadata } })}\n`;
  };

  // Subscribing and taking the snapshot happen in the same tick, so no event falls in between.
  const unsubscribe = ctx.store.subscribeRaw(send);
  if (since === undefined || sendInitialEvents) {
    const initial = ctx.store.peekList(def.id, namespace).filter(matches);
    lastSent = ctx.store.resourceVersion;
    let chunk = initial.map((o) => encode('ADDED', o)).join('');
    if (sendInitialEvents && bookmarks) chunk += bookmark(true);
    if (chunk !== '') res.write(chunk);
  } else {
    for (const event of replay) send(event);
    lastSent = Math.max(lastSent, ctx.store.resourceVersion);
  }

  let bookmarkTimer: SimTimer | undefined;
  const scheduleBookmark = (): void => {
    bookmarkTimer = ctx.clock.setTimeout(() => {
      res.write(bookmark(false));
      scheduleBookmark();
    }, BOOKMARK_INTERVAL_MS);
  };
  if (bookmarks) scheduleBookmark();
  const timeout =
    timeoutSeconds !== undefined && timeoutSeconds > 0
      ? ctx.clock.setTimeout(() => finish(), timeoutSeconds * 1000)
      : undefined;

  let finished = false;
  const removeFromHub = ctx.watches.add({ kind: 'watch', resource: def.id, end: () => finish() });
  function finish(): void {
    if (finished) return;
    finished = true;
    unsubscribe();
    removeFromHub();
    if (bookmarkTimer) ctx.clock.clearTimeout(bookmarkTimer);
    if (timeout) ctx.clock.clearTimeout(timeout);
    if (!res.writableEnded) res.end();
  }
  res.on('close', finish);
}
