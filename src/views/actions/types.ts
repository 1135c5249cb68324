// What the action dialog and progress components are given: display-ready data (sanitised, commands
// already formatted), so they stay props-in views with no knowledge of the cluster or the actions layer.

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
  /** Who acts (the authenticated user, or a borrowed name labelled as such). */
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
