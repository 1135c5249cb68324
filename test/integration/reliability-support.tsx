// The console as the reliability suites see it: the real App on a real ClusterPort, 120x40, no colour,
// no ticking clock, so every frame is a consequence of the cluster or a key.
import { render } from 'ink-testing-library';
import { App } from '../../src/app.js';
import type { ClusterPort } from '../../src/kube/port.js';

export function renderConsole(port: ClusterPort, initialView: string, clock?: () => number) {
  return render(
    <App
      port={port}
      demo={false}
      readonly={false}
      color={false}
      size={{ columns: 120, rows: 40 }}
      tickMs={0}
      {...(clock ? { clock } : {})}
      initialView={initialView}
    />,
  );
}
