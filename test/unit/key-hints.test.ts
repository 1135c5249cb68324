import { describe, expect, it } from 'vitest';
import { KIND_NAMES } from '../../src/flux/kinds.js';
import { KEYMAP } from '../../src/keymap.js';
import { helpRows, helpView } from '../../src/present/help-lines.js';
import { activeScopes, keyHints, wrapHints } from '../../src/present/key-hints.js';

const TABLE = activeScopes({
  promptOpen: false,
  dialogOpen: false,
  help: false,
  logsFocused: false,
  details: false,
});

describe('key hints', () => {
  it('offers rollback and the Helm lock only on HelmReleases, fix chain only where dependsOn exists', () => {
    for (const kind of KIND_NAMES) {
      const hints = keyHints(TABLE, false, kind);
      expect(hints.includes('<b> rollback'), kind).toBe(kind === 'HelmRelease');
      expect(hints.includes('<x> clear helm lock'), kind).toBe(kind === 'HelmRelease');
      expect(hints.includes('<D> fix chain'), kind).toBe(kind === 'HelmRelease' || kind === 'Kustomization');
      expect(hints[0], kind).toBe('<r> reconcile');
    }
  });

  it('lists the keys of the modal layer alone while a dialog or a prompt is open', () => {
    expect(keyHints(activeScopes({ ...flags(), dialogOpen: true }), false, 'HelmRelease')).toEqual([
      '<y> yes',
      '<n> no',
    ]);
    expect(keyHints(activeScopes({ ...flags(), promptOpen: true }), false, 'HelmRelease')).toEqual([
      '<enter> run',
      '<esc> cancel',
      '<tab> complete',
    ]);
  });

  it('wraps whole hints: every line within the width, every hint on one line, in order', () => {
    const hints = keyHints(TABLE, false, 'HelmRelease');
    for (const width of [40, 57, 80, 120, 200]) {
      const lines = wrapHints(hints, width);
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(width);
      expect(lines.flatMap((l) => l.split(/ {2}(?=<)/))).toEqual(hints);
    }
    expect(wrapHints([], 80)).toEqual(['']);
  });
});

function flags() {
  return { promptOpen: false, dialogOpen: false, help: false, logsFocused: false, details: false };
}

describe('help text', () => {
  it('keeps every description whole at 80 columns: wrapped lines join back into it', () => {
    const text = helpRows(false, 80)
      .map((row) => row[0]?.text.trim() ?? '')
      .join(' ');
    for (const k of KEYMAP) expect(text, k.command).toContain(k.description);
  });

  it('shows a "more below" row until the last rows fill the screen', () => {
    const rows = Array.from({ length: 10 }, (_, i) => [{ text: `${i}`, heading: false }]);
    expect(helpView(rows, 5, 0)).toEqual({ rows: rows.slice(0, 3), above: 0, below: 7 });
    expect(helpView(rows, 5, 5)).toEqual({ rows: rows.slice(5, 8), above: 5, below: 2 });
    expect(helpView(rows, 5, 6)).toEqual({ rows: rows.slice(6), above: 6, below: 0 });
    expect(helpView(rows, 5, 99)).toEqual({ rows: rows.slice(6), above: 6, below: 0 });
    expect(helpView(rows, 20, 0)).toEqual({ rows, above: 0, below: 0 });
  });
});
