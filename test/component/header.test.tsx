import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { Header, type HeaderProps } from '../../src/views/header.js';

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
  counts: { total: 66, ready: 53, failing: 13, suspended: 2, alerting: 13 },
  alertThresholdMs: 15 * 60_000,
  now: 1_012_000,
  width: 80,
  color: false,
  banner: undefined,
  ...over,
});

describe('header', () => {
  for (const [label, over] of [
    ['demo', {}],
    ['demo and read-only', { readonly: true }],
    ['reconnecting', { demo: false, connection: 'disconnected' as const }],
  ] as const) {
    it(`at 80 columns the context gives way, and the connection and last event stay whole (${label})`, () => {
      const view = render(<Header {...props(over)} />);
      const first = (view.lastFrame() ?? '').split('\n')[0] ?? '';
      expect(first.length).toBeLessThanOrEqual(80);
      expect(first).toMatch(/ {2}(live|disconnected) {2}last event 12s ago$/);
      expect(first).toContain('ctx fluxdeck-sim');
      view.unmount();
    });
  }
});
