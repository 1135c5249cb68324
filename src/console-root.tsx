// The console as the CLI mounts it: the Ink app with the runbook actions wired in (dialog layer,
// progress line, suspend ledger, audit log), the config file's plugins, and the terminal hand-over hooked
// to Ink's screen.
import { useApp } from 'ink';
import { type ReactElement, useEffect, useMemo } from 'react';
import { AuditLog } from './actions/audit.js';
import type { Plugin } from './actions/plugin.js';
import type { BackgroundRuns } from './actions/plugin-background.js';
import { App, type AppProps } from './app.js';
import { writeConsoleReport } from './commands/report-file.js';
import { useActionAppProps, useActions } from './hooks/use-actions.js';
import { useAllRows, useCluster } from './hooks/use-cluster.js';
import { useSessionData } from './hooks/use-session-data.js';
import { PROCESS_TERMINAL, type TerminalHandover } from './kube/terminal-access.js';

export interface ConsoleRootProps extends AppProps {
  /** `--audit-log`; default $XDG_STATE_HOME/fluxdeck/audit.log. */
  readonly auditLog: string | undefined;
  /** `--danger-context`: contexts matching it are shown in red in confirmations. */
  readonly dangerContext: string;
  /** Where `:report` writes (the demo's temporary folder); default the XDG state directory. */
  readonly stateDir?: string | undefined;
  /** The config file's plugins for this context. */
  readonly pluginList?: readonly Plugin[] | undefined;
  /** Actions and plugins whose confirmation asks for the object's name to be typed (config `confirmTyped`). */
  readonly confirmTyped?: readonly string[] | undefined;
  /** Handing the terminal to a terminal plugin or an interactive exec credential plug-in (the screen paused). */
  readonly terminal?: TerminalHandover | undefined;
  /** The process's background plugin runs, which the CLI stops and waits for before it exits. */
  readonly backgroundRuns?: BackgroundRuns | undefined;
}

/** A context's console as its rules make it; the entry point adds how `:ctx` lists and switches contexts. */
export type ContextConsoleProps = Omit<ConsoleRootProps, 'listContexts' | 'onSwitchContext'>;

export function ConsoleRoot(props: ConsoleRootProps) {
  const {
    auditLog,
    dangerContext,
    stateDir,
    pluginList,
    confirmTyped,
    terminal,
    backgroundRuns,
    ...appProps
  } = props;
  const rows = useAllRows(useCluster(props.port));
  // One log for the actions and the plugins.
  const audit = useMemo(() => new AuditLog({ path: auditLog }), [auditLog]);
  const { suspendTerminal } = useApp();
  useEffect(() => terminal?.attach((use) => suspendTerminal(use)), [terminal, suspendTerminal]);
  const actions = useActions({
    port: props.port,
    readonly: props.readonly,
    audit,
    dangerContext,
    rows,
    ...(confirmTyped ? { confirmTyped } : {}),
  });
  const plugins = useMemo(
    () =>
      pluginList && pluginList.length > 0
        ? {
            list: pluginList,
            audit,
            terminal: terminal ?? PROCESS_TERMINAL,
            confirmTyped,
            dangerContext,
            background: backgroundRuns,
          }
        : undefined,
    [pluginList, audit, terminal, confirmTyped, dangerContext, backgroundRuns],
  );
  const wired = useActionAppProps(actions, { color: props.color });
  const session = useSessionData(actions);
  return (
    <App
      {...appProps}
      {...wired}
      session={session}
      plugins={plugins}
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
