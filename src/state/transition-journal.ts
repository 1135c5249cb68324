// The transition journal: the Ready verdict changes the console observed, one JSON line each, in a file per
// context under the XDG state directory (mode 0600), so the timeline and `fluxdeck report` survive restarts.
// Bounded: the newest TRANSITIONS_KEPT lines are kept; the file is rewritten (to a temporary file, then
// renamed) when it holds twice that, when a line is bad, or when the last line was cut short by a crash,
// so an append never continues a broken line. Nothing here is fatal: a journal that cannot be read or
// written costs the memory across restarts, never the console.
import { createHash } from 'node:crypto';
import { appendFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseTransition, type Transition } from '../flux/transitions.js';
import { TRANSITIONS_KEPT, TransitionRecorder } from '../kube/transition-recorder.js';
import { contextFileName, type StateLocation, stateDirectory } from './state-directory.js';

/**
 * The journal file of a context: its name made safe for a file name (a context name may hold `/`, `:` or
 * anything) plus a short hash, so two contexts never share a file.
 */
export function journalPath(context: string, location: StateLocation = {}): string {
  const safe = contextFileName(context);
  const hash = createHash('sha256').update(context).digest('hex').slice(0, 10);
  return join(stateDirectory(location), 'timeline', `${safe}-${hash}.jsonl`);
}

export interface JournalRead {
  readonly transitions: readonly Transition[];
  /** Lines that were not transitions (cut short, edited by hand): dropped. */
  readonly dropped: number;
  /** Lines beyond the bound: dropped, oldest first. */
  readonly trimmed: number;
  /** The file did not end with a newline. */
  readonly cutShort?: boolean;
  /** Why the file could not be read at all (a missing file is not an error). */
  readonly error?: string;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Reads a journal; never throws. */
export async function readJournal(path: string, bound = TRANSITIONS_KEPT): Promise<JournalRead> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { transitions: [], dropped: 0, trimmed: 0 };
    return { transitions: [], dropped: 0, trimmed: 0, error: errorText(error) };
  }
  const parsed: Transition[] = [];
  let dropped = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const t = parseTransition(line);
    if (t) parsed.push(t);
    else dropped++;
  }
  const trimmed = Math.max(0, parsed.length - bound);
  return {
    transitions: trimmed > 0 ? parsed.slice(trimmed) : parsed,
    dropped,
    trimmed,
    // A last line without its newline (a crash mid-write), even one that parses, is rewritten so the
    // next append starts on a line of its own.
    ...(text !== '' && !text.endsWith('\n') ? { cutShort: true } : {}),
  };
}

function serialise(transitions: readonly Transition[]): string {
  return transitions.map((t) => `${JSON.stringify(t)}\n`).join('');
}

export class TransitionJournal {
  private lines: number;
  private queue: Promise<void> = Promise.resolve();
  private recent: Transition[];
  /** The last write error, if any (the console says so once). */
  lastError: string | undefined;

  private constructor(
    readonly path: string,
    initial: readonly Transition[],
    private readonly bound: number,
  ) {
    this.recent = [...initial];
    this.lines = initial.length;
  }

  /**
   * Opens (and, when it is cut short, over the bound or holds bad lines, repairs) the journal. The
   * transitions it holds seed the store's recorder.
   */
  static async open(
    path: string,
    bound = TRANSITIONS_KEPT,
  ): Promise<{ readonly journal: TransitionJournal; readonly read: JournalRead }> {
    const read = await readJournal(path, bound);
    const journal = new TransitionJournal(path, read.transitions, bound);
    if (read.dropped > 0 || read.trimmed > 0 || read.cutShort) await journal.rewrite();
    return { journal, read };
  }

  /** Appends one transition (serialised with the others, so lines never interleave). */
  append(transition: Transition): Promise<void> {
    this.recent.push(transition);
    if (this.recent.length > this.bound) this.recent.splice(0, this.recent.length - this.bound);
    this.queue = this.queue.then(async () => {
      if (this.lines + 1 > this.bound * 2) {
        await this.rewrite();
        return;
      }
      try {
        await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
        await appendFile(this.path, `${JSON.stringify(transition)}\n`, { mode: 0o600 });
        this.lines++;
      } catch (error) {
        this.lastError = errorText(error);
      }
    });
    return this.queue;
  }

  /** Resolves when every append so far is on disk (or failed). */
  settled(): Promise<void> {
    return this.queue;
  }

  private async rewrite(): Promise<void> {
    const temporary = `${this.path}.${process.pid}.tmp`;
    try {
      await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
      await writeFile(temporary, serialise(this.recent), { mode: 0o600 });
      await rename(temporary, this.path);
      this.lines = this.recent.length;
    } catch (error) {
      this.lastError = errorText(error);
    }
  }
}

export interface TransitionMemory {
  readonly recorder: TransitionRecorder;
  readonly journal: TransitionJournal;
  readonly read: JournalRead;
}

/**
 * The console's memory of a context: the recorder the store feeds, seeded from the context's journal, and
 * every new transition appended to it.
 */
export async function openTransitionMemory(
  context: string,
  location: StateLocation = {},
): Promise<TransitionMemory> {
  const { journal, read } = await TransitionJournal.open(journalPath(context, location));
  const recorder = new TransitionRecorder(read.transitions);
  recorder.onTransition((t) => {
    void journal.append(t);
  });
  return { recorder, journal, read };
}
