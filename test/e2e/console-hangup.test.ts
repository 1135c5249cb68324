// The terminal vanishing under the console (window closed, SSH dropped) is a normal way to leave, not a
// crash: the console ends promptly and writes no crash log.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startDemo } from './support/console.js';
import type { Terminal } from './support/terminal.js';

let term: Terminal | undefined;
afterEach(() => {
  term?.stop();
  term = undefined;
});

describe('fluxdeck --demo, hang-up', () => {
  it('ends without a crash log when its terminal goes away', async () => {
    term = await startDemo();
    await term.hangUp();
    const dir = join(term.home, 'state', 'fluxdeck');
    const crashes = existsSync(dir) ? readdirSync(dir).filter((f) => f.startsWith('crash-')) : [];
    expect(crashes).toEqual([]);
  }, 90_000);
});
