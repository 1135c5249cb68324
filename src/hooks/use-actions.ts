// React glue for the runbook actions: opens the dialog with a plan, edits its options, runs confirmed
// plans in the background (the console stays usable), and exposes progress, the suspend ledger and this
// session's audit entries. Renders nothing: the app draws the dialog and progress from `overlay`, and
// its key dispatcher offers keys to `handleDialogKey` first while `dialogOpen`.
import type { Key } from 'ink';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState, useSyncExternalStore } from 'react';
import { type AuditEntry, AuditLog, type AuditOptions, auditLogPath } from '../actions/audit.js';
import { type SuspendedEntry, SuspendLedger } from '../actions/ledger.js';
import { actor } from '../actions/plan-common.js';
import { auditCancelled, planAction, rebuildPlan, runAction } from '../actions/registry.js';
import { DEFAULT_TIMEOUT_MS, dangerPattern, POLL_MS, realClock } from '../actions/run-defaults.js';
import { EMPTY_SESSION, newestFinishedAt, runningCount, sessionReducer } from '../actions/session.js';
import type { ActionClock, ActionContext, ActionId, ActionOptions } from '../actions/types.js';
import type { ObjectRef, StatusRow } from '../flux/types.js';
import { ACTION_OF, type ActionCommand, commandOfAction, formatKeys } from '../keymap.js';
import type { ClusterPort } from '../kube/port.js';
import {
  type ActionLayerModel,
  type DialogModel,
  dialogModel,
  editedOptions,
  NOT_TYPED,
  type ProgressModel,
  progressModels,
  type TypedState,
  typedExpected,
} from '../present/dialog.js';
import { dialogKey } from '../present/dialog-keys.js';
import type { Paint } from '../present/theme.js';

export interface UseActionsOptions {
  readonly port: ClusterPort;
  readonly readonly: boolean;
  /** Where the audit log goes (`--audit-log`), or an AuditLog to share. */
  readonly audit?: AuditOptions | AuditLog;
  /** The rows on screen (all kinds): the dependency graph for "fix chain" is built from them. */
  readonly rows?: readonly StatusRow[];
  /** `--danger-context`: a context matching it is shown in red. Default `prod`. */
  readonly dangerContext?: string;
  /** How the console's action keys read, e.g. resume → `u`; default: from the key table (src/keymap.ts). */
  readonly keyLabel?: (action: ActionId) => string | undefined;
  readonly ledger?: SuspendLedger;
  readonly clock?: ActionClock;
  readonly timeoutMs?: number;
  /** How long a finished result stays on the progress line (on `clock`'s timers); default a minute. */
  readonly resultTtlMs?: number;
  /** Actions whose confirmation asks for the object's name to be typed (config `confirmTyped`). */
  readonly confirmTyped?: readonly string[];
}

export interface ActionsApi {
  /** Opens the dialog for a runbook key command (`reconcile`, `reconcileWithSource` …); false when ignored. */
  readonly request: (command: ActionCommand, targets: readonly ObjectRef[]) => boolean;
  readonly dialog: DialogModel | undefined;
  /** Lines the dialog body is scrolled down (↑/↓ while it is open). */
  readonly dialogScroll: number;
  /** The commands key flipped the dialog's fold of its equivalent commands. */
  readonly commandsToggled: boolean;
  readonly dialogOpen: boolean;
  /** The dialog's name is being typed (its keys are text). */
  readonly typing: boolean;
  /**
   * For the app's key dispatcher, offered every key: true when the key was the dialog's (every key is, while
   * it is open); with no dialog open a key clears the outcome line and goes on to the console.
   */
  readonly handleDialogKey: (input: string, key: Key) => boolean;
  readonly confirm: () => void;
  readonly cancel: () => void;
  readonly setOptions: (change: Partial<ActionOptions>) => void;
  readonly progress: readonly ProgressModel[];
  /** Actions still running (the quit confirmation asks while > 0). */
  readonly running: number;
  readonly dismissResults: () => void;
  /** Stops waiting on every running action (quitting); requests already sent stay sent. */
  readonly abortAll: () => void;
  readonly ledger: readonly SuspendedEntry[];
  readonly audit: readonly AuditEntry[];
  readonly auditPath: string;
}

/** How the console's key table spells the key of an action, e.g. resume → `u`. */
export function keymapKeyLabel(action: ActionId): string | undefined {
  const command = commandOfAction(action);
  return command === undefined ? undefined : formatKeys(command, { first: true });
}

