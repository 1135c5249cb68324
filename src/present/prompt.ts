// A one-line text prompt (`:` command line, `/` filter, logs search) as state: the reducer lives with its
// key layer in src/hooks/use-prompt.ts, the view draws this.
import { formatHint } from '../keymap.js';

export type PromptKind = 'command' | 'filter' | 'search';

export interface PromptState {
  readonly kind: PromptKind;
  readonly text: string;
  /** Highlighted suggestion (command line only). */
  readonly highlight: number;
}

/** The `/` filter in a table's title: `</kyverno>`. */
export function filterMark(filter: string): string {
  return `</${filter}>`;
}

/** What a table says when the `/` filter hides every row. */
export function noFilterMatch(filter: string): string {
  return `nothing matches /${filter} (${formatHint('back', 'clear the filter')})`;
}
