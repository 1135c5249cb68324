// `fluxdeck status [--kubeconfig PATH] [--context NAME] [-n NS | -A] [-o table|json]` (docs/architecture.md).
// Pure: argv in, options or a usage error out.

export interface StatusOptions {
  readonly kubeconfig: string | undefined;
  readonly context: string | undefined;
  /** undefined = all namespaces (the default, as in the console: failures can be anywhere). */
  readonly namespace: string | undefined;
  readonly output: 'table' | 'json';
}

export type ParsedStatusArgs =
  | { readonly ok: true; readonly options: StatusOptions }
  | { readonly ok: false; readonly help: true }
  | { readonly ok: false; readonly help: false; readonly message: string };

export const STATUS_USAGE = `Usage: fluxdeck status [--kubeconfig PATH] [--context NAME] [-n NS | -A] [-o table|json]

Prints every Flux object with the \`flux get\` columns (one table per kind, or one JSON document) and
exits 0 when all are ready, 1 when any is not ready (suspended ones included) or a kind could not be
read, 2 on usage, kubeconfig or connection errors.

  --kubeconfig PATH       kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)
  --context NAME          kubeconfig context (default: the current context)
  -n, --namespace NS      only this namespace
  -A, --all-namespaces    every namespace (the default)
  -o, --output FORMAT     table (default) or json
`;

const LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

function usage(message: string): ParsedStatusArgs {
  return { ok: false, help: false, message };
}

export function parseStatusArgs(argv: readonly string[]): ParsedStatusArgs {
  let kubeconfig: string | undefined;
  let context: string | undefined;
  let namespace: string | undefined;
  let output: 'table' | 'json' = 'table';
  let sawNamespace = false;
  let sawAll = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    let flag = arg;
    let inline: string | undefined;
    if (arg.startsWith('--') && arg.includes('=')) {
      flag = arg.slice(0, arg.indexOf('='));
      inline = arg.slice(arg.indexOf('=') + 1);
    } else if (/^-[no]./.test(arg)) {
      flag = arg.slice(0, 2);
      inline = arg.slice(2).replace(/^=/, '');
    }
    const value = (): string | undefined => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('-')) return undefined;
      i++;
      return next;
    };
    switch (flag) {
      case '-h':
      case '--help':
        return { ok: false, help: true };
      case '-A':
      case '--all-namespaces':
        sawAll = true;
        break;
      case '-n':
      case '--namespace': {
        const v = value();
        if (!v) return usage(`${flag} needs a namespace`);
        if (!LABEL.test(v)) return usage(`"${v}" is not a valid namespace name`);
        namespace = v;
        sawNamespace = true;
        break;
      }
      case '--kubeconfig':
      case '--context': {
        const v = value();
        if (!v) return usage(`${flag} needs a value`);
        if (flag === '--kubeconfig') kubeconfig = v;
        else context = v;
        break;
      }
      case '-o':
      case '--output': {
        const v = value();
        if (v !== 'table' && v !== 'json') return usage(`${flag} takes table or json`);
        output = v;
        break;
      }
      default:
        return usage(`unknown argument ${JSON.stringify(arg)} (see fluxdeck status --help)`);
    }
  }
  if (sawAll && sawNamespace) return usage('-n and -A cannot be used together');
  return { ok: true, options: { kubeconfig, context, namespace, output } };
}
