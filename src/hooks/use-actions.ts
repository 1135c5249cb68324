// React glue for the runbook actions: opens the dialog with a plan, edits its options, runs confirmed
// plans in the background (the console stays usable), and exposes progress, the suspend ledger and this
// session's audit entries. Renders nothing: the app mounts <ActionLayer> with `dialog` and `progress`, and
// its key dispatcher offers keys to `handleDialogKey` first while `dialogOpen`.
import type { Key } from 'ink';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState, useSyncExternalStore } from 'react';
import { type AuditEntry, AuditLog, type AuditOptions, auditLogPath } from '../actions/audit.js';
import { actionForCommand } from '../actions/command-ids.js';
import { formatCommand } from '../actions/commands.js';
import { type SuspendedEntry, SuspendLedger } from '../actions/ledger.js';
import { isFinished } from '../actions/lifecycle.js';
import { actor } from '../actions/plan-common.js';
import { auditCancelled, planAction, rebuildPlan, runAction } from '../actions/registry.js';
import {
  type ActionSession,
  EMPTY_SESSION,
  type RunEntry,
  runningCount,
  sessionReducer,
} from '../actions/session.js';
import type {
  ActionClock,
  ActionContext,
  ActionId,
  ActionOptions,
  ActionPlan,
  OptionSpec,
} from '../actions/types.js';
import type { ObjectRef, StatusRow } from '../flux/types.js';
import type { ClusterInfo, ClusterPort } from '../kube/port.js';
import { type DialogKeyEffect, dialogKey, OPTION_KEYS } from '../views/actions/dialog-keys.js';
import type { DialogModel, DialogOption, ProgressModel } from '../views/actions/types.js';

export interface UseActionsOptions {
  readonly port: ClusterPort;
  readonly readonly: boolean;
  /** Where the audit log goes (`--audit-log`), or an AuditLog to share. */
  readonly audit?: AuditOptions | AuditLog;
  /** The rows on screen (all kinds): the dependency graph for "fix chain" is built from them. */
  readonly rows?: readonly StatusRow[];
  /** `--danger-context`: a context matching it is shown in red. Default `prod`. */
  readonly dangerContext?: string;
  /** How the console's action keys read, e.g. resume → `u` (formatKeys from the key table). */
  readonly keyLabel?: (action: ActionId) => string | undefined;
  readonly ledger?: SuspendLedger;
  readonly clock?: ActionClock;
  readonly timeoutMs?: number;
  /** How long a finished result stays on the progress line. */
  readonly resultTtlMs?: number;
}

