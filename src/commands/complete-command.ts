// `fluxdeck __complete WHAT [--kubeconfig P] [--context C] [SUBCOMMAND]`: the words a completion script
// offers, one per line. Hidden from --help; it is the scripts' interface, not the user's.
import { staticWords } from './completion.js';

interface Io {
  readonly stdout: NodeJS.WritableStream;
  readonly env: NodeJS.ProcessEnv;
}

function option(argv: readonly string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
}

export async function runCompleteCommand(argv: readonly string[], io: Io): Promise<number> {
  const [what, ...rest] = argv;
  const kubeconfigPath = option(rest, '--kubeconfig');
  const context = option(rest, '--context');
  let words: readonly string[] =
    staticWords(what ?? '', rest[0]?.startsWith('-') ? undefined : rest[0]) ?? [];
  if (what === 'contexts') {
    const { listContexts } = await import('../kube/kubeconfig.js');
    try {
      words = listContexts(kubeconfigPath, io.env);
    } catch {
      words = [];
    }
  } else if (what === 'namespaces') {
    const { namespaceNames } = await import('../kube/namespace-names.js');
    words = await namespaceNames({ kubeconfigPath, context, env: io.env });
  }
  io.stdout.write(words.length > 0 ? `${words.join('\n')}\n` : '');
  return 0;
}
