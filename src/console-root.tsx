// The console as the CLI mounts it: the Ink app with the runbook actions wired in (dialog layer,
// progress line, suspend ledger, audit log).
import type { ReactElement } from 'react';
import { App, type AppProps } from './app.js';
import { writeConsoleReport } from './commands/report-file.js';
import { useActionAppProps, useActions } from './hooks/use-actions.js';
import { useAllRows, useCluster } from './hooks/use-cluster.js';
import { useSessionData } from './hooks/use-session-data.js';

export interface ConsoleRootProps extends AppProps {
  /** `--audit-log`; default $XDG_STATE_HOME/fluxdeck/audit.log. */
  readonly auditLog: string | undefined;
  /** `--danger-context`: contexts matching it are shown in red in confirmations. */
  readonly dangerContext: string;
  /** Where `:report` writes (the demo's temporary folder); default the XDG state directory. */
  readonly stateDir?: string | undefined;
}

export function ConsoleRoot(props: ConsoleRootProps) {
  const { auditLog, dangerContext, stateDir, ...appProps } = props;
  const rows = useAllRows(useCluster(props.port));
  const actions = useActions({
    port: props.port,
    readonly: props.readonly,
    audit: { path: auditLog },
    dangerContext,
    rows,
  });
  const wired = useActionAppProps(actions, { color: props.color });
  const session = useSessionData(actions);
  return (
    <App
      {...appProps}
      {...wired}
      session={session}
      writeReport={() =>
        writeConsoleReport({
          port: props.port,
          auditPath: session.auditPath,
          location: { stateDir },
          now: (props.clock ?? Date.now)(),
        })
      }
      onQuit={() => {
        actions.abortAll();
        props.onQuit?.();
      }}
    />
  );
}

/** For the entry point, which must not load React itself before NODE_ENV is settled. */
export function consoleRootElement(props: ConsoleRootProps): ReactElement {
  return <ConsoleRoot {...props} />;
}
