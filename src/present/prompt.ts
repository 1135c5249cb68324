// A one-line text prompt (`:` command line, `/` filter, logs search) as state: the reducer lives with its
// key layer in src/hooks/use-prompt.ts, the view draws this.

export type PromptKind = 'command' | 'filter' | 'search';

export interface PromptState {
  readonly kind: PromptKind;
  readonly text: string;
  /** Highlighted suggestion (command line only). */
  readonly highlight: number;
}
