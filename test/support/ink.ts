// Helpers for ink-testing-library: named keys, typing with a tick between keys, waiting for a frame.
import { expect } from 'vitest';

export const KEYS = {
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  shiftRight: '\u001B[1;2C',
  shiftLeft: '\u001B[1;2D',
  pageUp: '\u001B[5~',
  pageDown: '\u001B[6~',
  enter: '\r',
  esc: '\u001B',
  tab: '\t',
  backspace: '\u007F',
  ctrlC: '\u0003',
  ctrlD: '\u0004',
  ctrlU: '\u0015',
  space: ' ',
} as const;

export const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

interface Writable {
  readonly write: (data: string) => void;
}

/** Sends each key separately (Ink treats a multi-character write as one pasted input). */
export async function press(stdin: Writable, ...keys: string[]): Promise<void> {
  for (const key of keys) {
    stdin.write(key);
    // An escape alone is only flushed after Ink's short wait for the rest of a sequence.
    if (key === KEYS.esc) await new Promise((resolve) => setTimeout(resolve, 30));
    await tick();
  }
}

/** Types text one character at a time. */
export async function type(stdin: Writable, text: string): Promise<void> {
  await press(stdin, ...Array.from(text));
}

/** Waits until the last frame satisfies `check` (or fails with the frame in the message). */
export async function waitForFrame(
  lastFrame: () => string | undefined,
  check: (frame: string) => boolean,
  timeoutMs = 3000,
): Promise<string> {
  const start = Date.now();
  for (;;) {
    const frame = lastFrame() ?? '';
    if (check(frame)) return frame;
    if (Date.now() - start > timeoutMs) {
      expect.fail(`frame never matched:\n${frame}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The line of the frame that contains `text`, or undefined. */
export function lineWith(frame: string, text: string): string | undefined {
  return frame.split('\n').find((l) => l.includes(text));
}

/** The line marked as selected by the grid (`>` in the first column). */
export function selectedLine(frame: string): string | undefined {
  return frame.split('\n').find((l) => l.startsWith('>'));
}
