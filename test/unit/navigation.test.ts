import { describe, expect, it } from 'vitest';
import {
  currentList,
  currentScreen,
  initialNav,
  type ListScreen,
  type NavState,
  navReducer,
  pinSelection,
  selectionIndex,
} from '../../src/hooks/navigation.js';

const keys = ['a', 'b', 'c', 'd', 'e'];
const list = (s: NavState): ListScreen => currentList(s);

describe('navigation reducer', () => {
  it('moves the selection with j/k/g/G/page motions, clamped', () => {
    let s = initialNav('kustomizations', undefined, false);
    s = navReducer(s, { type: 'move', keys, motion: 'down', page: 2 });
    expect(list(s).selectedKey).toBe('b');
    s = navReducer(s, { type: 'move', keys, motion: 'pageDown', page: 2 });
    expect(list(s).selectedKey).toBe('d');
    s = navReducer(s, { type: 'move', keys, motion: 'pageDown', page: 2 });
    expect(list(s).selectedKey).toBe('e');
    s = navReducer(s, { type: 'move', keys, motion: 'top', page: 2 });
    expect(list(s).selectedKey).toBe('a');
    s = navReducer(s, { type: 'move', keys, motion: 'up', page: 2 });
    expect(list(s).selectedKey).toBe('a');
    s = navReducer(s, { type: 'move', keys, motion: 'bottom', page: 2 });
    expect(list(s).selectedKey).toBe('e');
  });

  it('keeps the selection on the same object when rows are inserted above it', () => {
    let s = initialNav('kustomizations', undefined, false);
    s = navReducer(s, { type: 'move', keys, motion: 'down', page: 1 });
    const grown = ['new1', 'new2', ...keys];
    expect(selectionIndex(list(s), grown)).toBe(3);
    s = navReducer(s, { type: 'move', keys: grown, motion: 'down', page: 1 });
    expect(list(s).selectedKey).toBe('c');
  });

  it('falls back to the remembered index when the selected object disappears', () => {
    let s = initialNav('kustomizations', undefined, false);
    s = navReducer(s, { type: 'select', key: 'd', index: 3 });
    expect(selectionIndex(list(s), ['a', 'b', 'c', 'e'])).toBe(3);
    expect(selectionIndex(list(s), ['a'])).toBe(0);
  });

  it('pins the first row of a fresh table by its key, so a re-sort keeps that object selected', () => {
    let s = initialNav('kustomizations', undefined, true);
    const pin = pinSelection(list(s), keys);
    expect(pin).toEqual({ type: 'pin', key: 'a', index: 0 });
    if (pin) s = navReducer(s, pin);
    // Pinning is not a user move: the home view may still be chosen.
    expect(s.homePending).toBe(true);
    const resorted = ['e', 'd', 'c', 'b', 'a'];
    expect(selectionIndex(list(s), resorted)).toBe(4);
    // In step with the rows: the new place is remembered, then nothing more to pin.
    const follow = pinSelection(list(s), resorted);
    expect(follow).toEqual({ type: 'pin', key: 'a', index: 4 });
    if (follow) s = navReducer(s, follow);
    expect(pinSelection(list(s), resorted)).toBeUndefined();
  });

  it('pins the row that took the place of a vanished object, where it was last seen', () => {
    let s = initialNav('kustomizations', undefined, false);
    s = navReducer(s, { type: 'select', key: 'b', index: 1 });
    const moved = pinSelection(list(s), ['x', 'y', 'b', 'c']);
    expect(moved).toEqual({ type: 'pin', key: 'b', index: 2 });
    if (moved) s = navReducer(s, moved);
    const pin = pinSelection(list(s), ['x', 'y', 'c']);
    expect(pin).toEqual({ type: 'pin', key: 'c', index: 2 });
    expect(pinSelection(list(s), [])).toBeUndefined();
  });

  it('pins the table under a details screen', () => {
    let s = initialNav('kustomizations', undefined, false);
    s = navReducer(s, { type: 'details', key: 'Kustomization/ns/a', tab: 'overview' });
    s = navReducer(s, { type: 'pin', key: 'c', index: 2 });
    expect(list(s)).toMatchObject({ selectedKey: 'c', selectedIndex: 2 });
    expect(currentScreen(s).type).toBe('details');
  });

  it('opens views on a stack and goes back with esc, clearing a filter first', () => {
    let s = initialNav('failing', undefined, false);
    s = navReducer(s, { type: 'open', view: 'helmreleases' });
    s = navReducer(s, { type: 'filter', text: 'istio' });
    expect(list(s)).toMatchObject({ view: 'helmreleases', filter: 'istio' });
    s = navReducer(s, { type: 'back' });
    expect(list(s)).toMatchObject({ view: 'helmreleases', filter: '' });
    s = navReducer(s, { type: 'back' });
    expect(list(s).view).toBe('failing');
    expect(navReducer(s, { type: 'back' })).toBe(s);
  });

  it('narrows a family view to one kind without stacking the same view twice', () => {
    let s = initialNav('sources', undefined, false);
    s = navReducer(s, { type: 'open', view: 'sources', kind: 'GitRepository' });
    expect(s.stack).toHaveLength(1);
    expect(list(s).kind).toBe('GitRepository');
  });

  it('opens details over the table and switches tabs', () => {
    let s = initialNav('helmreleases', undefined, false);
    s = navReducer(s, { type: 'details', key: 'HelmRelease/x/y', tab: 'overview' });
    expect(currentScreen(s)).toMatchObject({ type: 'details', tab: 'overview' });
    s = navReducer(s, { type: 'tab', tab: 'yaml' });
    s = navReducer(s, { type: 'scroll', motion: 'pageDown', page: 10, max: 4 });
    expect(currentScreen(s)).toMatchObject({ tab: 'yaml', scroll: 4 });
    expect(list(s).view).toBe('helmreleases');
    s = navReducer(s, { type: 'back' });
    expect(currentScreen(s).type).toBe('list');
  });

  it('cycles the sort column and reverses it', () => {
    let s = initialNav('kustomizations', undefined, false);
    const columns = ['NAME', 'READY', 'AGE'];
    s = navReducer(s, { type: 'sort', columns, current: 'NAME', delta: -1 });
    expect(list(s).sort).toEqual({ column: 'AGE', desc: false });
    s = navReducer(s, { type: 'reverse', current: { column: 'AGE', desc: false } });
    expect(list(s).sort).toEqual({ column: 'AGE', desc: true });
  });

  it('toggles marks and drops them when another table opens', () => {
    let s = initialNav('kustomizations', undefined, false);
    s = navReducer(s, { type: 'mark', key: 'a' });
    s = navReducer(s, { type: 'mark', key: 'b' });
    s = navReducer(s, { type: 'mark', key: 'a' });
    expect([...s.marked]).toEqual(['b']);
    s = navReducer(s, { type: 'open', view: 'helmreleases' });
    expect(s.marked.size).toBe(0);
  });

  it('resolves the home view once, and never after the user moved', () => {
    const s = initialNav('failing', undefined, true);
    expect(list(navReducer(s, { type: 'resolveHome', view: 'kustomizations' })).view).toBe('kustomizations');
    const moved = navReducer(s, { type: 'move', keys, motion: 'down', page: 1 });
    expect(list(navReducer(moved, { type: 'resolveHome', view: 'kustomizations' })).view).toBe('failing');
  });
});