export function useActions(options: UseActionsOptions): ActionsApi {
  const [session, dispatch] = useReducer(sessionReducer, EMPTY_SESSION);
  const clock = options.clock ?? realClock;
  // Keyed by the file, not the options object: an inline `{ path }` must not start a new session log.
  const auditOption = options.audit;
  const auditKey = auditOption instanceof AuditLog ? auditOption : auditLogPath(auditOption ?? {});
  const audit = useMemo(
    () => (auditKey instanceof AuditLog ? auditKey : new AuditLog({ path: auditKey })),
    [auditKey],
  );
  const rows = useRef(options.rows);
  rows.current = options.rows;
  const ownLedger = useRef<SuspendLedger | undefined>(undefined);
  ownLedger.current ??= new SuspendLedger();
  const ledgerStore = options.ledger ?? ownLedger.current;
  const { port, readonly, timeoutMs } = options;
  const keyLabel = options.keyLabel ?? keymapKeyLabel;
  const ctx: ActionContext = useMemo(
    () => ({
      port,
      readonly,
      clock,
      // Read at each use: the port learns who the server says we are after it opened (identity.ts).
      get user() {
        return actor(port.info);
      },
      timeoutMs: timeoutMs ?? DEFAULT_TIMEOUT_MS,
      pollMs: POLL_MS,
      ledger: ledgerStore,
      keyLabel,
      rows: () => rows.current,
    }),
    [port, readonly, clock, timeoutMs, ledgerStore, keyLabel],
  );
  const controllers = useRef(new Map<string, AbortController>());
  const planSeq = useRef(0);
  const runSeq = useRef(0);
  const [now, setNow] = useState(() => clock.now());

  const ledger = useSyncExternalStore(ledgerStore.subscribe, ledgerStore.getSnapshot);
  const auditEntries = useSyncExternalStore(audit.subscribe, audit.getSnapshot);

  const request = useCallback(
    (command: ActionCommand, targets: readonly ObjectRef[]): boolean => {
      const action = ACTION_OF[command];
      const phase = session.dialog.phase;
      if (phase === 'planning' || phase === 'confirming') return false;
      const seq = ++planSeq.current;
      dispatch({ type: 'dialog', event: { type: 'request', action, targets } });
      void planAction(action, targets, ctx).then((plan) => {
        if (seq === planSeq.current) dispatch({ type: 'dialog', event: { type: 'planned', plan } });
      });
      return true;
    },
    [ctx, session.dialog.phase],
  );

  const cancel = useCallback(() => {
    planSeq.current += 1;
    const state = session.dialog;
    if (state.phase === 'confirming') void auditCancelled(state.plan, ctx, audit);
    dispatch({ type: 'decline', id: `declined-${++runSeq.current}`, at: clock.now() });
  }, [session.dialog, ctx, audit, clock]);

  const typedActions = options.confirmTyped;
  const typedRequired = useCallback(
    (action: string) => typedActions?.includes(action) ?? false,
    [typedActions],
  );
  const [typed, setTyped] = useState<TypedState>(NOT_TYPED);

  const confirm = useCallback(() => {
    const state = session.dialog;
    if (state.phase !== 'confirming' || state.plan.refusal !== undefined) return;
    // However it was reached: an action whose name must be typed runs only on the exact name.
    if (typedRequired(state.plan.action) && typed.text !== typedExpected(state.plan.targets)) return;
    const id = `run-${++runSeq.current}`;
    const controller = new AbortController();
    controllers.current.set(id, controller);
    const runCtx: ActionContext = { ...ctx, signal: controller.signal };
    dispatch({ type: 'start', id, at: clock.now() });
    void runAction(
      state.plan,
      runCtx,
      (progress) => dispatch({ type: 'run', id, event: { type: 'progress', progress } }),
      audit,
    ).then((outcome) => {
      controllers.current.delete(id);
      dispatch({ type: 'run', id, event: { type: 'finish', outcome, at: clock.now() } });
    });
  }, [session.dialog, ctx, audit, clock, typedRequired, typed.text]);

  const setOptions = useCallback(
    (change: Partial<ActionOptions>) => {
      const state = session.dialog;
      if (state.phase !== 'confirming') return;
      const plan = rebuildPlan(state.plan, ctx, { ...state.plan.options, ...change });
      dispatch({ type: 'dialog', event: { type: 'planned', plan } });
    },
    [session.dialog, ctx],
  );

  const pattern = useMemo(() => dangerPattern(options.dangerContext), [options.dangerContext]);
  const dialog = useMemo(
    () => dialogModel(session, pattern, options.port.info, { required: typedRequired, state: typed }),
    [session, pattern, options.port.info, typedRequired, typed],
  );

  // How far the dialog body is scrolled. A new dialog starts at the top; changing an option (another
  // rollback revision) keeps the place, so the commands being compared stay in view.
  const [dialogScroll, setDialogScroll] = useState(0);
  // Likewise whether the commands key flipped the fold: a new dialog starts as its fit decides.
  const [commandsToggled, setCommandsToggled] = useState(false);
  const isOpen = dialog !== undefined;
  useEffect(() => {
    if (isOpen) {
      setDialogScroll(0);
      setCommandsToggled(false);
      setTyped(NOT_TYPED);
    }
  }, [isOpen]);

  const handleDialogKey = useCallback(
    (input: string, key: Key): boolean => {
      if (!dialog) {
        // The outcome line has been seen once the user presses on: it leaves (`:audit` keeps it).
        dispatch({ type: 'dismiss-finished' });
        return false;
      }
      const effect = dialogKey(dialog, input, key);
      const state = session.dialog;
      switch (effect.type) {
        case 'confirm':
          confirm();
          break;
        case 'cancel':
          cancel();
          break;
        case 'text':
          if (session.editing)
            dispatch({ type: 'edit', editing: { id: session.editing.id, text: effect.text } });
          break;
        case 'edit':
          if (state.phase === 'confirming') {
            dispatch({ type: 'edit', editing: { id: effect.id, text: state.plan.options.reason } });
          }
          break;
        case 'done':
          if (session.editing) setOptions({ reason: session.editing.text });
          dispatch({ type: 'edit', editing: undefined });
          break;
        case 'toggle':
        case 'cycle':
          if (state.phase === 'confirming') setOptions(editedOptions(state.plan, effect));
          break;
        case 'scroll':
          setDialogScroll((s) => Math.max(0, s + effect.delta));
          break;
        case 'commands':
          setCommandsToggled((t) => !t);
          break;
        case 'typeStart':
          setTyped({ active: true, text: '', wrong: false });
          break;
        case 'typed':
          setTyped({ active: true, text: effect.text, wrong: effect.wrong === true });
          break;
      }
      return true;
    },
    [dialog, session, confirm, cancel, setOptions],
  );

  const running = runningCount(session);
  const ttl = options.resultTtlMs ?? 60_000;
  useEffect(() => {
    if (running === 0) return undefined;
    // Elapsed time on the progress line, once a second while an action runs.
    let handle: unknown;
    const tick = () => {
      setNow(clock.now());
      handle = clock.setTimeout(tick, 1000);
    };
    handle = clock.setTimeout(tick, 1000);
    return () => clock.clearTimeout(handle);
  }, [running, clock]);

  // The outcome line leaves after a while even if no key is pressed (`:audit` keeps it).
  const newestFinish = newestFinishedAt(session);
  useEffect(() => {
    if (newestFinish === undefined) return undefined;
    const handle = clock.setTimeout(
      () => dispatch({ type: 'prune', before: newestFinish + 1 }),
      Math.max(0, newestFinish + ttl - clock.now()),
    );
    return () => clock.clearTimeout(handle);
  }, [newestFinish, clock, ttl]);

  const progress = useMemo(
    () => progressModels(session.runs, Math.max(now, clock.now())),
    [session.runs, now, clock],
  );

  return {
    request,
    dialog,
    dialogScroll,
    commandsToggled,
    dialogOpen: dialog !== undefined,
    typing: dialog?.typed?.active === true,
    handleDialogKey,
    confirm,
    cancel,
    setOptions,
    progress,
    running,
    dismissResults: useCallback(() => dispatch({ type: 'dismiss-finished' }), []),
    abortAll: useCallback(() => {
      for (const c of controllers.current.values()) c.abort();
    }, []),
    ledger,
    audit: auditEntries,
    auditPath: audit.path,
  };
}

