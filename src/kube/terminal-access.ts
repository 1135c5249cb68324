// Handing the terminal to a child process and taking it back: a plugin with `output: terminal`
// (kubectl edit, k9s, flux trace) and an exec credential plug-in that asks the user something
// (`interactiveMode: IfAvailable` or `Always`). While the console is on screen, Ink suspends it (frame
// erased, main screen, raw mode off, cursor shown) and redraws it from scratch after; before it is mounted,
// or in `fluxdeck status`, the terminal is free already. One hand-over at a time.

/** What the console's screen gives (Ink's useApp().suspendTerminal with a callback). */
export type SuspendScreen = (use: () => Promise<void>) => Promise<void>;

export interface TerminalAccess {
  /** A person's terminal is there to hand over: stdin is a TTY (client-go asks the same of its stdin). */
  readonly isTerminal: () => boolean;
  /**
   * Runs `use` while a child process has the terminal: the console's screen and keys paused, restored after
   * even when `use` throws. `notice` is written on the freed screen first (only when the console was on it).
   */
  readonly handOver: <T>(use: () => Promise<T>, notice?: string) => Promise<T>;
  /** The file descriptor a child reads the terminal from; default 0, the console's own stdin (tests: a file). */
  readonly input?: number;
}

export interface TerminalHandover extends TerminalAccess {
  /** The console's screen is mounted: hand-overs suspend it, until the returned function is called. */
  readonly attach: (suspend: SuspendScreen) => () => void;
  /** A child process has the terminal: ctrl-c is the child's, not a reason for the console to quit. */
  readonly busy: () => boolean;
}

/** The parts of Node's TTY stream that reading ahead lives in (not public API; each is checked first). */
interface ReadAhead {
  _read?: unknown;
  _handle?: { reading?: boolean; readStop?: () => number } | null;
  _readableState?: { reading?: boolean };
}

/**
 * Keeps our stdin from reading while the child has the terminal. Both processes hold the same terminal,
 * and Node's TTY stream reads ahead (up to its high-water mark) even with no listener: without this the
 * console swallows some of what the user types to the child (measured: every few hand-overs, from the
 * first). Returns how to undo it, after which the next listener starts reading again.
 */
function holdInput(stdin: NodeJS.ReadableStream): () => void {
  const stream = stdin as unknown as ReadAhead;
  const handle = stream._handle;
  if (!handle || typeof handle.readStop !== 'function' || !stream._readableState) return () => undefined;
  stream._read = () => undefined;
  if (handle.reading) {
    handle.reading = false;
    handle.readStop();
  }
  return () => {
    delete stream._read;
    // A read started under the hold never finished: without this no later read would start one.
    if (stream._readableState) stream._readableState.reading = false;
  };
}

export function terminalHandover(
  stdin: NodeJS.ReadStream = process.stdin,
  stdout: NodeJS.WritableStream = process.stdout,
): TerminalHandover {
  let suspend: SuspendScreen | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  let busy = false;

  async function exclusive<T>(use: () => Promise<T>, notice: string | undefined): Promise<T> {
    busy = true;
    try {
      const screen = suspend;
      if (!screen) return await use();
      let result: { value: T } | undefined;
      await screen(async () => {
        const release = holdInput(stdin);
        try {
          if (notice) stdout.write(`${notice}\n`);
          result = { value: await use() };
        } finally {
          release();
        }
      });
      if (!result) throw new Error('the terminal was not handed over');
      return result.value;
    } finally {
      busy = false;
    }
  }

  return {
    isTerminal: () => stdin.isTTY === true,
    handOver<T>(use: () => Promise<T>, notice?: string): Promise<T> {
      const turn = queue.then(() => exclusive(use, notice));
      queue = turn.catch(() => undefined);
      return turn;
    },
    attach(screen) {
      suspend = screen;
      return () => {
        if (suspend === screen) suspend = undefined;
      };
    },
    busy: () => busy,
  };
}

/** For one-shot commands (`fluxdeck status`): no screen to pause, the terminal is the process's own. */
export const PROCESS_TERMINAL: TerminalAccess = {
  isTerminal: () => process.stdin.isTTY === true,
  handOver: (use) => use(),
};
