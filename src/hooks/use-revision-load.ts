// A read made for one object when a details tab opens, and again when the object's revision moves — not on
// every snapshot (each read may list and decode many objects). Shared by the tabs that read on demand.
import { useEffect, useRef, useState } from 'react';
import type { StatusRow } from '../flux/types.js';

export type Loaded<T> =
  | { readonly phase: 'loading' }
  | { readonly phase: 'ready'; readonly value: T }
  | { readonly phase: 'error'; readonly message: string };

/**
 * The result of `load(row)` for `row` (undefined: nothing wanted). `unavailable` is the sentence shown when
 * this console cannot make the read at all.
 */
export function useRevisionLoad<T>(
  row: StatusRow | undefined,
  load: ((row: StatusRow) => Promise<T>) | undefined,
  unavailable: string,
): Loaded<T> {
  const [state, setState] = useState<{ key: string; state: Loaded<T> } | undefined>(undefined);
  const target = useRef(row);
  target.current = row;
  const trigger = row ? `${row.key}@${row.revision}` : undefined;
  useEffect(() => {
    const current = target.current;
    if (trigger === undefined || !current) return undefined;
    const key = current.key;
    if (!load) {
      setState({ key, state: { phase: 'error', message: unavailable } });
      return undefined;
    }
    let live = true;
    setState({ key, state: { phase: 'loading' } });
    load(current).then(
      (value) => live && setState({ key, state: { phase: 'ready', value } }),
      (e: unknown) =>
        live &&
        setState({ key, state: { phase: 'error', message: e instanceof Error ? e.message : String(e) } }),
    );
    return () => {
      live = false;
    };
  }, [trigger, load, unavailable]);
  return row && state?.key === row.key ? state.state : { phase: 'loading' };
}