export interface ActionsApi {
  /** Opens the dialog for a key command (`reconcile`, `reconcileWithSource` …) or action id; false when ignored. */
  readonly request: (command: string, targets: readonly ObjectRef[]) => boolean;
  readonly dialog: DialogModel | undefined;
  readonly dialogOpen: boolean;
  /** For the app's key dispatcher: true when the key was the dialog's (every key is, while it is open). */
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

/** As `flux reconcile --timeout` defaults. */
export const DEFAULT_TIMEOUT_MS = 5 * 60_000;
/** As the flux CLI polls; only used when the live snapshot does not carry the object. */
const POLL_MS = 2000;

export const realClock: ActionClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** `--danger-context` as a regular expression; an invalid one falls back to the default /prod/. */
export function dangerPattern(source: string | undefined): RegExp {
  try {
    return new RegExp(source ?? 'prod');
  } catch {
    return /prod/;
  }
}

function toggleValue(on: boolean): string {
  return on ? 'on' : 'off';
}

function optionView(spec: OptionSpec, options: ActionOptions): DialogOption {
  const keyLabel = OPTION_KEYS[spec.id]?.label ?? '';
  switch (spec.type) {
    case 'toggle':
      return {
        id: spec.id,
        type: 'toggle',
        keyLabel,
        label: spec.label,
        value: toggleValue(options[spec.id]),
      };
    case 'text':
      return { id: spec.id, type: 'text', keyLabel, label: spec.label, value: options.reason };
    case 'choice': {
      const chosen = spec.choices.find((c) => c.value === options.revision);
      return {
        id: spec.id,
        type: 'choice',
        keyLabel,
        label: spec.label,
        value: chosen?.label ?? String(options.revision ?? ''),
      };
    }
  }
}

function targetText(ref: ObjectRef): string {
  return `${ref.kind} ${ref.namespace}/${ref.name}`;
}

/** The dialog as the view draws it, from the session's dialog lifecycle; undefined when none is open. */
export function dialogModel(
  session: ActionSession,
  danger: RegExp,
  info: ClusterInfo,
): DialogModel | undefined {
  const state = session.dialog;
  const dangerousContext = danger.test(info.context);
  if (state.phase === 'planning') {
    return {
      title: 'Planning…',
      targets: state.targets.map(targetText),
      context: info.context,
      cluster: info.cluster,
      namespace: [...new Set(state.targets.map((t) => t.namespace))].join(', '),
      dangerousContext,
      steps: [],
      commands: [],
      warnings: [],
      options: [],
      planning: true,
    };
  }
  if (state.phase !== 'confirming') return undefined;
  const plan = state.plan;
  const editing = session.editing;
  const editedSpec = editing ? plan.optionSpecs.find((o) => o.id === editing.id) : undefined;
  return {
    title: plan.title,
    targets: plan.targets.map(targetText),
    context: plan.context,
    cluster: plan.cluster,
    namespace: plan.namespace,
    dangerousContext: danger.test(plan.context),
    steps: plan.steps,
    commands: plan.commands.map(formatCommand),
    warnings: plan.warnings,
    details: plan.details,
    options: plan.optionSpecs.map((spec) => optionView(spec, plan.options)),
    refusal: plan.refusal,
    editing: editing && editedSpec ? { label: editedSpec.label, text: editing.text } : undefined,
  };
}

/** The options after a toggle or a step through the choices. */
export function editedOptions(plan: ActionPlan, effect: DialogKeyEffect): Partial<ActionOptions> {
  if (effect.type === 'toggle') {
    const id = effect.id as 'force' | 'reset' | 'leaveSuspended' | 'resume';
    return { [id]: !plan.options[id] };
  }
  if (effect.type !== 'cycle') return {};
  const spec = plan.optionSpecs.find((o) => o.id === effect.id);
  if (spec?.type !== 'choice' || spec.choices.length === 0) return {};
  const index = spec.choices.findIndex((c) => c.value === plan.options.revision);
  const next = (index + effect.delta + spec.choices.length) % spec.choices.length;
  return { revision: spec.choices[next]?.value };
}

function progressModel(run: RunEntry, now: number): ProgressModel | undefined {
  const s = run.state;
  if (s.phase === 'running') {
    return {
      id: run.id,
      title: s.plan.title,
      phase: 'running',
      step: s.progress?.step ?? 0,
      total: s.progress?.total ?? 0,
      label: s.progress?.label ?? '',
      pending: s.progress?.pending ?? '',
      elapsedMs: Math.max(0, now - s.startedAt),
      message: '',
    };
  }
  if (!isFinished(s)) return undefined;
  return {
    id: run.id,
    title: s.plan.title,
    phase: s.phase,
    step: 0,
    total: 0,
    label: '',
    pending: s.phase === 'timed-out' ? s.pending : '',
    elapsedMs: Math.max(0, s.finishedAt - (s.startedAt ?? s.finishedAt)),
    message: s.message,
  };
}

export function progressModels(runs: readonly RunEntry[], now: number): readonly ProgressModel[] {
  return runs.flatMap((r) => progressModel(r, now) ?? []);
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
  const { port, readonly, keyLabel, timeoutMs } = options;
  const ctx: ActionContext = useMemo(
    () => ({
      port,
      readonly,
      clock,
      user: actor(port.info),
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
    (command: string, targets: readonly ObjectRef[]): boolean => {
      const action = actionForCommand(command);
      const phase = session.dialog.phase;
      if (!action || phase === 'planning' || phase === 'confirming') return false;
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

  const confirm = useCallback(() => {
    const state = session.dialog;
    if (state.phase !== 'confirming' || state.plan.refusal !== undefined) return;
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
  }, [session.dialog, ctx, audit, clock]);

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
    () => dialogModel(session, pattern, options.port.info),
    [session, pattern, options.port.info],
  );

  const handleDialogKey = useCallback(
    (input: string, key: Key): boolean => {
      if (!dialog) return false;
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
      }
      return true;
    },
    [dialog, session, confirm, cancel, setOptions],
  );

  const running = runningCount(session);
  const ttl = options.resultTtlMs ?? 60_000;
  const hasEntries = session.runs.length > 0;
  useEffect(() => {
    if (!hasEntries) return undefined;
    // Elapsed time on the progress line, and results leaving it after a while.
    const timer = setInterval(() => {
      const t = clock.now();
      setNow(t);
      dispatch({ type: 'prune', before: t - ttl });
    }, 1000);
    return () => clearInterval(timer);
  }, [hasEntries, clock, ttl]);

  const progress = useMemo(
    () => progressModels(session.runs, Math.max(now, clock.now())),
    [session.runs, now, clock],
  );

  return {
    request,
    dialog,
    dialogOpen: dialog !== undefined,
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
