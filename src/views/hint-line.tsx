// The bottom line: the keys that work right now, from the key table (dangerous ones hidden in --readonly).
import { Text } from 'ink';
import { formatHint, type Scope, visibleBindings } from '../keymap.js';
import { truncate } from '../present/text.js';
import { toneColor } from '../present/theme.js';

export interface HintLineProps {
  readonly scopes: readonly Scope[];
  readonly readonly: boolean;
  /** A Flux object is selected (or open): its keys (yaml, events, actions) mean something. */
  readonly objectInFocus: boolean;
  readonly width: number;
  readonly color: boolean;
}

export function hintText(scopes: readonly Scope[], readonly: boolean, objectInFocus = true): string {
  // The focused pane's keys first: the global ones are the same everywhere and learnt first.
  return visibleBindings(scopes, readonly)
    .filter((b) => b.hint && (objectInFocus || !b.object))
    .sort((a, b) => scopes.indexOf(a.scope) - scopes.indexOf(b.scope))
    .map((b) => formatHint(b.command))
    .join('  ');
}

export function HintLine({ scopes, readonly, objectInFocus, width, color }: HintLineProps) {
  return (
    <Text color={toneColor('muted', color)} wrap="truncate">
      {truncate(hintText(scopes, readonly, objectInFocus), width)}
    </Text>
  );
}
