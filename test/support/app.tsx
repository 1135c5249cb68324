// The console as the component tests render it: over a fake port, not the demo, writable, no colour, no
// ticking, the clock stopped at the runbook's NOW. Only the terminal size differs from file to file.
import { render } from 'ink-testing-library';
import { afterEach } from 'vitest';
import { App, type AppProps } from '../../src/app.js';
import { NOW } from './runbook-rows.js';

export type RenderedApp = ReturnType<typeof render>;

/**
 * The App at `size` over `port`, with `extra` props on top (the App's own clock unless `extra` gives one).
 * The caller unmounts it.
 */
export function renderApp(
  port: AppProps['port'],
  size: NonNullable<AppProps['size']>,
  extra: Partial<AppProps> = {},
): RenderedApp {
  return render(
    <App port={port} demo={false} readonly={false} color={false} size={size} tickMs={0} {...extra} />,
  );
}

/**
 * Call at the top of a test file: returns `setup(port, extra)`, which renders the App at `size` with the
 * clock at NOW and `extra` props on top, and unmounts whatever it rendered after each test.
 */
export function appRenderer(size: NonNullable<AppProps['size']>) {
  let instance: RenderedApp | undefined;
  afterEach(() => instance?.unmount());
  return (port: AppProps['port'], extra: Partial<AppProps> = {}): RenderedApp => {
    instance = renderApp(port, size, { clock: () => NOW, ...extra });
    return instance;
  };
}
