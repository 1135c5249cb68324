// The config file's `fleet:` — the contexts `fluxdeck --fleet` opens, as names, globs or /regex/ — and which
// fleet is in effect: the command line's (`--context A,B`, `--all-contexts`) wins over the file's.
import { isScalar, isSeq, type Node } from 'yaml';
import type { ConsoleOptions } from '../cli-args.js';
import { contextPatternProblem, matchContexts } from './context-match.js';
import type { Reporter } from './look-settings.js';

export interface FleetPattern {
  /** A context name, a glob (`prod-*`) or a `/regex/`, as written. */
  readonly match: string;
  readonly line: number;
}

export interface FleetList {
  /** The line of `fleet:`. */
  readonly line: number;
  readonly patterns: readonly FleetPattern[];
}

const ENTRY = 'a context name, a glob (prod-*) or a /regex/';

/** `fleet: [prod-*, staging, /^kind-/]`; a wrong entry is a problem on its line and left out. */
export function readFleet(node: Node, keyLine: number, r: Reporter): FleetList | undefined {
  if (!isSeq(node)) {
    r.problem(node, `fleet must be a list of contexts, each ${ENTRY}`);
    return undefined;
  }
  if (node.items.length === 0) r.problem(node, 'fleet is empty: list the contexts `fluxdeck --fleet` opens');
  const patterns: FleetPattern[] = [];
  node.items.forEach((item, i) => {
    const n = item as Node;
    const v = isScalar(n) ? n.value : undefined;
    const match = typeof v === 'string' || typeof v === 'number' ? String(v).trim() : '';
    const problem =
      match === ''
        ? `must be ${ENTRY}`
        : (contextPatternProblem(match) ??
          (patterns.some((p) => p.match === match) ? `"${match}" is listed already` : undefined));
    if (problem) r.problem(n, `fleet[${i}] ${problem}`);
    else patterns.push({ match, line: r.lineOf(n) });
  });
  return patterns.length > 0 ? { line: keyLine, patterns } : undefined;
}

interface FleetConfig {
  readonly path: string;
  readonly fleet?: FleetList | undefined;
}

function fileName(config: FleetConfig): string {
  return config.path.split('/').pop() ?? 'config.yaml';
}

/** The fleet for `fluxdeck config`: what it is and where it comes from. */
export function effectiveFleet(
  fleet: ConsoleOptions['fleet'],
  config: FleetConfig | undefined,
): { readonly value: string; readonly source: string } {
  const list = config?.fleet;
  const at = config && list ? `${fileName(config)}:${list.line}` : undefined;
  const wins = at ? ` (wins over ${at})` : '';
  if (Array.isArray(fleet)) return { value: fleet.join(', '), source: `--context${wins}` };
  if (fleet === 'all') return { value: 'every context of the kubeconfig', source: `--all-contexts${wins}` };
  if (list && at)
    return {
      value: list.patterns.map((p) => p.match).join(', '),
      source: `${at} (fleet; fluxdeck --fleet opens it)`,
    };
  return { value: '(not set)', source: 'built-in' };
}

export type FleetMembers =
  | {
      /** The contexts to open, in the kubeconfig's order (the command line's order for --context A,B). */
      readonly names: readonly string[];
      /** The file's entries that name no context, each with where it is written (`config.yaml:12`). */
      readonly unmatched: readonly { readonly match: string; readonly where: string }[];
    }
  | { readonly error: string };

/**
 * The fleet's members: the command line's list, every context, or the file's patterns matched against the
 * kubeconfig's contexts. An error when there is nothing to show.
 */
export function fleetMembers(
  fleet: NonNullable<ConsoleOptions['fleet']>,
  config: FleetConfig | undefined,
  contexts: readonly string[],
  configPath: string | undefined,
): FleetMembers {
  if (Array.isArray(fleet)) return { names: fleet, unmatched: [] };
  if (fleet === 'all')
    return contexts.length > 0
      ? { names: contexts, unmatched: [] }
      : { error: 'the kubeconfig names no context: there is no fleet to show' };
  const instead = 'or name the contexts with --context A,B (docs/config.md, docs/fleet.md)';
  if (!config)
    return {
      error: `--fleet opens the config file's \`fleet:\` list, and there is no config file (${configPath ?? '~/.config/fluxdeck/config.yaml'}): write one with \`fleet: [prod-*, staging]\`, ${instead}`,
    };
  const list = config.fleet;
  if (!list)
    return {
      error: `--fleet opens the config file's \`fleet:\` list, and ${config.path} has none that can be used: add \`fleet: [prod-*, staging]\`, ${instead}`,
    };
  const { names, unmatched } = matchContexts(list.patterns, contexts);
  if (names.length === 0)
    return {
      error: `no context of the kubeconfig matches the fleet of ${fileName(config)}:${list.line} (${list.patterns.map((p) => p.match).join(', ')}): fix \`fleet:\`, ${instead}`,
    };
  return {
    names,
    unmatched: unmatched.map((p) => ({ match: p.match, where: `${fileName(config)}:${p.line}` })),
  };
}
