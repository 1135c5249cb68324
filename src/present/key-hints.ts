// The hint area at the bottom of the screen: every key that does something right now, from the key table.
// The runbook's remediation keys come first (they are what an incident needs), each only where its action
// applies to the selected object's kind; then the focused pane's keys, the view keys, the global ones.
// Hints are wrapped whole into as many lines as the width needs: a hint is never cut, none is left out.
import { actionAppliesTo } from '../actions/applicability.js';
import type { KindName } from '../flux/kinds.js';
import {
  ACTION_OF,
  type Binding,
  type CommandId,
  formatHint,
  formatKey,
  hint,
  isActionCommand,
  type Scope,
  visibleBindings,
} from '../keymap.js';
import type { DetailsTab } from './details-lines.js';
import { detailsTabsOf } from './details-tabs.js';
import { textWidth, truncate } from './text.js';

/** What decides which keys are live: the modal layers, the help screen, and which pane has the focus. */
export interface KeyState {
  readonly promptOpen: boolean;
  /** The actions' confirmation dialog or the quit question is open. */
  readonly dialogOpen: boolean;
  /** The dialog's name is being typed to confirm. */
  readonly typing?: boolean;
  readonly help: boolean;
  readonly logsFocused: boolean;
  readonly details: boolean;
}

/** The scopes whose keys work now, the focused pane's first (src/keymap.ts SCOPE_STACKS). */
export function activeScopes(s: KeyState): readonly Scope[] {
  if (s.promptOpen) return ['prompt'];
  if (s.dialogOpen) return s.typing ? ['dialogTyped'] : ['dialog'];
  if (s.help) return ['global'];
  const pane: Scope = s.logsFocused ? 'logs' : s.details ? 'details' : 'list';
  return [pane, 'view', 'global'];
}

/** The details tab an object key opens: offered only for kinds that have that tab. */
const TAB_OF: Partial<Record<CommandId, DetailsTab>> = {
  yaml: 'yaml',
  events: 'events',
  history: 'history',
  changes: 'changes',
  inventory: 'inventory',
};

/** Whether an object key does something for the selected object (undefined: nothing selected). */
function applies(b: Binding<CommandId>, kind: KindName | undefined): boolean {
  if (!b.object) return true;
  if (kind === undefined) return false;
  if (isActionCommand(b.command)) return actionAppliesTo(ACTION_OF[b.command], kind);
  const tab = TAB_OF[b.command];
  if (tab !== undefined) return detailsTabsOf(kind).includes(tab);
  // `^` follows the same dependency chain that fix-chain repairs.
  if (b.command === 'gotoRoot') return actionAppliesTo('fix-chain', kind);
  return true;
}

/** A key of the user's own (a plugin of the config file) that works here, for the hint line. */
export interface PluginHint {
  /** Canonical (src/keymap.ts). */
  readonly key: string;
  readonly description: string;
  readonly dangerous: boolean;
}

/**
 * The hints for these scopes and this selection, in the order they are shown: remediation keys first (in
 * the key table's order), then by scope (the focused pane first), then in the key table's order. The
 * user's plugin keys (already chosen for this place and object) come with the focused pane's: those that
 * change the cluster after the remediation keys.
 */
export function keyHints(
  scopes: readonly Scope[],
  readonly: boolean,
  kind: KindName | undefined,
  plugins: readonly PluginHint[] = [],
): readonly string[] {
  const rank = (b: Binding<CommandId>) => (b.dangerous ? -1 : scopes.indexOf(b.scope));
  const builtIn = visibleBindings(scopes, readonly)
    .filter((b) => b.hint && applies(b, kind))
    .sort((a, b) => rank(a) - rank(b));
  // Plugin keys live where the panes' keys do: never over a dialog, a prompt or help.
  const own = scopes.includes('view') ? plugins.filter((p) => !(readonly && p.dangerous)) : [];
  const pluginHint = (p: PluginHint) => hint(formatKey(p.key), p.description);
  const remediation = builtIn.filter((b) => b.dangerous).map((b) => formatHint(b.command));
  const pane = builtIn.filter((b) => !b.dangerous && b.scope === scopes[0]).map((b) => formatHint(b.command));
  const rest = builtIn.filter((b) => !b.dangerous && b.scope !== scopes[0]).map((b) => formatHint(b.command));
  return [
    ...remediation,
    ...own.filter((p) => p.dangerous).map(pluginHint),
    ...pane,
    ...own.filter((p) => !p.dangerous).map(pluginHint),
    ...rest,
  ];
}

const GAP = '  ';

/** Whole hints, as many as fit, per line; a hint wider than the line alone (never at 40+ columns) is cut. */
export function wrapHints(hints: readonly string[], width: number): readonly string[] {
  const lines: string[] = [];
  let line = '';
  for (const h of hints) {
    if (line !== '' && textWidth(line) + GAP.length + textWidth(h) <= width) line += GAP + h;
    else {
      if (line !== '') lines.push(line);
      line = truncate(h, width);
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}
