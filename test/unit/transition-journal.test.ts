import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Transition } from '../../src/flux/transitions.js';
import {
  journalPath,
  openTransitionMemory,
  readJournal,
  TransitionJournal,
} from '../../src/state/transition-journal.js';
import { makeRow } from '../support/fake-port.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fluxdeck-journal-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function transition(i: number): Transition {
  return {
    at: new Date(Date.UTC(2026, 11, 6, 1, 0, i)).toISOString(),
    key: `Kustomization/flux-system/app-${i}`,
    from: { ready: 'True', reason: '', suspended: false },
    to: { ready: 'False', reason: 'BuildFailed', suspended: false },
    message: `build ${i} failed`,
  };
}

describe('journal location', () => {
  it('is per context under the XDG state directory, with a file name any context name can have', () => {
    const env = { XDG_STATE_HOME: '/state' };
    const a = journalPath('arn:aws:eks:eu-west-1:1:cluster/prod', { env });
    const b = journalPath('arn:aws:eks:eu-west-1:1:cluster_prod', { env });
    expect(a.startsWith('/state/fluxdeck/timeline/arn_aws_eks_eu-west-1_1_cluster_prod-')).toBe(true);
    expect(a).not.toBe(b);
    expect(journalPath('x', { env: { XDG_STATE_HOME: 'relative' }, home: '/home/u' })).toMatch(
      /^\/home\/u\/\.local\/state\/fluxdeck\/timeline\/x-/,
    );
    expect(journalPath('../../etc', { stateDir: '/demo' })).toMatch(/^\/demo\/timeline\/\.\._\.\._etc-/);
  });
});

describe('journal file', () => {
  it('survives a restart: what one process appended, the next reads, in order, mode 0600', async () => {
    const path = join(dir, 'timeline', 'ctx.jsonl');
    const { journal } = await TransitionJournal.open(path);
    await journal.append(transition(1));
    await journal.append(transition(2));
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const again = await readJournal(path);
    expect(again.transitions.map((t) => t.message)).toEqual(['build 1 failed', 'build 2 failed']);
  });

  it('stays bounded: the newest transitions are kept and the file is compacted', async () => {
    const path = join(dir, 'ctx.jsonl');
    const { journal } = await TransitionJournal.open(path, 5);
    for (let i = 0; i < 23; i++) await journal.append(transition(i));
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(10);
    const read = await readJournal(path, 5);
    expect(read.transitions.map((t) => t.message)).toEqual(
      [18, 19, 20, 21, 22].map((i) => `build ${i} failed`),
    );
  });

  it('recovers from a file cut short by a crash: the whole lines are kept and the next append starts clean', async () => {
    const path = join(dir, 'ctx.jsonl');
    const whole = `${JSON.stringify(transition(1))}\n${JSON.stringify(transition(2))}\n`;
    await writeFile(path, `${whole}${JSON.stringify(transition(3)).slice(0, 40)}`, { mode: 0o600 });
    const { journal, read } = await TransitionJournal.open(path);
    expect(read.dropped).toBe(1);
    expect(read.transitions.map((t) => t.message)).toEqual(['build 1 failed', 'build 2 failed']);
    await journal.append(transition(4));
    expect((await readJournal(path)).transitions.map((t) => t.message)).toEqual([
      'build 1 failed',
      'build 2 failed',
      'build 4 failed',
    ]);
  });

  it('a last line that parses but lost its newline is rewritten, so the next append is a line of its own', async () => {
    const path = join(dir, 'ctx.jsonl');
    await writeFile(path, JSON.stringify(transition(1)));
    const { journal } = await TransitionJournal.open(path);
    await journal.append(transition(2));
    expect((await readJournal(path)).transitions).toHaveLength(2);
  });

  it('garbage and hostile lines cost only themselves', async () => {
    const path = join(dir, 'ctx.jsonl');
    await writeFile(path, `not json\n\u0000\u001b[2J\n${JSON.stringify(transition(7))}\n{"at":1}\n`);
    const read = await readJournal(path);
    expect(read.transitions.map((t) => t.message)).toEqual(['build 7 failed']);
    expect(read.dropped).toBe(3);
  });

  it('an unreadable journal is reported, not thrown; a missing one is simply empty', async () => {
    expect(await readJournal(join(dir, 'missing.jsonl'))).toEqual({
      transitions: [],
      dropped: 0,
      trimmed: 0,
    });
    const read = await readJournal(dir);
    expect(read.transitions).toEqual([]);
    expect(read.error).toBeTruthy();
  });
});

describe('transition memory across restarts', () => {
  it('a second console knows what the first saw and records what changed in between as noticed late', async () => {
    const first = await openTransitionMemory('prod', { stateDir: dir });
    const kyverno = (ready: 'True' | 'False', reason: string) =>
      makeRow({ kind: 'HelmRelease', name: 'kyverno', ready, reason });
    first.recorder.see(kyverno('True', 'UpgradeSucceeded'), Date.UTC(2026, 11, 6, 1));
    first.recorder.see(kyverno('False', 'UpgradeFailed'), Date.UTC(2026, 11, 6, 2));
    await first.journal.settled();

    const second = await openTransitionMemory('prod', { stateDir: dir });
    expect(second.recorder.transitions().map((t) => t.to.reason)).toEqual(['UpgradeFailed']);
    second.recorder.see(kyverno('True', 'UpgradeSucceeded'), Date.UTC(2026, 11, 6, 3));
    await second.journal.settled();
    const third = await openTransitionMemory('prod', { stateDir: dir });
    expect(third.recorder.transitions().map((t) => [t.to.ready, t.noticedLate ?? false])).toEqual([
      ['False', false],
      ['True', true],
    ]);
    const other = await openTransitionMemory('staging', { stateDir: dir });
    expect(other.recorder.transitions()).toEqual([]);
  });
});
