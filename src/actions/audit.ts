// The audit log: one JSON line per action event — the intent before anything runs, the outcome after,
// a cancellation when the dialog was declined — fsync'd, mode 0600, under the XDG state directory.
// Only names, commands and sentences are written: never a Secret's value (actions never read one).
import { randomUUID } from 'node:crypto';
import { mkdir, open } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ActionId } from './types.js';

export type AuditOutcome = 'confirmed' | 'cancelled' | 'succeeded' | 'failed' | 'timed-out';

export interface AuditEntry {
  /** Ties an intent line to its outcome line. */
  readonly id: string;
  readonly time: string;
  readonly phase: 'intent' | 'outcome';
  readonly context: string;
  readonly cluster: string;
  readonly user: string;
  readonly action: ActionId;
  /** `Kind/namespace/name` of each target. */
  readonly targets: readonly string[];
  /** The equivalent command lines, as shown in the dialog. */
  readonly commands: readonly string[];
  readonly outcome: AuditOutcome;
  /** The outcome in words (revision, controller message, what is still pending). */
  readonly message?: string;
  readonly error?: string;
}

export interface AuditOptions {
  /** An explicit file (--audit-log) wins over the XDG default. */
  readonly path?: string | undefined;
  readonly env?: NodeJS.ProcessEnv;
  readonly home?: string;
  /** For tests that watch the file handle (fsync); defaults to fs/promises open. */
  readonly openFile?: typeof open;
}

/** `$XDG_STATE_HOME/fluxdeck/audit.log`, else `~/.local/state/fluxdeck/audit.log`. */
export function auditLogPath(options: AuditOptions = {}): string {
  if (options.path) return options.path;
  const env = options.env ?? process.env;
  const state = env['XDG_STATE_HOME'];
  // The XDG spec says a relative value is invalid and must be ignored.
  const base = state?.startsWith('/') ? state : join(options.home ?? homedir(), '.local', 'state');
  return join(base, 'fluxdeck', 'audit.log');
}

export function newAuditId(): string {
  return randomUUID();
}

export class AuditLog {
  readonly path: string;
  private entries: readonly AuditEntry[] = [];
  private readonly listeners = new Set<() => void>();
  // Appends are serialised so lines never interleave and the intent is on disk before the outcome.
  private queue: Promise<void> = Promise.resolve();
  private readonly openFile: typeof open;

  constructor(options: AuditOptions = {}) {
    this.path = auditLogPath(options);
    this.openFile = options.openFile ?? open;
  }

  /** This session's entries, oldest first (useSyncExternalStore contract). */
  readonly getSnapshot = (): readonly AuditEntry[] => this.entries;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** Resolves once the line is fsync'd; rejects with a sentence when the file cannot be written. */
  append(entry: AuditEntry): Promise<void> {
    const write = this.queue.then(() => this.write(entry));
    this.queue = write.catch(() => undefined);
    return write;
  }

  private async write(entry: AuditEntry): Promise<void> {
    const line = `${JSON.stringify(entry)}\n`;
    try {
      await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
      const file = await this.openFile(this.path, 'a', 0o600);
      try {
        // An existing file keeps its mode on open: tighten it, the log names what was done where.
        await file.chmod(0o600);
        await file.appendFile(line, 'utf8');
        await file.sync();
      } finally {
        await file.close();
      }
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      throw new Error(
        `could not write the audit log ${this.path}${typeof code === 'string' ? ` (${code})` : ''}`,
      );
    } finally {
      this.entries = [...this.entries, entry];
      for (const listener of this.listeners) listener();
    }
  }
}
