// Key layers of the details screen and the logs pane.
import type { Dispatch } from 'react';
import type { LogEntry } from '../kube/port.js';
import type { DetailsTab } from '../present/details-lines.js';
import type { LogsPaneAction, LogsPaneState } from './logs-pane.js';
import { MOTIONS, type NavAction } from './navigation.js';
import { LAYER, useKeyLayer } from './use-key-dispatch.js';

export interface DetailsKeysOptions {
  readonly active: boolean;
  readonly tabs: readonly DetailsTab[];
  readonly tab: DetailsTab;
  readonly maxScroll: number;
  readonly page: number;
  readonly dispatch: Dispatch<NavAction>;
}

export function useDetailsKeys(o: DetailsKeysOptions): void {
  useKeyLayer({ priority: LAYER.pane, scopes: ['details', 'view', 'global'], active: o.active }, (ev) => {
    const motion = ev.command ? MOTIONS[ev.command] : undefined;
    if (motion) {
      o.dispatch({ type: 'scroll', motion, page: o.page, max: o.maxScroll });
      return true;
    }
    if (ev.command === 'nextTab' || ev.command === 'prevTab') {
      const at = o.tabs.indexOf(o.tab);
      const n = o.tabs.length;
      const next = o.tabs[(((at + (ev.command === 'nextTab' ? 1 : -1)) % n) + n) % n];
      if (next) o.dispatch({ type: 'tab', tab: next });
      return true;
    }
    if (ev.command === 'overview') {
      o.dispatch({ type: 'tab', tab: 'overview' });
      return true;
    }
    return false;
  });
}

export interface LogsKeysOptions {
  readonly active: boolean;
  readonly state: LogsPaneState;
  readonly entries: readonly LogEntry[];
  /** Entries in the current scope (the scroll limit). */
  readonly count: number;
  readonly hitCount: number;
  readonly page: number;
  readonly dispatch: Dispatch<LogsPaneAction>;
  readonly scrollForMatch: (match: number) => number;
  readonly openSearch: () => void;
  /** esc with nothing of the pane's own to undo: give the focus back (split) or leave full screen. */
  readonly leave: () => boolean;
}

const SCROLL: Readonly<Partial<Record<string, (page: number) => number>>> = {
  up: () => 1,
  down: () => -1,
  pageUp: (p) => p,
  pageDown: (p) => -p,
  top: () => Number.MAX_SAFE_INTEGER,
};

export function useLogsKeys(o: LogsKeysOptions): void {
  useKeyLayer({ priority: LAYER.pane, scopes: ['logs', 'view', 'global'], active: o.active }, (ev) => {
    const scroll = ev.command ? SCROLL[ev.command] : undefined;
    if (scroll) {
      o.dispatch({
        type: 'scroll',
        delta: scroll(o.page),
        entries: o.entries,
        max: Math.max(0, o.count - 1),
      });
      return true;
    }
    switch (ev.command) {
      case 'bottom':
        o.dispatch({ type: 'follow' });
        return true;
      case 'logsFollow':
        o.dispatch({ type: 'togglePause', entries: o.entries });
        return true;
      case 'logsScope':
        o.dispatch({ type: 'scope' });
        return true;
      case 'logsWrap':
        o.dispatch({ type: 'wrap' });
        return true;
      case 'logsSearch':
        o.openSearch();
        return true;
      case 'searchNext':
      case 'searchPrev': {
        if (o.hitCount === 0) return true;
        const n = o.hitCount;
        const match = (((o.state.match + (ev.command === 'searchNext' ? 1 : -1)) % n) + n) % n;
        o.dispatch({
          type: 'match',
          delta: ev.command === 'searchNext' ? 1 : -1,
          count: n,
          entries: o.entries,
        });
        o.dispatch({ type: 'scrollTo', scroll: o.scrollForMatch(match) });
        return true;
      }
      case 'back':
        if (o.state.search !== '') {
          o.dispatch({ type: 'search', text: '', entries: o.entries });
          return true;
        }
        return o.leave();
      default:
        return false;
    }
  });
}
