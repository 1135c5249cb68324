// When the table may re-sort: not while the user is working on it. Every key starts (or extends) a hold of
// ORDER_HOLD_MS; the app adds "a dialog is open" and "an action runs". The tables read the hold from
// context, so no table hook needs it threaded through.
import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import { REAL_TIMERS, type Timers } from '../kube/backoff.js';
import { ORDER_HOLD_MS } from '../present/order-hold.js';

export { ORDER_HOLD_MS };

const OrderHold = createContext(false);
export const OrderHoldProvider = OrderHold.Provider;

/** True while rows must not move under the cursor. */
export function useOrderHeld(): boolean {
  return useContext(OrderHold);
}

/** A hold that each key restarts and that ends ORDER_HOLD_MS after the last one. */
export function useKeyHold(timers: Timers = REAL_TIMERS): {
  readonly held: boolean;
  readonly noteKey: () => void;
} {
  const [held, setHeld] = useState(false);
  const timer = useRef<unknown>(undefined);
  const noteKey = useCallback(() => {
    if (timer.current !== undefined) timers.clearTimeout(timer.current);
    timer.current = timers.setTimeout(() => {
      timer.current = undefined;
      setHeld(false);
    }, ORDER_HOLD_MS);
    setHeld(true);
  }, [timers]);
  useEffect(
    () => () => {
      if (timer.current !== undefined) timers.clearTimeout(timer.current);
    },
    [timers],
  );
  return { held, noteKey };
}
