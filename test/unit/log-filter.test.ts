import { describe, expect, it } from 'vitest';
import { filterLog } from '../../src/hooks/log-filter.js';
import { LogRing } from '../../src/kube/log-ring.js';
import type { LogEntry } from '../../src/kube/port.js';
import { logEntry } from '../support/fake-port.js';

const aboutPodinfo = (e: LogEntry) => e.line.name === 'podinfo';

function entry(seq: number): LogEntry {
  return logEntry(seq, 'helm-controller', {
    name: seq % 3 === 0 ? 'podinfo' : 'other',
    message: `line ${seq}`,
  });
}

describe('filterLog', () => {
  it('follows a ring buffer that fills, drops its oldest and is cleared, always equal to filtering it all', () => {
    const ring = new LogRing(100);
    let seq = 0;
    let filtered = filterLog(undefined, ring.snapshot(), aboutPodinfo);
    for (let round = 0; round < 80; round++) {
      const burst = round === 40 ? 0 : (round * 7) % 23;
      if (round === 40) ring.clear();
      for (let i = 0; i < burst; i++) ring.push(entry(seq++));
      const source = ring.snapshot();
      filtered = filterLog(filtered, source, aboutPodinfo);
      expect(filtered.output.map((e) => e.seq)).toEqual(source.filter(aboutPodinfo).map((e) => e.seq));
    }
    expect(seq).toBeGreaterThan(300);
  });

  it('filters afresh for another filter and returns the same result for the same buffer', () => {
    const ring = new LogRing(50);
    for (let seq = 0; seq < 30; seq++) ring.push(entry(seq));
    const first = filterLog(undefined, ring.snapshot(), aboutPodinfo);
    expect(filterLog(first, ring.snapshot(), aboutPodinfo)).toBe(first);
    const others = filterLog(first, ring.snapshot(), (e) => e.line.name === 'other');
    expect(others.output).toHaveLength(20);
  });

  it('does not carry lines over to a buffer that starts earlier (another cluster)', () => {
    const old = filterLog(undefined, [entry(300), entry(303)], aboutPodinfo);
    const next = filterLog(old, [entry(3), entry(4)], aboutPodinfo);
    expect(next.output.map((e) => e.seq)).toEqual([3]);
  });
});
