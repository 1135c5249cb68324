// Command-line parsing for the simulated helm: the subset of Helm 4's flags fluxdeck and a person running the
// runbook would use. Unknown flags are errors, worded as cobra words them.

export interface HelmArgs {
  readonly command: string;
  readonly positional: readonly string[];
  readonly kubeconfig?: string;
  readonly kubeContext?: string;
  readonly namespace?: string;
  readonly allNamespaces: boolean;
  readonly output: 'table' | 'json' | 'yaml';
  readonly max?: number;
  readonly help: boolean;
  readonly flags: ReadonlySet<string>;
}

export class UsageError extends Error {}

interface Values {
  kubeconfig?: string;
  kubeContext?: string;
  namespace?: string;
  output?: string;
  max?: string;
  timeout?: string;
  revision?: string;
  timeFormat?: string;
  filter?: string;
}

const VALUE_FLAGS: Readonly<Record<string, keyof Values>> = {
  '--kubeconfig': 'kubeconfig',
  '--kube-context': 'kubeContext',
  '--namespace': 'namespace',
  '-n': 'namespace',
  '--output': 'output',
  '-o': 'output',
  '--max': 'max',
  '-m': 'max',
  '--timeout': 'timeout',
  '--revision': 'revision',
  '--time-format': 'timeFormat',
  '--filter': 'filter',
  '-f': 'filter',
};

const BOOL_FLAGS = new Set([
  '--all-namespaces',
  '-A',
  '--help',
  '-h',
  '--debug',
  '--wait',
  '--wait-for-jobs',
  '--no-hooks',
  '--cleanup-on-fail',
  '--force',
  '--dry-run',
  '--all',
  '-a',
  '--deployed',
  '--failed',
  '--pending',
  '--superseded',
  '--uninstalled',
  '--no-headers',
  '--short',
  '-q',
]);

export function parseHelmArgs(argv: readonly string[]): HelmArgs {
  const positional: string[] = [];
  const values: Values = {};
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const key = VALUE_FLAGS[name];
    if (key) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`flag needs an argument: ${name}`);
      values[key] = value;
      continue;
    }
    // `--wait` takes an optional strategy in Helm 4 (`--wait=watcher`).
    if (BOOL_FLAGS.has(name)) {
      flags.add(name);
      continue;
    }
    throw new UsageError(`unknown flag: ${name}`);
  }
  const output = values.output ?? 'table';
  if (output !== 'table' && output !== 'json' && output !== 'yaml') {
    throw new UsageError(`invalid argument "${output}" for "-o, --output" flag: invalid format type`);
  }
  let max: number | undefined;
  if (values.max !== undefined) {
    max = Number(values.max);
    if (!Number.isInteger(max))
      throw new UsageError(
        `invalid argument "${values.max}" for "-m, --max" flag: strconv.ParseInt: parsing "${values.max}": invalid syntax`,
      );
  }
  const [command = '', ...rest] = positional;
  return {
    command,
    positional: rest,
    ...(values.kubeconfig ? { kubeconfig: values.kubeconfig } : {}),
    ...(values.kubeContext ? { kubeContext: values.kubeContext } : {}),
    ...(values.namespace ? { namespace: values.namespace } : {}),
    allNamespaces: flags.has('-A') || flags.has('--all-namespaces'),
    output,
    ...(max === undefined ? {} : { max }),
    help: flags.has('-h') || flags.has('--help'),
    flags,
  };
}
