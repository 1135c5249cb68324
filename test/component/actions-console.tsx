// The console with the actions wired in as the CLI does it (useActions → useActionAppProps → App), over an
// AnsweringPort, the audit log in a scratch folder per test.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterEach, beforeEach } from 'vitest';
import { App, type AppProps } from '../../src/app.js';
import { useActionAppProps, useActions } from '../../src/hooks/use-actions.js';
import { NOW } from '../support/runbook-rows.js';
import type { AnsweringPort } from './actions-fake-port.js';

function Console({ port, dir, extra }: { port: AnsweringPort; dir: string; extra: Partial<AppProps> }) {
  const actions = useActions({ port, readonly: false, audit: { path: join(dir, 'audit.log') } });
  const wired = useActionAppProps(actions, { color: false });
  return (
    <App
      port={port}
      demo={false}
      readonly={false}
      color={false}
      size={{ columns: 140, rows: 30 }}
      tickMs={0}
      clock={() => NOW}
      {...extra}
      {...wired}
    />
  );
}

/** Call at the top of a test file: returns `open(port, extra)`, unmounted and cleaned up after each test. */
export function actionsConsole() {
  let dir = '';
  let instance: ReturnType<typeof render> | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fluxdeck-actions-console-'));
  });
  afterEach(async () => {
    instance?.unmount();
    instance = undefined;
    await rm(dir, { recursive: true, force: true });
  });
  return (port: AnsweringPort, extra: Partial<AppProps> = {}) => {
    instance = render(<Console port={port} dir={dir} extra={extra} />);
    return instance;
  };
}
