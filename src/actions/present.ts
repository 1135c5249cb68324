// The dialog and the progress lines as data for the views (src/views/actions/types.ts mirrors these
// shapes; the hook hands one to the other, so the compiler keeps them in step): titles, targets and the
// formatted commands of a plan, the option values in words, elapsed times.
import type { ObjectRef } from '../flux/types.js';
import type { ClusterInfo } from '../kube/port.js';
import { formatCommand } from './commands.js';
import { type DialogKeyEffect, OPTION_KEYS } from './dialog-keys.js';
import { isFinished } from './lifecycle.js';
import type { ActionSession, RunEntry } from './session.js';
import type { ActionClock, ActionOptions, ActionPlan, OptionSpec } from './types.js';

export interface DialogOptionView {
  readonly id: string;
  readonly type: 'toggle' | 'text' | 'choice';
  readonly keyLabel: string;
  readonly label: string;
  readonly value: string;
}

export interface DialogView {
  readonly title: string;
  readonly targets: readonly string[];
  readonly context: string;
  readonly cluster: string;
  /** Who acts, as the audit log will record it. */
  readonly user?: string | undefined;
  readonly namespace: string;
  readonly dangerousContext: boolean;
  readonly steps: readonly string[];
  readonly commands: readonly string[];
  readonly warnings: readonly string[];
  readonly details?: { readonly title: string; readonly lines: readonly string[] } | undefined;
  readonly options: readonly DialogOptionView[];
  readonly refusal?: string | undefined;
  readonly editing?: { readonly label: string; readonly text: string } | undefined;
  readonly planning?: boolean;
}

export interface ProgressView {
  readonly id: string;
  readonly title: string;
  readonly phase: 'running' | 'succeeded' | 'failed' | 'timed-out' | 'cancelled';
  readonly step: number;
  readonly total: number;
  readonly label: string;
  readonly pending: string;
  readonly elapsedMs: number;
  readonly message: string;
}

/** As `flux reconcile --timeout` defaults. */
export const DEFAULT_TIMEOUT_MS = 5 * 60_000;
/** As the flux CLI polls; only used when the live snapshot does not carry the object. */
export const POLL_MS = 2000;

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

function optionView(spec: OptionSpec, options: ActionOptions): DialogOptionView {
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
): DialogView | undefined {
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

function progressModel(run: RunEntry, now: number): ProgressView | undefined {
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

export function progressModels(runs: readonly RunEntry[], now: number): readonly ProgressView[] {
  return runs.flatMap((r) => progressModel(r, now) ?? []);
}
