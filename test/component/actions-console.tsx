// The console with the actions wired in as the CLI does it (useActions → useActionAppProps → App), over an
// AnsweringPort, the audit log in a scratch folder per test.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterEach, beforeEach } from 'vitest';
import { App, type AppProps } from '../../src/app.js';
import { type UseActionsOptions, useActionAppProps, useActions } from '../../src/hooks/use-actions.js';
import { NOW } from '../support/runbook-rows.js';
import type { AnsweringPort } from './actions-fake-port.js';

interface ConsoleProps {
  readonly port: AnsweringPort;
  readonly dir: string;
  readonly extra: Partial<AppProps>;
  readonly actions: Partial<UseActionsOptions>;
}

function Console({ port, dir, extra, actions: options }: ConsoleProps) {
  const actions = useActions({ port, readonly: false, audit: { path: join(dir, 'audit.log') }, ...options });
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

/**
 * Call at the top of a test file: returns `open(port, extra, actions)` — App props and useActions options on
 * top of the defaults — unmounted and cleaned up after each test; `auditPath()` is the test's audit log.
 */
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
  const open = (
    port: AnsweringPort,
    extra: Partial<AppProps> = {},
    actions: Partial<UseActionsOptions> = {},
  ) => {
    instance = render(<Console port={port} dir={dir} extra={extra} actions={actions} />);
    return instance;
  };
  return Object.assign(open, { auditPath: () => join(dir, 'audit.log') });
}
