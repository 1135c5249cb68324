// The console drawn with each skin: the status words are there in every one (colour never carries meaning
// alone), monochrome has no colour code but inverse on the selection, NO_COLOR has no escape code at all
// whatever the skin; and the config file's aliases and logs defaults reach the console.
import '../support/force-color.js';
import { describe, expect, it } from 'vitest';
import { SKIN_NAMES, SKINS } from '../../src/present/skins.js';
import { paintFor } from '../../src/present/theme.js';
import { appRenderer } from '../support/app.js';
import { FakePort } from '../support/fake-port.js';
import { KEYS, press, type, waitForFrame } from '../support/ink.js';
import { runbookRows } from '../support/runbook-rows.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for escape codes is the point
const SGR = /\u001B\[([0-9;]*)m/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for escape codes is the point
const ESCAPE = /\u001B/;

/** The SGR parameters in `text` that set or reset a colour (foreground or background). */
function colourCodes(text: string): string[] {
  return [...text.matchAll(SGR)]
    .flatMap((m) => (m[1] ?? '').split(';'))
    .filter((p) => /^(3\d|4\d|9[0-7]|10[0-7])$/.test(p));
}

const plain = (text: string) => text.replace(SGR, '');

const renderApp = appRenderer({ columns: 140, rows: 30 });

describe('skins in the console', () => {
  it.each(SKIN_NAMES)('%s keeps every status word and the alert mark', async (name) => {
    const { lastFrame } = renderApp(new FakePort(runbookRows()), { color: SKINS[name] });
    const frame = plain(await waitForFrame(lastFrame, (f) => f.includes('cert-manager')));
    expect(frame).toMatch(/cert-manager\s+Failed\s+40m !/);
    expect(frame).toMatch(/kyverno\s+Waiting\s+38m !/);
    expect(frame).toMatch(/monitoring\s+Waiting\s+5m /);
    expect(frame).toContain('failing > 15m: 3');
    expect(frame).toMatch(/^> HelmRelease/m);
  });

  it('monochrome emits no colour code, but inverse for the selection and bold for alerts', async () => {
    const { lastFrame } = renderApp(new FakePort(runbookRows()), { color: SKINS.monochrome });
    const frame = await waitForFrame(lastFrame, (f) => f.includes('cert-manager'));
    expect(colourCodes(frame)).toEqual([]);
    const selected = frame.split('\n').find((l) => plain(l).startsWith('> ')) ?? '';
    expect(selected).toContain('\u001B[7m');
    const kyverno = frame.split('\n').find((l) => l.includes('kyverno')) ?? '';
    expect(kyverno).toContain('\u001B[1m');
    expect(kyverno).not.toContain('\u001B[7m');
  });

  it('the other skins do colour, each its own way', async () => {
    const frames = new Map<string, string>();
    for (const name of ['default', 'light-terminal', 'high-contrast'] as const) {
      const { lastFrame, unmount } = renderApp(new FakePort(runbookRows()), { color: SKINS[name] });
      frames.set(name, await waitForFrame(lastFrame, (f) => f.includes('cert-manager')));
      unmount();
    }
    for (const frame of frames.values()) expect(colourCodes(frame).length).toBeGreaterThan(0);
    expect(colourCodes(frames.get('light-terminal') ?? '')).not.toContain('33'); // no yellow on white
    expect(colourCodes(frames.get('high-contrast') ?? '')).toContain('91'); // bright red failures
    expect(new Set(frames.values()).size).toBe(3);
  });

  it.each(SKIN_NAMES)(
    'NO_COLOR with %s: not a single escape code, in the table and the help',
    async (name) => {
      const { lastFrame, stdin } = renderApp(new FakePort(runbookRows()), { color: paintFor(name, true) });
      let frame = await waitForFrame(lastFrame, (f) => f.includes('cert-manager'));
      expect(frame).not.toMatch(ESCAPE);
      await press(stdin, '?');
      frame = await waitForFrame(lastFrame, (f) => f.includes('Keys —'));
      expect(frame).not.toMatch(ESCAPE);
    },
  );
});

describe('the config file in the console', () => {
  it('an alias opens what its word opens', async () => {
    const { lastFrame, stdin } = renderApp(new FakePort(runbookRows()), { aliases: { 'prod-hr': 'hr' } });
    await waitForFrame(lastFrame, (f) => f.includes('Failing(all)'));
    await press(stdin, ':');
    await type(stdin, 'prod-h');
    await waitForFrame(lastFrame, (f) => f.includes('prod-hr'));
    await type(stdin, 'r');
    await press(stdin, KEYS.enter);
    const frame = await waitForFrame(lastFrame, (f) => f.includes('HelmReleases(all)'));
    expect(frame).toContain('kyverno');
  });

  it('opens the logs pane as the file says', async () => {
    const { lastFrame } = renderApp(new FakePort(runbookRows()), { logs: { pane: 'split', scope: 'all' } });
    const frame = await waitForFrame(lastFrame, (f) => f.includes('Logs [following]'));
    expect(frame).toMatch(/Logs \[following\] all lines/);
  });
});
