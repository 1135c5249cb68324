import { describe, expect, it } from 'vitest';
import { NO_KEY } from '../../src/hooks/use-key-dispatch.js';
import {
  ACTION_COMMANDS,
  binding,
  canonicalKey,
  formatHint,
  formatKey,
  formatKeys,
  KEYMAP,
  keymapMarkdown,
  resolveInput,
  resolveKey,
  SCOPE_STACKS,
  visibleBindings,
} from '../../src/keymap.js';
import { keyHints } from '../../src/present/key-hints.js';

describe('key table', () => {
  it('formats every hint one way: the first key in angle brackets, then what it does', () => {
    expect(formatHint('confirm')).toBe('<y> yes');
    expect(formatHint('textDone')).toBe('<enter> done');
    expect(formatHint('pageDown')).toBe('<ctrl-d> page down');
    expect(formatHint('cancel', 'stay')).toBe('<n> stay');
    expect(keyHints(['dialog'], false, undefined)).toEqual(['<y> yes', '<n> no']);
    expect(keyHints(['list', 'view', 'global'], false, undefined).slice(0, 3)).toEqual([
      '<enter> details',
      '</> filter',
      '<esc> back',
    ]);
  });

  it('has unique command ids, a label, a description and at least one key each', () => {
    const ids = KEYMAP.map((k) => k.command);
    expect(new Set(ids).size).toBe(ids.length);
    for (const k of KEYMAP) {
      expect(k.description.length, k.command).toBeGreaterThan(5);
      expect(k.label.length, k.command).toBeGreaterThan(0);
      expect(k.keys.length, k.command).toBeGreaterThan(0);
    }
  });

  it('never binds one key to two commands in scopes that are active together', () => {
    for (const stack of SCOPE_STACKS) {
      const seen = new Map<string, string>();
      for (const k of KEYMAP.filter((x) => stack.includes(x.scope))) {
        for (const key of k.keys) {
          expect(seen.get(key), `${key} in ${stack.join('+')}`).toBeUndefined();
          seen.set(key, k.command);
        }
      }
    }
  });

  it('puts every scope in some active stack', () => {
    for (const k of KEYMAP)
      expect(
        SCOPE_STACKS.some((s) => s.includes(k.scope)),
        k.command,
      ).toBe(true);
  });

  it('has the k9s-style keys docs/keys.md lists', () => {
    const keysOf = (c: Parameters<typeof binding>[0]) => binding(c).keys;
    expect(keysOf('command')).toContain(':');
    expect(keysOf('filter')).toContain('/');
    expect(keysOf('help')).toContain('?');
    expect(keysOf('down')).toEqual(['j', 'down']);
    expect(keysOf('up')).toEqual(['k', 'up']);
    expect(keysOf('top')).toContain('g');
    expect(keysOf('bottom')).toContain('G');
    expect(keysOf('back')).toContain('esc');
    expect(keysOf('allNamespaces')).toContain('0');
    expect(keysOf('details')).toContain('enter');
    expect(keysOf('yaml')).toContain('y');
    expect(keysOf('logsToggle')).toContain('l');
    expect(keysOf('events')).toContain('e');
    expect(keysOf('quit')).toEqual(['q', 'ctrl+c']);
    expect(keysOf('reconcile')).toEqual(['r']);
    expect(keysOf('reconcileWithSource')).toEqual(['R']);
    expect(keysOf('suspend')).toEqual(['s']);
    expect(keysOf('resume')).toEqual(['u']);
    expect(keysOf('rollback')).toEqual(['b']);
    expect(keysOf('clearHelmLock')).toEqual(['x']);
    expect(keysOf('fixChain')).toEqual(['D']);
  });

  it('marks exactly the runbook actions as dangerous', () => {
    const dangerous = KEYMAP.filter((k) => k.dangerous).map((k) => k.command);
    expect(dangerous.sort()).toEqual([...ACTION_COMMANDS].sort());
  });

  it('hides dangerous bindings in readonly mode', () => {
    const ro = visibleBindings(['list', 'view', 'global'], true).map((k) => k.command);
    expect(ro).not.toContain('reconcile');
    expect(ro).toContain('details');
    expect(visibleBindings(['view'], false).map((k) => k.command)).toContain('reconcile');
  });
});

describe('key resolution', () => {
  it('turns Ink key events into canonical names', () => {
    expect(canonicalKey('j', NO_KEY)).toBe('j');
    expect(canonicalKey('G', { ...NO_KEY, shift: true })).toBe('G');
    expect(canonicalKey('', { ...NO_KEY, downArrow: true })).toBe('down');
    expect(canonicalKey('', { ...NO_KEY, leftArrow: true, shift: true })).toBe('shift+left');
    expect(canonicalKey('d', { ...NO_KEY, ctrl: true })).toBe('ctrl+d');
    expect(canonicalKey('', { ...NO_KEY, escape: true })).toBe('esc');
    expect(canonicalKey('', { ...NO_KEY, return: true })).toBe('enter');
    expect(canonicalKey(' ', NO_KEY)).toBe('space');
    expect(canonicalKey('pasted text', NO_KEY)).toBeUndefined();
  });

  it('resolves a key to the command of the first matching scope', () => {
    expect(resolveKey('/', ['list', 'view', 'global'])?.command).toBe('filter');
    expect(resolveKey('/', ['logs', 'view', 'global'])?.command).toBe('logsSearch');
    expect(resolveKey('y', ['dialog'])?.command).toBe('confirm');
    expect(resolveKey('y', ['list', 'view', 'global'])?.command).toBe('yaml');
    expect(resolveKey('q', ['prompt'])).toBeUndefined();
    expect(resolveKey('Z', ['list', 'view', 'global'])).toBeUndefined();
  });

  it('resolves an Ink (input, key) pair directly', () => {
    expect(resolveInput('d', { ...NO_KEY, ctrl: true }, ['list', 'view', 'global'])?.command).toBe(
      'pageDown',
    );
    expect(resolveInput('', { ...NO_KEY, escape: true }, ['prompt'])?.command).toBe('promptCancel');
    expect(
      resolveInput('', { ...NO_KEY, rightArrow: true, shift: true }, ['list', 'view', 'global'])?.command,
    ).toBe('sortNext');
  });

  it('formats keys for people', () => {
    expect(formatKey('ctrl+d')).toBe('ctrl-d');
    expect(formatKey('shift+left')).toBe('shift-←');
    expect(formatKeys('pageDown')).toBe('ctrl-d/pgdn');
    expect(formatKeys('down')).toBe('j/↓');
    expect(formatKeys('reconcile')).toBe('r');
    expect(formatKeys('sortNext', { first: true })).toBe('>');
  });

  it('renders a Markdown table with one row per binding', () => {
    const md = keymapMarkdown();
    const rows = md.trim().split('\n');
    expect(rows).toHaveLength(KEYMAP.length + 2);
    expect(md).toContain('| `r` | Views | Reconcile the selected (or marked) objects | yes |');
  });
});
