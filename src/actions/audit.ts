// The audit log: one JSON line per action or plugin run — the intent before anything runs, the outcome
// after (a plugin's exit code and duration), a cancellation when the dialog was declined — fsync'd, mode
// 0600, under the XDG state directory.
// Only names, commands and sentences are written: never a Secret's value (actions never read one).
import { randomUUID } from 'node:crypto';
import { mkdir, open } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { stateDirectory } from '../state/state-directory.js';
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
  /** A runbook action, or `plugin:NAME` for a plugin of the config file. */
  readonly action: ActionId | `plugin:${string}`;
  /** `Kind/namespace/name` of each target. */
  readonly targets: readonly string[];
  /** The equivalent command lines, as shown in the dialog. */
  readonly commands: readonly string[];
  readonly outcome: AuditOutcome;
  /** The outcome in words (revision, controller message, what is still pending). */
  readonly message?: string;
  readonly error?: string;
  /** A plugin's exit code (absent when it did not exit by itself) and how long it ran. */
  readonly exitCode?: number;
  readonly durationMs?: number;
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
  return join(
    stateDirectory({
      ...(options.env ? { env: options.env } : {}),
      ...(options.home ? { home: options.home } : {}),
    }),
    'audit.log',
  );
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

/** The newest part of the audit log a report reads: months of actions are not an incident's. */
const AUDIT_TAIL_BYTES = 8 * 1024 * 1024;
const OUTCOMES = new Set<string>(['confirmed', 'cancelled', 'succeeded', 'failed', 'timed-out']);

function auditEntryOf(line: string): AuditEntry | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const r = value as Record<string, unknown>;
  const str = (k: string) => (typeof r[k] === 'string' ? (r[k] as string) : '');
  if (!str('id') || Number.isNaN(Date.parse(str('time'))) || !OUTCOMES.has(str('outcome'))) return undefined;
  if (str('phase') !== 'intent' && str('phase') !== 'outcome') return undefined;
  const list = (k: string) =>
    Array.isArray(r[k]) ? (r[k] as unknown[]).filter((x): x is string => typeof x === 'string') : [];
  return {
    id: str('id'),
    time: str('time'),
    phase: str('phase') as AuditEntry['phase'],
    context: str('context'),
    cluster: str('cluster'),
    user: str('user'),
    action: str('action') as AuditEntry['action'],
    targets: list('targets'),
    commands: list('commands'),
    outcome: str('outcome') as AuditOutcome,
    ...(str('message') ? { message: str('message') } : {}),
    ...(str('error') ? { error: str('error') } : {}),
    ...(Number.isInteger(r['exitCode']) ? { exitCode: r['exitCode'] as number } : {}),
    ...(typeof r['durationMs'] === 'number' && r['durationMs'] >= 0 ? { durationMs: r['durationMs'] } : {}),
  };
}

/**
 * The audit log's entries for one context (all when undefined), oldest first, read from its newest 8 MiB;
 * lines that are not entries are skipped. A missing file has none; an unreadable one throws its sentence.
 */
export async function readAuditLog(path: string, context?: string): Promise<AuditEntry[]> {
  let text: string;
  try {
    const file = await open(path, 'r');
    try {
      const { size } = await file.stat();
      const start = Math.max(0, size - AUDIT_TAIL_BYTES);
      const buffer = Buffer.alloc(size - start);
      await file.read(buffer, 0, buffer.length, start);
      text = buffer.toString('utf8');
      // Reading from the middle of the file: the first line is only part of one.
      if (start > 0) text = text.slice(text.indexOf('\n') + 1);
    } finally {
      await file.close();
    }
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT') return [];
    throw new Error(`could not read the audit log ${path}${typeof code === 'string' ? ` (${code})` : ''}`);
  }
  const entries: AuditEntry[] = [];
  for (const line of text.split('\n')) {
    const entry = line.trim() === '' ? undefined : auditEntryOf(line);
    if (entry && (context === undefined || entry.context === context)) entries.push(entry);
  }
  return entries;
}
