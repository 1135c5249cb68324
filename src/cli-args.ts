// Parsing of the console's command line (docs/architecture.md, "Command line"). Pure: argv in, options or a
// usage error out, so every flag is unit-tested. `sim` and `status` parse their own flags.
import { type ArgvOption, readArgv } from './flux/argv.js';
import { findKind } from './flux/kinds.js';
import { isSkinName, SKIN_NAMES, type SkinName } from './present/skins.js';

export interface ConsoleOptions {
  readonly mode: 'console';
  readonly kubeconfig: string | undefined;
  readonly context: string | undefined;
  /**
   * The fleet (`--context a,b`, `--all-contexts`, `--fleet`: the config file's list): several contexts in
   * one Failing view. The command line's contexts win over the file's list.
   */
  readonly fleet: readonly string[] | 'all' | 'config' | undefined;
  /** undefined = all namespaces (the default: failures can be anywhere). */
  readonly namespace: string | undefined;
  /** -A was given: all namespaces even when the context names one and cluster-wide listing is forbidden. */
  readonly allNamespaces: boolean;
  /** The long names of the flags given on the command line: they win over the config file. */
  readonly given: ReadonlySet<string>;
  readonly readonly: boolean;
  readonly view: string | undefined;
  readonly helm: string | undefined;
  readonly demo: boolean;
  readonly scenario: 'runbook' | 'empty' | 'operator';
  readonly objects: number;
  readonly auditLog: string | undefined;
  readonly alertThresholdMs: number;
  /** A regular expression; a matching context name is shown in red in confirmations. */
  readonly dangerContext: string;
  /** How the console is drawn (`--skin`); NO_COLOR still means no escape code at all. */
  readonly skin: SkinName;
}

export type ParsedCommandLine =
  | ConsoleOptions
  | { readonly mode: 'sim'; readonly argv: readonly string[] }
  | { readonly mode: 'status'; readonly argv: readonly string[] }
  | { readonly mode: 'report'; readonly argv: readonly string[] }
  | { readonly mode: 'trace'; readonly argv: readonly string[] }
  | { readonly mode: 'completion'; readonly shell: string | undefined }
  | { readonly mode: 'complete'; readonly argv: readonly string[] }
  | { readonly mode: 'config'; readonly argv: readonly string[] }
  | { readonly mode: 'help' }
  | { readonly mode: 'version' }
  | { readonly mode: 'error'; readonly message: string };

export const USAGE = `fluxdeck — a terminal incident console for Flux CD

Usage:
  fluxdeck [--kubeconfig PATH] [--context NAME] [-n NS | -A] [--readonly] [--view KIND] [--helm PATH]
  fluxdeck [--kubeconfig PATH] --context A,B,C | --all-contexts | --fleet   the fleet: several contexts
  fluxdeck --demo [--scenario NAME] [--objects N] [--readonly]
  fluxdeck sim [--port N] [--scenario NAME] [--objects N] [--kubeconfig-out PATH] [--seed N] [--legacy-flux]
  fluxdeck status [--kubeconfig PATH] [--context NAME] [-n NS | -A] [-o table|json]
  fluxdeck report [--context NAME] [-n NS | -A] [--since DUR] [-o md|json] [--output FILE]   incident report
  fluxdeck trace KIND/NAME [-n NS] [--kubeconfig PATH] [--context NAME]   as flux trace, with readiness
  fluxdeck completion bash|zsh|fish   print a shell completion script (eval "$(fluxdeck completion bash)")
  fluxdeck config [--context NAME] [flags]   the settings in effect and where each comes from

Console options:
  --kubeconfig PATH       kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)
  --context NAME          kubeconfig context (default: the current context); A,B,C opens the fleet
  --all-contexts          the fleet of every context in the kubeconfig
  --fleet                 the fleet the config file's \`fleet:\` lists (--context A,B or --all-contexts win)
  -n, --namespace NS      only this namespace
  -A, --all-namespaces    every namespace (the default)
  --readonly              disable every action
  --view KIND             first view: failing, ks, hr, sources, images, notifications, controllers, events
  --helm PATH             the helm binary for rollbacks (default: helm on PATH)
  --audit-log PATH        where actions are recorded (default: $XDG_STATE_HOME/fluxdeck/audit.log)
  --alert-threshold DUR   failing longer than this stands out (default 15m, as the alert fires)
  --danger-context REGEX  contexts matching it are shown in red in confirmations (default: prod)
  --skin NAME             default, light-terminal, high-contrast or monochrome (NO_COLOR: no colour at all)
  --demo                  start the embedded simulated Flux cluster and open the console on it
  --scenario NAME         demo scenario: runbook (default), operator (Flux managed by the Flux Operator) or empty
  --objects N             demo: add N healthy objects spread over namespaces
  -h, --help              this text
  --version               the version
`;

