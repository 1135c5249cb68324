import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { Header, type HeaderProps, quietNote } from '../../src/views/header.js';

const props = (over: Partial<HeaderProps>): HeaderProps => ({
  info: {
    context: 'fluxdeck-sim',
    cluster: 'fluxdeck-sim',
    server: 'https://127.0.0.1:39417',
    user: 'admin',
    namespace: undefined,
    kubeconfigPath: '/tmp/kubeconfig',
  },
  namespace: undefined,
  demo: true,
  readonly: false,
  connection: 'live',
  lastEventAt: 1_000_000,
  counts: { total: 66, ready: 53, failing: 13, pending: 0, suspended: 2, alerting: 13 },
  alertThresholdMs: 15 * 60_000,
  now: 1_012_000,
  width: 80,
  color: false,
  banner: undefined,
  ...over,
});

describe('header', () => {
  it("says why it shows the context's namespace, while that namespace is shown", () => {
    const note = "the context's namespace: listing Flux objects cluster-wide is forbidden";
    const info = { ...props({}).info, namespace: 'apps', namespaceNote: note };
    const shown = render(<Header {...props({ info, namespace: 'apps', width: 200 })} />);
    expect(shown.lastFrame()).toContain(`ns apps (${note})`);
    const other = render(<Header {...props({ info, namespace: 'web', width: 200 })} />);
    expect(other.lastFrame()).toContain('ns web');
    expect(other.lastFrame()).not.toContain(note);
  });

  for (const [label, over] of [
    ['demo', {}],
    ['demo and read-only', { readonly: true }],
    ['reconnecting', { demo: false, connection: 'disconnected' as const }],
  ] as const) {
    it(`at 80 columns the context gives way, and the connection and a quiet watch stay whole (${label})`, () => {
      // 3m20s after the last event, at the start of a clock minute.
      const view = render(<Header {...props({ now: 1_200_000, ...over })} />);
      const first = (view.lastFrame() ?? '').split('\n')[0] ?? '';
      expect(first.length).toBeLessThanOrEqual(80);
      expect(first).toMatch(/ {2}(live|disconnected) {2}no events for 3m$/);
      expect(first).toContain('ctx fluxdeck-sim');
      view.unmount();
    });
  }

  it('says nothing of events while they keep coming, so a ticking clock does not repaint it', () => {
    const frames = [1_012_000, 1_017_000, 1_059_999].map((now) => {
      const view = render(<Header {...props({ now })} />);
      const first = (view.lastFrame() ?? '').split('\n')[0] ?? '';
      view.unmount();
      return first;
    });
    expect(frames[0]).toMatch(/ {2}live$/);
    expect(new Set(frames).size).toBe(1);
  });

  it('counts a silence in whole minutes, and says nothing without a time to count from', () => {
    expect(quietNote(1_000_000, 1_060_000)).toBe('no events for 1m');
    expect(quietNote(1_000_000, 1_000_000 + 9 * 60_000 + 59_000)).toBe('no events for 9m');
    expect(quietNote(1_000_000, 1_000_000 + 3 * 3_600_000 + 5 * 60_000 + 20_000)).toBe('no events for 3h5m');
    expect(quietNote(1_000_000, 1_059_999)).toBe('');
    expect(quietNote(0, 1_000_000)).toBe('');
  });

  it('moves on at the start of a clock minute, like every duration in whole minutes, not at the second of the last event', () => {
    // The last event came 40 s into a minute (1,000,000 ms = 16m40s); a 5 s clock ticks on.
    const notes: string[] = [];
    for (let now = 1_000_000 + 5 * 60_000; now <= 1_000_000 + 7 * 60_000; now += 5_000)
      notes.push(quietNote(1_000_000, now));
    const changes = notes.flatMap((note, i) => (i > 0 && note !== notes[i - 1] ? [i] : []));
    // 21:40 → 23:40 crosses the minutes at 22:00 and 23:00: two changes, at those ticks (4 and 16).
    expect(changes).toEqual([4, 16]);
    expect([notes[0], notes[4], notes[16]]).toEqual([
      'no events for 4m',
      'no events for 5m',
      'no events for 6m',
    ]);
  });

  it('shows pending apart from failing', () => {
    const view = render(
      <Header
        {...props({ counts: { total: 9, ready: 5, failing: 2, pending: 1, suspended: 1, alerting: 0 } })}
      />,
    );
    const second = (view.lastFrame() ?? '').split('\n')[1] ?? '';
    expect(second).toBe('ready 5  failing 2  pending 1  suspended 1  failing > 15m: 0  of 9 Flux objects');
    view.unmount();
  });

  it('with nothing readable, says why instead of counting zeros', () => {
    const unreadable =
      'no Flux object can be read: your user may not list any Flux kind at the cluster scope (forbidden) — see Failing';
    const view = render(
      <Header
        {...props({
          width: 120,
          counts: { total: 0, ready: 0, failing: 0, pending: 0, suspended: 0, alerting: 0 },
          unreadable,
        })}
      />,
    );
    const frame = view.lastFrame() ?? '';
    expect(frame.split('\n')[1]).toBe(`⚠ ${unreadable}`);
    expect(frame).not.toContain('of 0 Flux objects');
    view.unmount();
  });
});
