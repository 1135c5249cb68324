// Shell completion: `fluxdeck completion bash|zsh|fish` prints a script; the script asks
// `fluxdeck __complete WHAT` for the words that depend on the user's setup (kubeconfig contexts, the
// cluster's namespaces), so the script never goes stale. Namespaces need the API: one request with a short
// timeout, and nothing when it fails (completion must never hang a shell).
import { CONSOLE_FLAGS, VIEWS } from '../cli-args.js';
import { KIND_NAMES } from '../flux/kinds.js';
import { SKIN_NAMES } from '../present/skins.js';
import { REPORT_FLAGS } from './report-args.js';
import { STATUS_FLAGS } from './status-args.js';
import { TRACE_FLAGS } from './trace-command.js';

type Flags = Readonly<Record<string, { readonly type: string; readonly short?: string }>>;

function flagWords(flags: Flags): string[] {
  return Object.entries(flags).flatMap(([name, f]) => [`--${name}`, ...(f.short ? [`-${f.short}`] : [])]);
}

const SUBCOMMANDS = ['status', 'report', 'trace', 'sim', 'completion'];
const SCENARIOS = ['runbook', 'empty'];
const SHELLS = ['bash', 'zsh', 'fish'];

export function viewWords(): string[] {
  return [...VIEWS, 'ks', 'hr', ...KIND_NAMES.map((k) => k.toLowerCase())];
}

/** The words `fluxdeck __complete WHAT` prints, one per line; namespaces and contexts come from elsewhere. */
export function staticWords(what: string, subcommand: string | undefined): string[] | undefined {
  switch (what) {
    case 'flags':
      if (subcommand === 'status') return flagWords(STATUS_FLAGS);
      if (subcommand === 'report') return flagWords(REPORT_FLAGS);
      if (subcommand === 'trace') return flagWords(TRACE_FLAGS);
      return [...SUBCOMMANDS, ...flagWords(CONSOLE_FLAGS)];
    case 'views':
      return viewWords();
    case 'scenarios':
      return SCENARIOS;
    case 'skins':
      return [...SKIN_NAMES];
    case 'shells':
      return SHELLS;
    case 'outputs':
      return ['table', 'json'];
    default:
      return undefined;
  }
}

const BASH = `# fluxdeck completion for bash: eval "$(fluxdeck completion bash)"
_fluxdeck() {
  local cur prev sub i
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  sub=""
  local kc=()
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in
      status|report|trace|sim|completion) [[ -z "$sub" && $i -eq 1 ]] && sub="\${COMP_WORDS[i]}" ;;
      --kubeconfig) kc=(--kubeconfig "\${COMP_WORDS[i+1]}") ;;
      --context) kc+=(--context "\${COMP_WORDS[i+1]}") ;;
    esac
  done
  local words
  if [[ "$sub" == report ]]; then
    case "$prev" in
      -o|--format) COMPREPLY=($(compgen -W "md json" -- "$cur")); return ;;
      --output) COMPREPLY=($(compgen -f -- "$cur")); return ;;
      --since) return ;;
    esac
  fi
  case "$prev" in
    --context) words="$(fluxdeck __complete contexts "\${kc[@]}" 2>/dev/null)" ;;
    -n|--namespace) words="$(fluxdeck __complete namespaces "\${kc[@]}" 2>/dev/null)" ;;
    --view) words="$(fluxdeck __complete views 2>/dev/null)" ;;
    --scenario) words="$(fluxdeck __complete scenarios 2>/dev/null)" ;;
    --skin) words="$(fluxdeck __complete skins 2>/dev/null)" ;;
    -o|--output) words="$(fluxdeck __complete outputs 2>/dev/null)" ;;
    --kubeconfig|--audit-log|--helm) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    *)
      if [[ "$sub" == completion ]]; then words="$(fluxdeck __complete shells 2>/dev/null)"
      else words="$(fluxdeck __complete flags "$sub" 2>/dev/null)"; fi ;;
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -F _fluxdeck fluxdeck
`;

const ZSH = `#compdef fluxdeck
# fluxdeck completion for zsh: eval "$(fluxdeck completion zsh)" (uses zsh's bash completion support)
autoload -U +X bashcompinit && bashcompinit
${BASH.split('\n').slice(1).join('\n')}`;

const FISH = `# fluxdeck completion for fish: fluxdeck completion fish | source
function __fluxdeck_kc
  set -l tokens (commandline -opc)
  for i in (seq (count $tokens))
    if test "$tokens[$i]" = --kubeconfig; or test "$tokens[$i]" = --context
      set -l next (math $i + 1)
      if test $next -le (count $tokens)
        echo $tokens[$i]; echo $tokens[$next]
      end
    end
  end
end
complete -c fluxdeck -f
complete -c fluxdeck -n __fish_use_subcommand -a 'status report trace sim completion'
complete -c fluxdeck -n '__fish_seen_subcommand_from report' -l format -x -a 'md json'
complete -c fluxdeck -n '__fish_seen_subcommand_from report' -l since -x
complete -c fluxdeck -n '__fish_seen_subcommand_from report' -l output -r -F
complete -c fluxdeck -l context -x -a '(fluxdeck __complete contexts (__fluxdeck_kc) 2>/dev/null)'
complete -c fluxdeck -s n -l namespace -x -a '(fluxdeck __complete namespaces (__fluxdeck_kc) 2>/dev/null)'
complete -c fluxdeck -l view -x -a '(fluxdeck __complete views 2>/dev/null)'
complete -c fluxdeck -l scenario -x -a '(fluxdeck __complete scenarios 2>/dev/null)'
complete -c fluxdeck -l skin -x -a '(fluxdeck __complete skins 2>/dev/null)'
complete -c fluxdeck -s o -l output -x -a 'table json'
complete -c fluxdeck -l kubeconfig -r -F
complete -c fluxdeck -l audit-log -r -F
complete -c fluxdeck -l helm -r -F
complete -c fluxdeck -n '__fish_seen_subcommand_from completion' -a 'bash zsh fish'
${Object.keys(CONSOLE_FLAGS)
  .filter(
    (name) =>
      !['context', 'namespace', 'view', 'scenario', 'skin', 'kubeconfig', 'audit-log', 'helm'].includes(name),
  )
  .map((name) => {
    const short = CONSOLE_FLAGS[name]?.short;
    return `complete -c fluxdeck -l ${name}${short ? ` -s ${short}` : ''}`;
  })
  .join('\n')}
`;

export function completionScript(shell: string): string | undefined {
  return shell === 'bash' ? BASH : shell === 'zsh' ? ZSH : shell === 'fish' ? FISH : undefined;
}
