// Command-line words read with Node's `parseArgs` (node:util), shared by the console, `fluxdeck status`
// and `fluxdeck sim`; each turns the items into its options and its own sentences. Pure: argv in, items out.
// kubectl-style forms are accepted: `--flag value`, `--flag=value`, `-n value`, `-nvalue`, `-n=value`.
import { parseArgs } from 'node:util';

export interface ArgvOption {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
}

export type ArgvItem =
  /** A known option. `flag` is how it was typed (`-n` or `--namespace`); `value` for string options. */
  | { readonly kind: 'option'; readonly name: string; readonly flag: string; readonly value: string }
  /** A string option with no value: last word, an empty `--flag=`, or followed by another option. */
  | { readonly kind: 'missing'; readonly name: string; readonly flag: string }
  /** Anything else (an unknown option, a stray word, `--`, a value given to a switch), as typed. */
  | { readonly kind: 'unknown'; readonly arg: string };

export function readArgv(
  argv: readonly string[],
  options: Readonly<Record<string, ArgvOption>>,
): readonly ArgvItem[] {
  // Not strict: its own error messages are not ours, and an unknown option must not stop the items before it.
  const { tokens } = parseArgs({
    args: [...argv],
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  return tokens.map((token): ArgvItem => {
    const arg = argv[token.index] ?? '';
    if (token.kind !== 'option' || !Object.hasOwn(options, token.name)) return { kind: 'unknown', arg };
    const { name, rawName: flag } = token;
    if (options[name]?.type === 'boolean') {
      return token.value === undefined ? { kind: 'option', name, flag, value: '' } : { kind: 'unknown', arg };
    }
    // `-n=ns` reaches parseArgs as `-n` with the value `=ns`.
    const value = token.inlineValue && !flag.startsWith('--') ? token.value?.replace(/^=/, '') : token.value;
    // parseArgs takes the next word whatever it is; `--context -n` means a forgotten value, as kubectl says.
    const forgotten = !token.inlineValue && value !== undefined && value.startsWith('-') && value !== '-';
    return value === undefined || value === '' || forgotten
      ? { kind: 'missing', name, flag }
      : { kind: 'option', name, flag, value };
  });
}