/** What src/app.tsx takes from the actions (AppProps: onAction, busy, suspendedThisSession, overlay, dialog). */
export interface ActionAppProps {
  readonly onAction: (command: ActionCommand, targets: readonly { readonly ref: ObjectRef }[]) => void;
  readonly busy: boolean;
  readonly suspendedThisSession: readonly ObjectRef[];
  /** The dialog and progress lines for the app to draw over its layout. */
  readonly overlay: ActionLayerModel;
  readonly dialog: DialogProps;
}

/** While `open`, every key goes to `onKey` first; `typing`: the name to confirm is being typed. */
export interface DialogProps {
  readonly open: boolean;
  readonly typing?: boolean;
  readonly onKey: (input: string, key: Key) => boolean;
}

/** The App's action props from useActions, stable between renders while nothing changes. */
export function useActionAppProps(
  actions: ActionsApi,
  view: {
    readonly color: Paint;
    readonly width?: number | undefined;
    /** Terminal rows; the dialog never grows past them (default: the terminal's). */
    readonly height?: number | undefined;
  },
): ActionAppProps {
  const {
    request,
    ledger,
    dialog,
    dialogScroll,
    commandsToggled,
    progress,
    dialogOpen,
    typing,
    handleDialogKey,
    running,
  } = actions;
  const onAction = useCallback(
    (command: ActionCommand, targets: readonly { readonly ref: ObjectRef }[]) => {
      request(
        command,
        targets.map((t) => t.ref),
      );
    },
    [request],
  );
  const suspendedThisSession = useMemo(() => ledger.map((e) => e.ref), [ledger]);
  const overlay = useMemo(
    () =>
      ({
        dialog,
        progress,
        scroll: dialogScroll,
        commandsToggled,
        color: view.color,
        width: view.width,
        height: view.height,
      }) satisfies ActionLayerModel,
    [dialog, dialogScroll, commandsToggled, progress, view.color, view.width, view.height],
  );
  const dialogProps = useMemo(
    () => ({ open: dialogOpen, typing, onKey: handleDialogKey }),
    [dialogOpen, typing, handleDialogKey],
  );
  return { onAction, busy: running > 0, suspendedThisSession, overlay, dialog: dialogProps };
}
