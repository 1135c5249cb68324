// The config file's sections about how the console looks and answers: `skin:`, `logs:` (the logs pane's
// defaults) and `aliases:` (own words for `:`). Each entry is checked on its own; a wrong one is a problem
// with its line, and the rest is kept.
import { isMap, isScalar, type Node } from 'yaml';
import { parseCommandLine } from '../hooks/command-line.js';
import type { LogsScope } from '../hooks/logs-pane.js';
import type { LogsMode } from '../present/ui-state.js';

export interface Alias {
  /** The word typed after `:`, lower case. */
  readonly name: string;
  /** What it stands for: a `:` command line (`hr`, `timeline chain`, `ns apps`). */
  readonly target: string;
  readonly line: number;
}

export interface LogsDefaults {
  readonly pane?: LogsMode;
  readonly scope?: LogsScope;
  readonly wrap?: boolean;
}

export interface Reporter {
  readonly lineOf: (node: Node | null | undefined) => number;
  readonly problem: (node: Node | null | undefined, what: string) => void;
}

const PANES: readonly LogsMode[] = ['hidden', 'split', 'full'];
const SCOPES: readonly LogsScope[] = ['object', 'all'];
const ALIAS_NAME = /^[a-z][a-z0-9-]*$/;

/** `logs: { pane: split, scope: all, wrap: true }`, with the line of each entry. */
export function readLogs(
  node: Node,
  where: string,
  r: Reporter,
): { value: LogsDefaults; lines: Partial<Record<keyof LogsDefaults, number>> } {
  const value: { -readonly [K in keyof LogsDefaults]: LogsDefaults[K] } = {};
  const lines: Partial<Record<keyof LogsDefaults, number>> = {};
  if (!isMap(node)) {
    r.problem(node, `${where}.logs must be a mapping such as { pane: split, scope: all, wrap: false }`);
    return { value, lines };
  }
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const v = isScalar(pair.value) ? pair.value.value : undefined;
    const at = r.lineOf(pair.key as Node);
    const bad = (what: string) => r.problem((pair.value as Node) ?? pair.key, `${where}.logs.${key} ${what}`);
    if (key === 'pane') {
      if (PANES.includes(v as LogsMode)) [value.pane, lines.pane] = [v as LogsMode, at];
      else bad(`must be ${PANES.join(', ')}`);
    } else if (key === 'scope') {
      if (SCOPES.includes(v as LogsScope)) [value.scope, lines.scope] = [v as LogsScope, at];
      else bad('must be object (the selected object’s lines) or all');
    } else if (key === 'wrap') {
      if (typeof v === 'boolean') [value.wrap, lines.wrap] = [v, at];
      else bad('must be true or false');
    } else r.problem(pair.key as Node, `${where}.logs: unknown setting "${key}" (known: pane, scope, wrap)`);
  }
  return { value, lines };
}

/** `aliases: { prod-hr: hr, dep: kustomizations }`: each name a new word, each target a `:` line. */
export function readAliases(node: Node, where: string, r: Reporter): readonly Alias[] {
  if (!isMap(node)) {
    r.problem(node, `${where}.aliases must be a mapping of new words to : words, such as { dep: ks }`);
    return [];
  }
  const aliases: Alias[] = [];
  for (const pair of node.items) {
    const name = isScalar(pair.key) ? String(pair.key.value).toLowerCase() : '';
    const target = isScalar(pair.value) ? String(pair.value.value ?? '').trim() : '';
    const line = r.lineOf(pair.key as Node);
    const at = `${where}.aliases.${name}`;
    if (!ALIAS_NAME.test(name))
      r.problem(pair.key as Node, `${at}: an alias is one word of letters, digits and dashes`);
    else if (parseCommandLine(name).type !== 'error')
      r.problem(pair.key as Node, `${at}: :${name} is a word of fluxdeck already; choose another name`);
    else if (target === '' || parseCommandLine(target).type === 'error')
      r.problem(
        (pair.value as Node) ?? pair.key,
        `${at}: "${target}" is not a : word fluxdeck knows (such as hr, ks, failing, timeline chain, ns NAME)`,
      );
    else aliases.push({ name, target, line });
  }
  return aliases;
}
