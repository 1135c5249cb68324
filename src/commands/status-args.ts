// `fluxdeck status [--kubeconfig PATH] [--context NAME] [-n NS | -A] [-o table|json]` (docs/architecture.md).
// Pure: argv in, options or a usage error out.
import { type ArgvOption, readArgv } from '../flux/argv.js';

export interface StatusOptions {
  readonly kubeconfig: string | undefined;
  readonly context: string | undefined;
  /** undefined = all namespaces (the default, as in the console: failures can be anywhere). */
  readonly namespace: string | undefined;
  readonly output: 'table' | 'json';
  /** -A: all namespaces even when the context names one and cluster-wide listing is forbidden. */
  readonly allNamespaces: boolean;
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

export const STATUS_FLAGS: Readonly<Record<string, ArgvOption>> = {
  help: { type: 'boolean', short: 'h' },
  'all-namespaces': { type: 'boolean', short: 'A' },
  namespace: { type: 'string', short: 'n' },
  kubeconfig: { type: 'string' },
  context: { type: 'string' },
  output: { type: 'string', short: 'o' },
};

export function parseStatusArgs(argv: readonly string[]): ParsedStatusArgs {
  let kubeconfig: string | undefined;
  let context: string | undefined;
  let namespace: string | undefined;
  let output: 'table' | 'json' = 'table';
  let sawNamespace = false;
  let sawAll = false;
  for (const item of readArgv(argv, STATUS_FLAGS)) {
    if (item.kind === 'unknown') {
      return usage(`unknown argument ${JSON.stringify(item.arg)} (see fluxdeck status --help)`);
    }
    const value = item.kind === 'option' ? item.value : undefined;
    switch (item.name) {
      case 'help':
        return { ok: false, help: true };
      case 'all-namespaces':
        sawAll = true;
        break;
      case 'namespace':
        if (value === undefined) return usage(`${item.flag} needs a namespace`);
        if (!LABEL.test(value)) return usage(`"${value}" is not a valid namespace name`);
        namespace = value;
        sawNamespace = true;
        break;
      case 'kubeconfig':
      case 'context':
        if (value === undefined) return usage(`${item.flag} needs a value`);
        if (item.name === 'kubeconfig') kubeconfig = value;
        else context = value;
        break;
      case 'output':
        if (value !== 'table' && value !== 'json') return usage(`${item.flag} takes table or json`);
        output = value;
        break;
    }
  }
  if (sawAll && sawNamespace) return usage('-n and -A cannot be used together');
  return { ok: true, options: { kubeconfig, context, namespace, output, allNamespaces: sawAll } };
}