export const VIEWS = [
  'failing',
  'sources',
  'images',
  'notifications',
  'controllers',
  'events',
  'audit',
  'suspended',
  'timeline',
];

export function parseDuration(text: string): number | undefined {
  const match = /^(\d+)(ms|s|m|h)?$/.exec(text.trim());
  if (!match) return undefined;
  const value = Number(match[1]);
  const unit = match[2] ?? 'm';
  const factor = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[unit as 'ms' | 's' | 'm' | 'h'];
  return value * factor;
}

export function isValidView(view: string): boolean {
  return (
    VIEWS.includes(view) || findKind(view) !== undefined || ['src', 'git', 'oci', 'helmrepo'].includes(view)
  );
}

export const CONSOLE_FLAGS: Readonly<Record<string, ArgvOption>> = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
  demo: { type: 'boolean' },
  readonly: { type: 'boolean' },
  'read-only': { type: 'boolean' },
  'all-namespaces': { type: 'boolean', short: 'A' },
  namespace: { type: 'string', short: 'n' },
  kubeconfig: { type: 'string' },
  context: { type: 'string' },
  'all-contexts': { type: 'boolean' },
  fleet: { type: 'boolean' },
  view: { type: 'string' },
  helm: { type: 'string' },
  scenario: { type: 'string' },
  objects: { type: 'string' },
  'audit-log': { type: 'string' },
  'alert-threshold': { type: 'string' },
  'danger-context': { type: 'string' },
  skin: { type: 'string' },
};

