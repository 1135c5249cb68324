// The `:` command line as data: what a line means, and what the word being typed may complete to.
import { isApplierKind } from '../flux/inventory.js';
import { findKind } from '../flux/kinds.js';
import { parseTraceArgs } from '../flux/trace.js';
import { type ViewTarget, viewForWord, viewWords } from '../present/catalog.js';
import type { HealthFilter } from './navigation.js';

export type CommandLineResult =
  | { readonly type: 'view'; readonly target: ViewTarget }
  | { readonly type: 'logs' }
  | { readonly type: 'namespace'; readonly namespace: string | undefined }
  | { readonly type: 'context'; readonly name: string }
  | { readonly type: 'health'; readonly health: HealthFilter }
  | { readonly type: 'help' }
  /** `:timeline chain`: the timeline of the selected object's dependency chain. */
  | { readonly type: 'timeline-chain' }
  /** `:trace KIND/NAME -n NS`: the namespace only when typed (the router knows the default). */
  | { readonly type: 'trace'; readonly kind: string; readonly name: string; readonly namespace?: string }
  /** `:tree KIND/NAME -n NS`: a Kustomization's or HelmRelease's managed objects. */
  | { readonly type: 'tree'; readonly kind: string; readonly name: string; readonly namespace?: string }
  /** `:report`: write the incident report to a file. */
  | { readonly type: 'report' }
  /** `:fleet`: back to the fleet's view of every context (when opened from one). */
  | { readonly type: 'fleet' }
  | { readonly type: 'quit' }
  | { readonly type: 'error'; readonly message: string };

const WORDS_WITH_ARGUMENT = ['ns', 'ctx', 'trace', 'tree'] as const;
const PLAIN_WORDS = [
  'logs',
  'unhealthy',
  'healthy',
  'help',
  'report',
  'fleet',
  'timeline chain',
  'q',
  'quit',
] as const;
const ALL_NAMESPACES = new Set(['all', '-A', '*']);
// A Kubernetes namespace is a DNS-1123 label; anything else is a typo, not a namespace to watch.
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

export function parseCommandLine(line: string): CommandLineResult {
  const [word = '', arg, ...rest] = line.trim().split(/\s+/);
  const w = word.toLowerCase();
  if (w === 'trace') {
    const parsed = parseTraceArgs([arg ?? '', ...rest]);
    if (!('error' in parsed)) return { type: 'trace', ...parsed };
    const usage = parsed.error.startsWith('usage: ');
    return { type: 'error', message: usage ? `usage: :${parsed.error.slice(7)}` : parsed.error };
  }
  if (w === 'tree') return parseTree([arg ?? '', ...rest]);
  if (rest.length > 0) return { type: 'error', message: `too many words: ${line.trim()}` };
  if (w === 'ns' || w === 'namespace') {
    if (arg === undefined || ALL_NAMESPACES.has(arg)) return { type: 'namespace', namespace: undefined };
    return DNS_LABEL.test(arg)
      ? { type: 'namespace', namespace: arg }
      : { type: 'error', message: `not a namespace name: ${arg}` };
  }
  if (w === 'ctx' || w === 'context') {
    return arg === undefined
      ? { type: 'error', message: 'which context? type :ctx NAME' }
      : { type: 'context', name: arg };
  }
  if (w === 'timeline' || w === 'tl') {
    if (arg === undefined) return { type: 'view', target: { view: 'timeline' } };
    return arg === 'chain'
      ? { type: 'timeline-chain' }
      : { type: 'error', message: `:${w} takes no argument or "chain" (the selected object's chain)` };
  }
  if (arg !== undefined) return { type: 'error', message: `:${w} takes no argument` };
  if (w === 'report') return { type: 'report' };
  if (w === 'fleet') return { type: 'fleet' };
  if (w === 'logs' || w === 'log') return { type: 'logs' };
  if (w === 'unhealthy' || w === 'healthy') return { type: 'health', health: w };
  if (w === 'all') return { type: 'health', health: 'all' };
  if (w === 'help') return { type: 'help' };
  if (w === 'q' || w === 'quit' || w === 'q!') return { type: 'quit' };
  const target = viewForWord(w);
  return target ? { type: 'view', target } : { type: 'error', message: `unknown command :${w}` };
}

/** `:tree ks/apps -n flux-system`: only the kinds that apply objects have a tree. */
function parseTree(args: readonly string[]): CommandLineResult {
  const parsed = parseTraceArgs(args);
  if ('error' in parsed) {
    const usage = parsed.error.startsWith('usage: ');
    return {
      type: 'error',
      message: usage ? 'usage: :tree ks/NAME or hr/NAME [-n NAMESPACE]' : parsed.error,
    };
  }
  const kind = findKind(parsed.kind)?.kind;
  if (!kind || !isApplierKind(kind))
    return {
      type: 'error',
      message: `:tree is for Kustomizations, HelmReleases, FluxInstances and ResourceSets, not ${parsed.kind}`,
    };
  return { type: 'tree', ...parsed, kind };
}

/** A line whose first word is an alias (the config file's `aliases:`), with that word replaced. */
export function expandAlias(line: string, aliases: Readonly<Record<string, string>>): string {
  const [word = '', ...rest] = line.trim().split(/\s+/);
  const target = Object.hasOwn(aliases, word.toLowerCase()) ? aliases[word.toLowerCase()] : undefined;
  return target === undefined ? line : [target, ...rest].join(' ');
}

export interface CompletionSources {
  readonly namespaces: readonly string[];
  readonly contexts: readonly string[];
  /** The config file's own words for `:`. */
  readonly aliases?: readonly string[];
  /** The words this screen knows, instead of the console's (the fleet knows `ctx` and `q`). */
  readonly words?: readonly string[];
}

/** The full lines the current text may complete to, best first (prefix matches, then the rest). */
export function completeCommandLine(text: string, sources: CompletionSources): readonly string[] {
  const space = text.indexOf(' ');
  if (space >= 0) {
    const word = text.slice(0, space).toLowerCase();
    const partial = text.slice(space + 1).trimStart();
    const pool = word === 'ns' ? ['all', ...sources.namespaces] : word === 'ctx' ? sources.contexts : [];
    return rank(pool, partial).map((p) => `${word} ${p}`);
  }
  const own = sources.words ?? [...PLAIN_WORDS, ...WORDS_WITH_ARGUMENT, ...viewWords()];
  const words = [...own, ...(sources.aliases ?? [])];
  return rank([...new Set(words)], text.toLowerCase()).map((w) =>
    (WORDS_WITH_ARGUMENT as readonly string[]).includes(w) ? `${w} ` : w,
  );
}

function rank(pool: readonly string[], partial: string): readonly string[] {
  if (partial === '') return pool;
  const prefix = pool.filter((p) => p.startsWith(partial));
  const inner = pool.filter((p) => !p.startsWith(partial) && p.includes(partial));
  // Shortest first; ties keep the pool's order (the console's own words before kind names).
  return [...prefix.sort((a, b) => a.length - b.length), ...inner];
}
