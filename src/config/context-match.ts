// Which kubeconfig contexts a config entry names: a context name, a glob (`*` any run, `?` one character)
// or a `/regex/`. The context rules (`contexts: - match:`) and the fleet list (`fleet:`) read names alike.

function isRegex(pattern: string): boolean {
  return pattern.length > 2 && pattern.startsWith('/') && pattern.endsWith('/');
}

/** Why a pattern can match nothing as written (an invalid /regex/), or undefined when it is usable. */
export function contextPatternProblem(pattern: string): string | undefined {
  if (!isRegex(pattern)) return undefined;
  try {
    new RegExp(pattern.slice(1, -1));
    return undefined;
  } catch (error) {
    return `"${pattern}" is not a valid regular expression (${error instanceof Error ? error.message : String(error)})`;
  }
}

export function contextMatches(pattern: string, context: string): boolean {
  if (isRegex(pattern)) {
    try {
      return new RegExp(pattern.slice(1, -1)).test(context);
    } catch {
      return false;
    }
  }
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`).test(context);
}

/**
 * The contexts any pattern names, in the kubeconfig's order and each once, and the patterns that name none
 * (in their own order).
 */
export function matchContexts<P extends string | { readonly match: string }>(
  patterns: readonly P[],
  contexts: readonly string[],
): { readonly names: readonly string[]; readonly unmatched: readonly P[] } {
  const text = (p: P) => (typeof p === 'string' ? p : p.match);
  const names = [...new Set(contexts)].filter((c) => patterns.some((p) => contextMatches(text(p), c)));
  const unmatched = patterns.filter((p) => !contexts.some((c) => contextMatches(text(p), c)));
  return { names, unmatched };
}
