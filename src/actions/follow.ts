// Following one object until a decision can be made about it. The port's store already streams watch
// events, so this listens to its snapshots; only when the snapshot does not carry the object (kind not
// watched, other namespace in scope, watch not ready) does it re-read the object on an interval.
import { type ObjectRef, objectKey } from '../flux/types.js';
import type { RawObject } from '../kube/port.js';
import type { ActionContext } from './types.js';

export type FollowResult<T> =
  | { readonly status: 'decided'; readonly value: T }
  | { readonly status: 'timed-out'; readonly last: RawObject | undefined }
  | { readonly status: 'aborted' };

/** The object as the live snapshot has it; undefined when the snapshot cannot vouch for it. */
function fromSnapshot(ctx: ActionContext, ref: ObjectRef): RawObject | undefined {
  const slice = ctx.port.getSnapshot().kinds.get(ref.kind);
  if (slice?.state.phase !== 'ready') return undefined;
  return slice.raw.get(objectKey(ref));
}

/**
 * Calls `decide` with every new version of the object (undefined once it is gone) until it returns a
 * value, the timeout passes, or the context's signal aborts. `first` is evaluated before anything else
 * (typically the patch response). Read errors (e.g. a dropped connection) are not fatal: the watch or the
 * next re-read will bring the object.
 */
export function followObject<T>(
  ctx: ActionContext,
  ref: ObjectRef,
  decide: (raw: RawObject | undefined) => T | undefined,
  options: {
    readonly timeoutMs: number;
    readonly first?: RawObject;
    /** Asked on every snapshot, whatever the object does: a decision from elsewhere (e.g. no controller). */
    readonly check?: (last: RawObject | undefined) => T | undefined;
  },
): Promise<FollowResult<T>> {
  return new Promise((resolve) => {
    let settled = false;
    let last: RawObject | undefined = options.first;
    let pollTimer: unknown;
    let reading = false;
    let unsubscribe: () => void = () => undefined;

    const finish = (result: FollowResult<T>) => {
      if (settled) return;
      settled = true;
      unsubscribe();
      ctx.clock.clearTimeout(timeout);
      if (pollTimer !== undefined) ctx.clock.clearTimeout(pollTimer);
      ctx.signal?.removeEventListener('abort', onAbort);
      resolve(result);
    };

    const consider = (raw: RawObject | undefined) => {
      if (settled) return;
      if (raw !== undefined) last = raw;
      const value = decide(raw);
      if (value !== undefined) finish({ status: 'decided', value });
    };

    const reread = async () => {
      if (settled || reading) return;
      reading = true;
      try {
        consider(await ctx.port.getObject(ref));
      } catch {
        // Transient: the next tick or watch event tries again; the timeout bounds it all.
      } finally {
        reading = false;
      }
    };

    const poll = () => {
      pollTimer = undefined;
      if (settled) return;
      const live = fromSnapshot(ctx, ref);
      if (live === undefined) void reread();
      pollTimer = ctx.clock.setTimeout(poll, ctx.pollMs);
    };

    const checkElsewhere = () => {
      if (settled || !options.check) return;
      const value = options.check(last);
      if (value !== undefined) finish({ status: 'decided', value });
    };

    const onSnapshot = () => {
      const live = fromSnapshot(ctx, ref);
      if (live !== undefined && live !== last) consider(live);
      checkElsewhere();
    };

    const onAbort = () => finish({ status: 'aborted' });
    const timeout = ctx.clock.setTimeout(() => finish({ status: 'timed-out', last }), options.timeoutMs);
    unsubscribe = ctx.port.subscribe(onSnapshot);
    if (settled) return unsubscribe();
    if (ctx.signal?.aborted) return finish({ status: 'aborted' });
    ctx.signal?.addEventListener('abort', onAbort);

    if (options.first !== undefined) consider(options.first);
    checkElsewhere();
    if (settled) return;
    const live = fromSnapshot(ctx, ref);
    if (live !== undefined) consider(live);
    else void reread();
    if (!settled) pollTimer = ctx.clock.setTimeout(poll, ctx.pollMs);
  });
}
