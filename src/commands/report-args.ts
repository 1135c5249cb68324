// `fluxdeck report [--kubeconfig PATH] [--context NAME] [-n NS | -A] [--since DURATION] [-o md|json]
// [--output FILE] [--audit-log PATH]`. Pure: argv in, options or a usage error out.
import { parseDuration } from '../cli-args.js';
import { type ArgvOption, readArgv } from '../flux/argv.js';

export interface ReportOptions {
  readonly kubeconfig: string | undefined;
  readonly context: string | undefined;
  /** undefined = all namespaces. */
  readonly namespace: string | undefined;
  /** The window reaches this far back (ms); undefined: from the start of the oldest current failure. */
  readonly sinceMs: number | undefined;
  readonly format: 'md' | 'json';
  /** A file to write (mode 0600); undefined: standard output. */
  readonly output: string | undefined;
  readonly auditLog: string | undefined;
}

export type ParsedReportArgs =
  | { readonly ok: true; readonly options: ReportOptions }
  | { readonly ok: false; readonly help: true }
  | { readonly ok: false; readonly help: false; readonly message: string };

export const REPORT_USAGE = `Usage: fluxdeck report [--kubeconfig PATH] [--context NAME] [-n NS | -A] [--since DURATION]
                       [-o md|json] [--output FILE] [--audit-log PATH]

Writes an incident report: the window (from the start of the oldest current failure, or --since), what
failed and since when, the root causes and the chains they block, per failing object its conditions,
events, controller errors and what changed, the actions taken through fluxdeck and their outcomes, what
recovered, what is still failing, and the timeline. It uses what the cluster holds now and the transitions
earlier fluxdeck consoles recorded for this context. Exits 0 when the report was written, 2 on usage,
kubeconfig or connection errors.

  --kubeconfig PATH       kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)
  --context NAME          kubeconfig context (default: the current context)
  -n, --namespace NS      only this namespace
  -A, --all-namespaces    every namespace (the default)
  --since DURATION        the window reaches this far back, e.g. 2h, 90m
  -o, --format FORMAT     md (default: Markdown) or json
  --output FILE           write to FILE (mode 0600) instead of standard output
  --audit-log PATH        the audit log to read actions from (default: $XDG_STATE_HOME/fluxdeck/audit.log)
`;

const LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

export const REPORT_FLAGS: Readonly<Record<string, ArgvOption>> = {
  help: { type: 'boolean', short: 'h' },
  'all-namespaces': { type: 'boolean', short: 'A' },
  namespace: { type: 'string', short: 'n' },
  kubeconfig: { type: 'string' },
  context: { type: 'string' },
  since: { type: 'string' },
  format: { type: 'string', short: 'o' },
  output: { type: 'string' },
  'audit-log': { type: 'string' },
};

function usage(message: string): ParsedReportArgs {
  return { ok: false, help: false, message };
}

export function parseReportArgs(argv: readonly string[]): ParsedReportArgs {
  const o: {
    -readonly [K in keyof ReportOptions]: ReportOptions[K];
  } = {
    kubeconfig: undefined,
    context: undefined,
    namespace: undefined,
    sinceMs: undefined,
    format: 'md',
    output: undefined,
    auditLog: undefined,
  };
  let sawAll = false;
  for (const item of readArgv(argv, REPORT_FLAGS)) {
    if (item.kind === 'unknown')
      return usage(`unknown argument ${JSON.stringify(item.arg)} (see fluxdeck report --help)`);
    const value = item.kind === 'option' ? item.value : undefined;
    if (item.name === 'help') return { ok: false, help: true };
    if (item.name === 'all-namespaces') {
      sawAll = true;
      continue;
    }
    if (value === undefined || value === '') return usage(`${item.flag} needs a value`);
    switch (item.name) {
      case 'namespace':
        if (!LABEL.test(value)) return usage(`"${value}" is not a valid namespace name`);
        o.namespace = value;
        break;
      case 'since': {
        const ms = parseDuration(value);
        if (ms === undefined || ms <= 0) return usage(`${item.flag} takes a duration such as 2h, 90m or 30s`);
        o.sinceMs = ms;
        break;
      }
      case 'format':
        if (value !== 'md' && value !== 'json' && value !== 'markdown')
          return usage(`${item.flag} takes md or json`);
        o.format = value === 'json' ? 'json' : 'md';
        break;
      case 'kubeconfig':
        o.kubeconfig = value;
        break;
      case 'context':
        o.context = value;
        break;
      case 'output':
        o.output = value;
        break;
      case 'audit-log':
        o.auditLog = value;
        break;
    }
  }
  if (sawAll && o.namespace !== undefined) return usage('-n and -A cannot be used together');
  return { ok: true, options: o };
}
