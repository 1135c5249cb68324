// The terminal hand-over: one child at a time, the screen suspended around it once the console is mounted
// (and not before), ctrl-c the child's while it runs; and which exec plug-ins get the terminal, as
// client-go's isInteractive decides it.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { interactiveFor } from '../../src/kube/exec-credential.js';
import { type TerminalAccess, terminalHandover } from '../../src/kube/terminal-access.js';

function streams(tty: boolean) {
  const stdin = Object.assign(new PassThrough(), { isTTY: tty }) as unknown as NodeJS.ReadStream;
  const written: string[] = [];
  const stdout = new PassThrough();
  stdout.on('data', (c: Buffer) => written.push(c.toString('utf8')));
  return { stdin, stdout, written };
}

describe('the terminal hand-over', () => {
  it('runs children one at a time, suspending the screen around each once it is attached', async () => {
    const { stdin, stdout, written } = streams(true);
    const terminal = terminalHandover(stdin, stdout);
    const log: string[] = [];
    // Before the console is mounted: the terminal is free, nothing to suspend, no notice.
    expect(await terminal.handOver(async () => 'early', 'not shown')).toBe('early');
    const detach = terminal.attach(async (use) => {
      log.push('suspend');
      await use();
      log.push('redraw');
    });
    let release: () => void = () => undefined;
    const first = terminal.handOver(
      () =>
        new Promise<string>((done) => {
          log.push('first starts');
          expect(terminal.busy()).toBe(true);
          release = () => done('first');
        }),
      'fluxdeck: first has the terminal',
    );
    const second = terminal.handOver(async () => {
      log.push('second starts');
      return 'second';
    });
    await new Promise((r) => setImmediate(r));
    expect(log).toEqual(['suspend', 'first starts']);
    release();
    expect(await Promise.all([first, second])).toEqual(['first', 'second']);
    expect(log).toEqual(['suspend', 'first starts', 'redraw', 'suspend', 'second starts', 'redraw']);
    expect(terminal.busy()).toBe(false);
    await new Promise((r) => setImmediate(r));
    expect(written.join('')).toBe('fluxdeck: first has the terminal\n');
    // A child that fails gives the terminal back all the same, and the next one still runs.
    await expect(terminal.handOver(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(terminal.busy()).toBe(false);
    detach();
    expect(await terminal.handOver(async () => 'after')).toBe('after');
    expect(log.filter((l) => l === 'suspend')).toHaveLength(3);
  });
});

describe('which exec plug-ins get the terminal (interactiveMode)', () => {
  const with_ = (tty: boolean): TerminalAccess => ({ isTerminal: () => tty, handOver: (use) => use() });

  it('gives it for IfAvailable and Always when there is one, never for Never', () => {
    expect(interactiveFor('IfAvailable', with_(true))).toBe(true);
    expect(interactiveFor('', with_(true))).toBe(true);
    expect(interactiveFor('Always', with_(true))).toBe(true);
    expect(interactiveFor('Never', with_(true))).toBe(false);
  });

  it("without one runs IfAvailable without it, and refuses Always with kubectl's sentence", () => {
    expect(interactiveFor('IfAvailable', with_(false))).toBe(false);
    expect(interactiveFor('Never', with_(false))).toBe(false);
    expect(() => interactiveFor('Always', with_(false))).toThrow(
      'exec plugin cannot support interactive mode: standard input is not a terminal',
    );
    expect(() => interactiveFor('Sometimes', with_(true))).toThrow('unknown interactiveMode: "Sometimes"');
  });
});
