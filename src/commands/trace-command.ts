// `fluxdeck trace KIND/NAME [-n NS] [--kubeconfig PATH] [--context NAME]`: flux trace's question answered
// once, as text (src/present/trace-text.ts). Exits 0 when Flux manages the object and every link is ready,
// 1 when a link is not ready or Flux does not manage it, 2 on usage, kubeconfig or connection errors and
// when there is nothing to trace (an unknown kind, the object not found or forbidden).
import { type ArgvOption, readArgv } from '../flux/argv.js';
import { parseTraceTargets } from '../flux/trace.js';
import { describeError } from '../kube/errors.js';
import { traceEach } from '../kube/trace-once.js';
import { formatTraceText } from '../present/trace-text.js';

export const TRACE_COMMAND_USAGE = `Usage: fluxdeck trace KIND/NAME [KIND/NAME …] [-n NAMESPACE] [--kubeconfig PATH] [--context NAME]
       (or KIND NAME [NAME …]), e.g. fluxdeck trace deployment/api -n apps

Shows how an object came to be in the cluster, as flux trace does: the object, the objects that own it,
the Kustomization or HelmRelease that applied it (Flux's labels), and its sources, each with its status,
and the revision applied against the source's. Several objects are traced one after the other, separated
by ---. Exits 0 when every link of every object is ready, 1 when one is not or Flux does not manage an
object, 2 on usage, kubeconfig or connection errors or when an object cannot be traced (the others are
still printed).
`;

export const TRACE_FLAGS: Readonly<Record<string, ArgvOption>> = {
  help: { type: 'boolean', short: 'h' },
  namespace: { type: 'string', short: 'n' },
  kubeconfig: { type: 'string' },
  context: { type: 'string' },
};

export interface TraceIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly env: NodeJS.ProcessEnv;
  readonly now?: () => number;
}

export async function runTraceCommand(argv: readonly string[], io: TraceIo): Promise<number> {
  const words: string[] = [];
  const flags: Record<string, string> = {};
  for (const item of readArgv(argv, TRACE_FLAGS)) {
    if (item.kind === 'unknown') {
      if (item.arg.startsWith('-')) return usage(io, `unknown argument ${JSON.stringify(item.arg)}`);
      words.push(item.arg);
    } else if (item.name === 'help') {
      io.stdout.write(TRACE_COMMAND_USAGE);
      return 0;
    } else if (item.kind === 'missing') return usage(io, `${item.flag} needs a value`);
    else flags[item.name] = item.value;
  }
  const namespace = flags['namespace'];
  const parsed = parseTraceTargets(namespace === undefined ? words : [...words, '-n', namespace]);
  if ('error' in parsed) return usage(io, parsed.error.replace(/^usage: trace/, 'usage: fluxdeck trace'));
  try {
    const results = await traceEach(
      parsed.targets.map((t) => ({ ...t, namespace: parsed.namespace })),
      {
        kubeconfigPath: flags['kubeconfig'],
        context: flags['context'],
        env: io.env,
        ...(io.now ? { now: io.now } : {}),
      },
    );
    let code = 0;
    const texts: string[] = [];
    for (const { outcome } of results) {
      if (!outcome.ok) {
        io.stderr.write(`fluxdeck trace: ${outcome.message}\n`);
        code = 2;
        continue;
      }
      texts.push(formatTraceText(outcome.trace));
      const ready = outcome.trace.managedBy !== undefined && outcome.trace.links.every((l) => l.ready);
      if (!ready && code === 0) code = 1;
    }
    io.stdout.write(texts.join('---\n'));
    return code;
  } catch (error) {
    io.stderr.write(`fluxdeck trace: ${describeError(error)}\n`);
    return 2;
  }
}

function usage(io: TraceIo, message: string): number {
  io.stderr.write(`fluxdeck trace: ${message} (see fluxdeck trace --help)\n`);
  return 2;
}
