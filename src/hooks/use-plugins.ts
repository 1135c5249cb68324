// React glue for plugins (src/actions/plugin.ts): a plugin's key where the user works runs it on the object
// in focus — after its confirmation when it asks for one (or the context wants its name typed) —, refused in
// read-only contexts when it changes the cluster. A pane plugin's output fills a pane over the body while it
// runs (esc stops it and closes the pane); a terminal plugin gets the terminal and the console comes back
// after; a background plugin runs beside the console, several at once, and quitting asks first, then stops
// them. Each run's outcome is said on the flash line; the audit log has start, exit code and duration.
import type { Key } from 'ink';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AuditLog } from '../actions/audit.js';
import { actor } from '../actions/plan-common.js';
import {
  type Plugin,
  type PluginColumns,
  type PluginPlace,
  pluginCommand,
  pluginForKey,
  pluginValues,
} from '../actions/plugin.js';
import { BackgroundRuns } from '../actions/plugin-background.js';
import { type PluginRunContext, type PluginRunRequest, program, runPlugin } from '../actions/plugin-run.js';
import { dangerPattern } from '../actions/run-defaults.js';
import type { StatusRow } from '../flux/types.js';
import { PLACE_SCOPES } from '../keymap.js';
import { formatCommand } from '../kube/exec.js';
import type { ClusterPort } from '../kube/port.js';
import type { TerminalAccess } from '../kube/terminal-access.js';
import { type DialogModel, NOT_TYPED, type TypedState, typedConfirmation } from '../present/dialog.js';
import { dialogKey } from '../present/dialog-keys.js';
import { MAX_PANE_TEXT, type PluginPaneModel, paneLines, paneMaxScroll } from '../present/plugin-pane.js';
import type { Tone } from '../present/theme.js';
import { LAYER, useKeyLayer } from './use-key-dispatch.js';

/** What the console needs to run the config file's plugins. */
export interface PluginSetup {
  readonly list: readonly Plugin[];
  /** Where runs are recorded: the actions' audit log. */
  readonly audit: AuditLog;
  /** Where a terminal plugin gets the terminal (the console's screen paused meanwhile). */
  readonly terminal: TerminalAccess;
  /** Plugins (by name) whose confirmation asks for the object's name to be typed. */
  readonly confirmTyped?: readonly string[] | undefined;
  /** `--danger-context`: a matching context's confirmation is drawn in red. */
  readonly dangerContext?: string | undefined;
  /** Runs the process; default src/kube/exec.ts runProcess (tests pass a fake). */
  readonly runProcess?: PluginRunContext['runProcess'];
  /** The process's background runs (the CLI stops and waits for them before it exits); default: the console's own. */
  readonly background?: BackgroundRuns | undefined;
}

export interface UsePluginsOptions {
  readonly setup: PluginSetup | undefined;
  readonly port: ClusterPort;
  readonly readonly: boolean;
  /** Where the keys go now: the table, the details or the logs pane. */
  readonly place: PluginPlace;
  /** The object in focus (the details object, else the selected row). */
  readonly row: StatusRow | undefined;
  /** The object's row in the table beneath, for `$COL-…` (asked when a key is pressed). */
  readonly columns?: (() => PluginColumns) | undefined;
  readonly flash: (text: string, tone?: Tone) => void;
  /** The pane's rows now (for scrolling; known after the layout, which needs the hints first). */
  readonly paneHeight: () => number;
  readonly now?: () => number;
}

interface DialogState {
  readonly request: PluginRunRequest;
  readonly typed: boolean;
  readonly typedState: TypedState;
  readonly scroll: number;
  readonly commandsToggled: boolean;
}

interface PaneState {
  readonly title: string;
  readonly program: string;
  readonly output: string;
  readonly running: boolean;
  readonly outcome: { readonly text: string; readonly ok: boolean } | undefined;
  readonly scroll: number | undefined;
}

export interface PluginsApi {
  readonly dialog: DialogModel | undefined;
  readonly dialogScroll: number;
  readonly commandsToggled: boolean;
  /** The App's dialog props while the plugin's confirmation is open. */
  readonly dialogProps:
    | { readonly open: true; readonly typing: boolean; readonly onKey: (input: string, key: Key) => boolean }
    | undefined;
  readonly pane: PluginPaneModel | undefined;
  /** The plugins whose keys work here, for this object (the hint line). */
  readonly here: readonly Plugin[];
  /** What runs in the background now, a reason each to ask before quitting. */
  readonly background: () => readonly string[];
  /** Stops every background run (the console quits). */
  readonly stopBackground: () => void;
}

const NONE: readonly Plugin[] = [];
const PAGE = 10;