export function parseCommandLine(argv: readonly string[]): ParsedCommandLine {
  const first = argv[0];
  if (first === 'sim') return { mode: 'sim', argv: argv.slice(1) };
  if (first === 'status') return { mode: 'status', argv: argv.slice(1) };
  if (first === 'report') return { mode: 'report', argv: argv.slice(1) };
  if (first === 'trace') return { mode: 'trace', argv: argv.slice(1) };
  if (first === 'completion') return { mode: 'completion', shell: argv[1] };
  if (first === '__complete') return { mode: 'complete', argv: argv.slice(1) };
  if (first === 'config') return { mode: 'config', argv: argv.slice(1) };

  const options: Mutable<ConsoleOptions> = {
    mode: 'console',
    kubeconfig: undefined,
    context: undefined,
    fleet: undefined,
    namespace: undefined,
    allNamespaces: false,
    given: new Set<string>(),
    readonly: false,
    view: undefined,
    helm: undefined,
    demo: false,
    scenario: 'runbook',
    objects: 0,
    auditLog: undefined,
    alertThresholdMs: 15 * 60_000,
    dangerContext: 'prod',
    skin: 'default',
  };

  let sawNamespace = false;
  let sawAll = false;

  const given = new Set<string>();
  for (const item of readArgv(argv, CONSOLE_FLAGS)) {
    if (item.kind === 'unknown') {
      return { mode: 'error', message: `unknown argument ${JSON.stringify(item.arg)} (see fluxdeck --help)` };
    }
    if (item.kind === 'missing') return { mode: 'error', message: `${item.flag} needs a value` };
    given.add(item.name === 'read-only' ? 'readonly' : item.name);
    switch (item.name) {
      case 'help':
        return { mode: 'help' };
      case 'version':
        return { mode: 'version' };
      case 'demo':
        options.demo = true;
        break;
      case 'readonly':
      case 'read-only':
        options.readonly = true;
        break;
      case 'all-contexts':
        options.fleet = 'all';
        break;
      case 'fleet':
        // The config file's list, unless the command line names the contexts (checked after the loop).
        break;
      case 'all-namespaces':
        sawAll = true;
        options.namespace = undefined;
        options.allNamespaces = true;
        break;
      default: {
        const error = apply(options, item.name, item.value);
        if (error) return { mode: 'error', message: error };
        if (item.name === 'namespace') sawNamespace = true;
      }
    }
  }
  if (sawAll && sawNamespace) return { mode: 'error', message: '-n and -A cannot be used together' };
  options.given = given;
  if (options.fleet === 'all' && options.context !== undefined)
    return { mode: 'error', message: '--all-contexts and --context NAME cannot be used together' };
  if (given.has('fleet') && options.fleet === undefined) {
    // `--fleet --context a`: the fleet of that one context.
    options.fleet = options.context !== undefined ? [options.context] : 'config';
    options.context = undefined;
  }
  if (options.fleet !== undefined && options.demo)
    return {
      mode: 'error',
      message: 'the demo is one simulated cluster: drop --fleet, --all-contexts or the context list',
    };
  if (options.demo && options.kubeconfig) {
    return { mode: 'error', message: '--demo uses its own simulated cluster: drop --kubeconfig' };
  }
  if (!options.demo && (options.objects > 0 || options.scenario !== 'runbook')) {
    return { mode: 'error', message: '--scenario and --objects only apply with --demo' };
  }
  return options;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Sets the value of the string option `name`, or says why it cannot. */
function apply(options: Mutable<ConsoleOptions>, name: string, v: string): string | undefined {
  switch (name) {
    case 'namespace':
      if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(v)) return `"${v}" is not a valid namespace name`;
      options.namespace = v;
      return undefined;
    case 'kubeconfig':
      options.kubeconfig = v;
      return undefined;
    case 'context': {
      if (!v.includes(',')) {
        options.context = v;
        return undefined;
      }
      const names = [...new Set(v.split(',').map((n) => n.trim()))];
      if (names.some((n) => n === '')) return `--context "${v}": a context name is empty`;
      if (names.length > 1) options.fleet = names;
      else options.context = names[0];
      return undefined;
    }
    case 'helm':
      options.helm = v;
      return undefined;
    case 'audit-log':
      options.auditLog = v;
      return undefined;
    case 'view':
      if (!isValidView(v))
        return `unknown view "${v}": use failing, ks, hr, sources, images, notifications, controllers or events`;
      options.view = v;
      return undefined;
    case 'scenario':
      if (v !== 'runbook' && v !== 'empty' && v !== 'operator')
        return `unknown scenario "${v}": use runbook, operator or empty`;
      options.scenario = v;
      return undefined;
    case 'objects': {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > 100_000)
        return `--objects takes a whole number from 0 to 100000`;
      options.objects = n;
      return undefined;
    }
    case 'alert-threshold': {
      const ms = parseDuration(v);
      if (ms === undefined || ms <= 0) return `--alert-threshold takes a duration such as 15m, 90s or 1h`;
      options.alertThresholdMs = ms;
      return undefined;
    }
    case 'danger-context':
      try {
        new RegExp(v);
      } catch {
        return `--danger-context "${v}" is not a valid regular expression`;
      }
      options.dangerContext = v;
      return undefined;
    case 'skin':
      if (!isSkinName(v)) return `unknown skin "${v}": use ${SKIN_NAMES.join(', ')}`;
      options.skin = v;
      return undefined;
    default:
      return `unknown argument --${name}`;
  }
}
