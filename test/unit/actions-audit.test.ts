import { mkdtemp, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type AuditEntry, AuditLog, auditLogPath } from '../../src/actions/audit.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fluxdeck-audit-'));
});

afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

const entry = (over: Partial<AuditEntry> = {}): AuditEntry => ({
  id: 'a1',
  time: '2026-01-15T09:00:00.000Z',
  phase: 'intent',
  context: 'prod-eu',
  cluster: 'prod-eu-1',
  user: 'alice',
  action: 'reconcile',
  targets: ['HelmRelease/kyverno/kyverno'],
  commands: ['flux reconcile helmrelease kyverno -n kyverno --context prod-eu'],
  outcome: 'confirmed',
  ...over,
});

describe('audit log path', () => {
  it('uses $XDG_STATE_HOME/fluxdeck/audit.log', () => {
    expect(auditLogPath({ env: { XDG_STATE_HOME: '/state' }, home: '/home/a' })).toBe(
      '/state/fluxdeck/audit.log',
    );
  });

  it('defaults to ~/.local/state and ignores a relative XDG_STATE_HOME', () => {
    expect(auditLogPath({ env: {}, home: '/home/a' })).toBe('/home/a/.local/state/fluxdeck/audit.log');
    expect(auditLogPath({ env: { XDG_STATE_HOME: 'rel' }, home: '/home/a' })).toBe(
      '/home/a/.local/state/fluxdeck/audit.log',
    );
  });

  it('lets an explicit path win', () => {
    expect(auditLogPath({ path: '/x/audit.log', env: { XDG_STATE_HOME: '/state' } })).toBe('/x/audit.log');
  });
});

describe('audit log', () => {
  it('appends one JSON line per entry, in order, to a 0600 file in a new directory', async () => {
    const log = new AuditLog({ env: { XDG_STATE_HOME: dir } });
    await log.append(entry());
    await log.append(entry({ phase: 'outcome', outcome: 'succeeded', message: 'applied revision 3.2.1' }));
    const text = await readFile(join(dir, 'fluxdeck', 'audit.log'), 'utf8');
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      phase: 'intent',
      context: 'prod-eu',
      outcome: 'confirmed',
    });
    expect(JSON.parse(lines[1] ?? '')).toMatchObject({ phase: 'outcome', outcome: 'succeeded' });
    expect((await stat(log.path)).mode & 0o777).toBe(0o600);
    expect(log.getSnapshot().map((e) => e.phase)).toEqual(['intent', 'outcome']);
  });

  it('tightens an existing file to 0600', async () => {
    const path = join(dir, 'audit.log');
    await writeFile(path, '', { mode: 0o644 });
    const log = new AuditLog({ path });
    await log.append(entry());
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('fsyncs every line before resolving', async () => {
    const events: string[] = [];
    const openFile: typeof open = async (...args: Parameters<typeof open>) => {
      const handle = await open(...args);
      const { appendFile, sync } = {
        appendFile: handle.appendFile.bind(handle),
        sync: handle.sync.bind(handle),
      };
      handle.appendFile = async (...a: Parameters<typeof appendFile>) => {
        events.push('write');
        return appendFile(...a);
      };
      handle.sync = async () => {
        events.push('sync');
        return sync();
      };
      return handle;
    };
    const log = new AuditLog({ path: join(dir, 'audit.log'), openFile });
    await log.append(entry());
    expect(events).toEqual(['write', 'sync']);
    await log.append(entry({ phase: 'outcome', outcome: 'failed', error: 'boom' }));
    expect(events).toEqual(['write', 'sync', 'write', 'sync']);
  });

  it('notifies subscribers and says in a sentence when the file cannot be written', async () => {
    await writeFile(join(dir, 'file'), 'x');
    const log = new AuditLog({ path: join(dir, 'file', 'audit.log') });
    const seen = vi.fn();
    log.subscribe(seen);
    await expect(log.append(entry())).rejects.toThrow(/could not write the audit log .*file\/audit.log/);
    expect(seen).toHaveBeenCalled();
    expect(log.getSnapshot()).toHaveLength(1);
  });
});