export function usePlugins(o: UsePluginsOptions): PluginsApi {
  const { setup, port, readonly, place, row, flash } = o;
  const list = setup?.list ?? NONE;
  const now = o.now ?? Date.now;
  const [dialog, setDialog] = useState<DialogState | undefined>(undefined);
  const [pane, setPane] = useState<PaneState | undefined>(undefined);
  const abort = useRef<AbortController | undefined>(undefined);
  const columns = useRef(o.columns);
  columns.current = o.columns;
  // Not stopped when the console unmounts (the fleet's :fleet): quitting stops them, after asking.
  const own = useRef<BackgroundRuns | undefined>(undefined);
  own.current ??= new BackgroundRuns();
  const background = setup?.background ?? own.current;
  useEffect(() => () => abort.current?.abort(), []);
  // The ends of background runs while this console is up, its own and those a left console started (a
  // fleet's other context, named).
  const ownContext = port.info.context;
  useEffect(
    () =>
      background.listen((ended) =>
        flash(
          ended.context === ownContext ? ended.message : `${ended.context}: ${ended.message}`,
          ended.ok ? 'ok' : 'bad',
        ),
      ),
    [background, flash, ownContext],
  );

  const start = useCallback(
    (request: PluginRunRequest) => {
      if (!setup) return;
      const info = port.info;
      const ctx: PluginRunContext = {
        audit: setup.audit,
        terminal: setup.terminal,
        context: info.context,
        cluster: info.cluster,
        user: actor(info),
        kubeconfig: info.kubeconfigPath,
        now,
        ...(setup.runProcess ? { runProcess: setup.runProcess } : {}),
      };
      const { plugin, command } = request;
      if (plugin.output === 'terminal') {
        void runPlugin(request, ctx).then((outcome) => flash(outcome.message, outcome.ok ? 'ok' : 'bad'));
        return;
      }
      if (plugin.output === 'background') {
        flash(`plugin ${plugin.name}: ${program(command)} runs in the background`, 'busy');
        // Its end is said by the screen that is up then (listen above, or the fleet's).
        void background.start(`plugin ${plugin.name} (${program(command)})`, info.context, (signal) =>
          runPlugin(request, ctx, { signal }),
        );
        return;
      }
      abort.current?.abort();
      const controller = new AbortController();
      abort.current = controller;
      setPane({
        title: `plugin ${plugin.name}: ${formatCommand(command)}`,
        program: command.file,
        output: '',
        running: true,
        outcome: undefined,
        scroll: undefined,
      });
      const live = (update: (p: PaneState) => PaneState) =>
        setPane((p) => (p && abort.current === controller ? update(p) : p));
      void runPlugin(request, ctx, {
        signal: controller.signal,
        onOutput: (text) => live((p) => ({ ...p, output: (p.output + text).slice(-MAX_PANE_TEXT) })),
      }).then((outcome) => {
        live((p) => ({ ...p, running: false, outcome: { text: outcome.message, ok: outcome.ok } }));
        flash(outcome.message, outcome.ok ? 'ok' : 'bad');
      });
    },
    [setup, port, now, flash, background],
  );

  /** A plugin's key was pressed on `target`. */
  const request = useCallback(
    (plugin: Plugin, target: StatusRow) => {
      if (plugin.dangerous && readonly) {
        flash(
          `plugin ${plugin.name}: refused — it may change the cluster (dangerous: true) and this context is read-only`,
        );
        return;
      }
      if (pane?.running && plugin.output !== 'background') {
        flash(`plugin ${plugin.name}: the output pane's command still runs (esc stops it)`);
        return;
      }
      const info = port.info;
      const raw = port.getSnapshot().kinds.get(target.ref.kind)?.raw.get(target.key);
      const values = pluginValues({
        row: target,
        raw,
        context: info.context,
        cluster: info.cluster,
        user: info.user,
        kubeconfig: info.kubeconfigPath,
      });
      const built = pluginCommand(plugin, values, columns.current?.());
      if ('problem' in built) {
        flash(`plugin ${plugin.name}: ${built.problem}`);
        return;
      }
      if ('missing' in built) {
        flash(
          `plugin ${plugin.name}: ${built.missing.map((v) => `$${v}`).join(', ')} ${built.missing.length === 1 ? 'has' : 'have'} no value for ${target.ref.kind} ${target.ref.namespace}/${target.ref.name}${built.missing.includes('FLUX_NAME') ? ' (no Flux Kustomization or HelmRelease applied it)' : ''}`,
        );
        return;
      }
      const req: PluginRunRequest = { plugin, command: built.command, target: target.ref };
      const typed = setup?.confirmTyped?.includes(plugin.name) ?? false;
      if (plugin.confirm || typed) {
        setDialog({ request: req, typed, typedState: NOT_TYPED, scroll: 0, commandsToggled: false });
        return;
      }
      start(req);
    },
    [readonly, flash, pane?.running, port, setup?.confirmTyped, start],
  );

  // The plugin keys: only where no key of fluxdeck's is (the config file refuses such keys).
  const scopes = PLACE_SCOPES[place];
  useKeyLayer({ priority: LAYER.global, scopes, active: list.length > 0 }, (ev) => {
    if (ev.command !== undefined) return false;
    const plugin = pluginForKey(list, ev.name, place, row?.ref.kind);
    if (!plugin) return false;
    if (!row) flash(`plugin ${plugin.name}: select a Flux object first`);
    else request(plugin, row);
    return true;
  });

  // The output pane, like the help screen: its own keys; quitting and the command line still work.
  const lines = useMemo(() => paneLines(pane?.output ?? ''), [pane?.output]);
  useKeyLayer({ priority: LAYER.overlay, scopes: ['view', 'global'], active: pane !== undefined }, (ev) => {
    const maxScroll = paneMaxScroll(lines.length, o.paneHeight());
    const scrollBy = (delta: number) =>
      setPane((p) => {
        if (!p) return p;
        const next = Math.max(0, Math.min(maxScroll, (p.scroll ?? maxScroll) + delta));
        return { ...p, scroll: next >= maxScroll ? undefined : next };
      });
    switch (ev.command) {
      case 'back':
        abort.current?.abort();
        abort.current = undefined;
        setPane(undefined);
        return true;
      case 'up':
        scrollBy(-1);
        return true;
      case 'down':
        scrollBy(1);
        return true;
      case 'pageUp':
        scrollBy(-PAGE);
        return true;
      case 'pageDown':
        scrollBy(PAGE);
        return true;
      case 'top':
        setPane((p) => (p ? { ...p, scroll: 0 } : p));
        return true;
      case 'bottom':
        setPane((p) => (p ? { ...p, scroll: undefined } : p));
        return true;
      default:
        return ev.command !== 'quit' && ev.command !== 'command';
    }
  });

  const paneModel = useMemo<PluginPaneModel | undefined>(() => {
    if (!pane) return undefined;
    const binary = pane.program.split('/').pop() ?? pane.program;
    return {
      title: pane.title,
      status: pane.running ? `${binary} is running…` : (pane.outcome?.text ?? ''),
      tone: pane.running ? 'busy' : pane.outcome?.ok ? 'ok' : 'bad',
      lines,
      scroll: pane.scroll,
    };
  }, [pane, lines]);

  const danger = useMemo(() => dangerPattern(setup?.dangerContext), [setup?.dangerContext]);
  const dialogModel = useMemo<DialogModel | undefined>(() => {
    if (!dialog) return undefined;
    const { plugin, command, target } = dialog.request;
    const info = port.info;
    const runs = program(command);
    return {
      title: `Run plugin ${plugin.name}: ${plugin.description}`,
      targets: [`${target.kind} ${target.namespace}/${target.name}`],
      context: info.context,
      cluster: info.cluster,
      user: actor(info),
      namespace: target.namespace,
      dangerousContext: danger.test(info.context),
      steps: [
        plugin.output === 'terminal'
          ? `Hands the terminal to ${runs}; the console comes back when it exits.`
          : plugin.output === 'background'
            ? `Runs ${runs} in the background (its output is not shown); its outcome is said when it ends.`
            : `Runs ${runs} and shows its output here (esc stops it).`,
        `KUBECONFIG is the console's${info.kubeconfigPath ? ` (${info.kubeconfigPath})` : ''}; the run is recorded in the audit log.`,
      ],
      commands: [formatCommand(command)],
      warnings: plugin.dangerous
        ? ['This plugin may change the cluster (dangerous: true in the config file).']
        : [],
      options: [],
      typed: dialog.typed ? typedConfirmation([target], dialog.typedState) : undefined,
    };
  }, [dialog, port.info, danger]);

  const onDialogKey = useCallback(
    (input: string, key: Key): boolean => {
      if (!dialog || !dialogModel) return false;
      const effect = dialogKey(dialogModel, input, key);
      switch (effect.type) {
        case 'confirm':
          setDialog(undefined);
          start(dialog.request);
          break;
        case 'cancel':
          setDialog(undefined);
          flash(`plugin ${dialog.request.plugin.name}: cancelled, nothing was run`);
          break;
        case 'typeStart':
          setDialog({ ...dialog, typedState: { active: true, text: '', wrong: false } });
          break;
        case 'typed':
          setDialog({
            ...dialog,
            typedState: { active: true, text: effect.text, wrong: effect.wrong === true },
          });
          break;
        case 'scroll':
          setDialog({ ...dialog, scroll: Math.max(0, dialog.scroll + effect.delta) });
          break;
        case 'commands':
          setDialog({ ...dialog, commandsToggled: !dialog.commandsToggled });
          break;
        default:
          break;
      }
      return true;
    },
    [dialog, dialogModel, start, flash],
  );

  // Offered only with an object to run on (the events and pods tables have none).
  const kind = row?.ref.kind;
  const here = useMemo(
    () =>
      kind === undefined
        ? NONE
        : list.filter(
            (p) =>
              p.places.includes(place) &&
              !(readonly && p.dangerous) &&
              (p.kinds === undefined || p.kinds.includes(kind)),
          ),
    [list, place, readonly, kind],
  );

  return {
    dialog: dialogModel,
    dialogScroll: dialog?.scroll ?? 0,
    commandsToggled: dialog?.commandsToggled ?? false,
    dialogProps: dialogModel
      ? { open: true, typing: dialogModel.typed?.active === true, onKey: onDialogKey }
      : undefined,
    pane: paneModel,
    here,
    background: () => background.running().map((what) => `${what} is still running: quitting stops it`),
    stopBackground: () => void background.stopAll(),
  };
}
