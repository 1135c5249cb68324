// The table pane's key layer: movement, details, filter, marks and sort.
import type { Dispatch } from 'react';
import { MOTIONS, type NavAction, type SortState } from './navigation.js';
import { LAYER, useKeyLayer } from './use-key-dispatch.js';

export interface ListKeysOptions {
  readonly active: boolean;
  readonly keys: readonly string[];
  readonly selectedKey: string | undefined;
  readonly pageSize: number;
  readonly sortColumns: readonly string[];
  /** The sort in effect (the view's default column when none was chosen). */
  readonly sort: SortState;
  readonly dispatch: Dispatch<NavAction>;
  readonly onDetails: (key: string) => void;
  readonly onFilter: () => void;
}

export function useListKeys(o: ListKeysOptions): void {
  useKeyLayer({ priority: LAYER.pane, scopes: ['list', 'view', 'global'], active: o.active }, (ev) => {
    const motion = ev.command ? MOTIONS[ev.command] : undefined;
    if (motion) {
      o.dispatch({ type: 'move', keys: o.keys, motion, page: o.pageSize });
      return true;
    }
    switch (ev.command) {
      case 'details':
        if (o.selectedKey !== undefined) o.onDetails(o.selectedKey);
        return true;
      case 'filter':
        o.onFilter();
        return true;
      case 'mark':
        if (o.selectedKey !== undefined) {
          o.dispatch({ type: 'mark', key: o.selectedKey });
          // Like k9s: marking moves on, so space space space marks a run of rows.
          o.dispatch({ type: 'move', keys: o.keys, motion: 'down', page: 1 });
        }
        return true;
      case 'sortNext':
      case 'sortPrev':
        o.dispatch({
          type: 'sort',
          columns: o.sortColumns,
          current: o.sort.column,
          delta: ev.command === 'sortNext' ? 1 : -1,
        });
        return true;
      case 'sortReverse':
        o.dispatch({ type: 'reverse', current: o.sort });
        return true;
      default:
        return false;
    }
  });
}
