import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';

interface SharedCaches {
  styledChars: { now: Map<string, unknown>; old: Map<string, unknown> };
}
type OutputClass = new (options: { width: number; height: number }) => { caches: SharedCaches };

// The very module Ink's renderer loads (its package exports only the index; Node caches by file URL).
const inkBuild = dirname(createRequire(import.meta.url).resolve('ink'));
const loadOutput = async (): Promise<OutputClass> =>
  ((await import(pathToFileURL(join(inkBuild, 'output.js')).href)) as { default: OutputClass }).default;

describe('the component tests run on the patched Ink (scripts/ink-output-cache.mjs)', () => {
  it('shares one set of output caches between frames, as the bundle does', async () => {
    const Output = await loadOutput();
    // Unpatched Ink builds fresh caches for every frame's Output.
    expect(new Output({ width: 4, height: 1 }).caches).toBe(new Output({ width: 8, height: 2 }).caches);
  });

  it('is the Ink that ink-testing-library renders with', async () => {
    const line = 'drawn by the patched ink 1a2b3c';
    const { lastFrame, unmount } = render(<Text>{line}</Text>);
    expect(lastFrame()).toBe(line);
    unmount();
    const { styledChars } = new (await loadOutput())({ width: 1, height: 1 }).caches;
    expect([...styledChars.now.keys(), ...styledChars.old.keys()]).toContain(line);
  });
});
