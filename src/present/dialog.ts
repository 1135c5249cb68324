// The action dialog and the progress lines as the views draw them — the one model of both: display-ready
// data (sanitised, commands already formatted), built from the actions' session, so the components stay
// props-in views with no knowledge of the cluster or the actions layer.

import { formatCommand } from '../actions/commands.js';
import { isFinished } from '../actions/lifecycle.js';
import type { ActionSession, RunEntry } from '../actions/session.js';
import type { ActionOptions, ActionPlan, OptionSpec } from '../actions/types.js';
import type { ObjectRef } from '../flux/types.js';
import { formatKeys, OPTION_COMMANDS } from '../keymap.js';
import type { ClusterInfo } from './cluster-types.js';
import type { DialogKeyEffect } from './dialog-keys.js';
import type { Paint } from './theme.js';

export type DialogOptionType = 'toggle' | 'text' | 'choice';

export interface DialogOption {
  readonly id: string;
  readonly type: DialogOptionType;
  /** The dialog's own key(s) for it, as shown, e.g. `f` or `←/→`. */
  readonly keyLabel: string;
  readonly label: string;
  /** The current value in words, e.g. `on`, `3 (deployed, chart 3.1.0)`, or the typed reason. */
  readonly value: string;
}

export interface DialogModel {
  readonly title: string;
  readonly targets: readonly string[];
  readonly context: string;
  readonly cluster: string;
  /** Who acts, as the audit log will record it. */
  readonly user?: string | undefined;
  readonly namespace: string;
  /** The context matches the danger pattern (default /prod/): shown in red. */
  readonly dangerousContext: boolean;
  readonly steps: readonly string[];
  /** Command lines, formatted for reading (never executed from here). */
  readonly commands: readonly string[];
  readonly warnings: readonly string[];
  /** Facts as read, e.g. the Helm history with decoded statuses. */
  readonly details?: { readonly title: string; readonly lines: readonly string[] } | undefined;
  readonly options: readonly DialogOption[];
  /** The action cannot run: this sentence is shown and any key closes the dialog. */
  readonly refusal?: string | undefined;
  /** The option whose text is being typed, with the text so far. */
  readonly editing?: { readonly label: string; readonly text: string } | undefined;
  /** Still reading the cluster to build the plan. */
  readonly planning?: boolean;
  /** The context asks for the name to be typed to confirm (config `confirmTyped`). */
  readonly typed?: TypedConfirmation | undefined;
}

/** A typed confirmation: what must be typed, what is typed so far. */
export interface TypedConfirmation {
  /** The object's name; for several objects, their number. */
  readonly expected: string;
  readonly text: string;
  /** `y` was pressed: keys are text now. */
  readonly active: boolean;
  /** Enter was pressed on something else than `expected`. */
  readonly wrong: boolean;
}

/** Where a dialog is in its typed confirmation (kept by the hook, fresh for every dialog). */
export interface TypedState {
  readonly active: boolean;
  readonly text: string;
  readonly wrong: boolean;
}

export const NOT_TYPED: TypedState = { active: false, text: '', wrong: false };

/** What must be typed to confirm an action on these objects: kubectl-style, the object's name; for several, how many. */
export function typedExpected(targets: readonly ObjectRef[]): string {
  return targets.length === 1 ? (targets[0]?.name ?? '') : String(targets.length);
}

/** The typed confirmation a dialog shows, when its action needs one. */
export function typedConfirmation(targets: readonly ObjectRef[], state: TypedState): TypedConfirmation {
  return { expected: typedExpected(targets), ...state };
}

export type ProgressPhase = 'running' | 'succeeded' | 'failed' | 'timed-out' | 'cancelled';

export interface ProgressModel {
  readonly id: string;
  readonly title: string;
  readonly phase: ProgressPhase;
  readonly step: number;
  readonly total: number;
  /** The running step in words (running only). */
  readonly label: string;
  /** What is still awaited (running) or was still pending (timed out). */
  readonly pending: string;
  readonly elapsedMs: number;
  /** The outcome sentence once finished. */
  readonly message: string;
}

/** What the app mounts over its layout for actions: the dialog (when one is open) and the progress lines. */
export interface ActionLayerModel {
  readonly dialog: DialogModel | undefined;
  readonly progress: readonly ProgressModel[];
  /** Lines the dialog body is scrolled down. */
  readonly scroll?: number;
  /** The commands key was pressed an odd number of times in this dialog (src/present/dialog-fit.ts). */
  readonly commandsToggled?: boolean;
  readonly width?: number | undefined;
  /** Terminal rows; default: the terminal's own. */
  readonly height?: number | undefined;
  readonly color?: Paint;
}

function toggleValue(on: boolean): string {
  return on ? 'on' : 'off';
}

function optionView(spec: OptionSpec, options: ActionOptions): DialogOption {
  const keyLabel = formatKeys(OPTION_COMMANDS[spec.id]);
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
  typed?: { readonly required: (action: string) => boolean; readonly state: TypedState },
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
    ...(plan.user !== undefined ? { user: plan.user } : {}),
    namespace: plan.namespace,
    dangerousContext: danger.test(plan.context),
    steps: plan.steps,
    commands: plan.commands.map(formatCommand),
    warnings: plan.warnings,
    details: plan.details,
    options: plan.optionSpecs.map((spec) => optionView(spec, plan.options)),
    refusal: plan.refusal,
    editing: editing && editedSpec ? { label: editedSpec.label, text: editing.text } : undefined,
    typed:
      typed?.required(plan.action) && plan.refusal === undefined
        ? typedConfirmation(plan.targets, typed.state)
        : undefined,
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

/**
 * Every action still running, and of the finished ones only the newest outcome: older outcomes are in
 * `:audit`, and a pile of them would hold a quarter of a 24-row screen.
 */
export function progressModels(runs: readonly RunEntry[], now: number): readonly ProgressModel[] {
  let newest: { readonly run: RunEntry; readonly at: number } | undefined;
  for (const run of runs) {
    const s = run.state;
    if (!isFinished(s)) continue;
    if (newest === undefined || s.finishedAt >= newest.at) newest = { run, at: s.finishedAt };
  }
  return runs.flatMap((r) =>
    r.state.phase === 'running' || r === newest?.run ? (progressModel(r, now) ?? []) : [],
  );
}
