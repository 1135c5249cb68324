// The table's selection, always an object: from the first frame of a table the row under the cursor is pinned
// by its key, so a live re-sort never slides another object under the cursor (and under `s`, `b`, `x`).
import type { Dispatch } from 'react';
import { type ListScreen, type NavAction, pinSelection, selectionIndex } from './navigation.js';

export interface Selection {
  readonly index: number;
  readonly key: string | undefined;
}

/**
 * Where the cursor is in `keys` (the table's rows in display order). When the state does not name the row
 * drawn there yet (fresh table, vanished object) it pins it during this render — React re-renders the
 * component before anything is committed — so no frame ever shows a selection that is only an index.
 * `dispatch` must belong to the component calling this hook (React allows render-phase updates only there).
 */
export function useSelection(
  list: ListScreen,
  keys: readonly string[],
  dispatch: Dispatch<NavAction>,
): Selection {
  const pin = pinSelection(list, keys);
  if (pin) dispatch(pin);
  const index = pin?.index ?? selectionIndex(list, keys);
  return { index, key: keys[index] };
}
