// The three prompts of the console on one line: `:` commands (with completion of views, kinds, namespaces
// and contexts), `/` table filter (applied live; esc clears it) and logs search (live; esc clears it).
import { useCallback, useMemo, useState } from 'react';
import type { PromptKind, PromptState } from '../present/prompt.js';
import {
  type CommandLineResult,
  completeCommandLine,
  expandAlias,
  parseCommandLine,
} from './command-line.js';
import { compileFilter } from './row-filter.js';
import { usePrompt } from './use-prompt.js';

export interface ConsolePromptOptions {
  /** Namespace names for `:ns` completion; asked only while the command prompt is open. */
  readonly listNamespaces: () => readonly string[];
  readonly listContexts: (() => readonly string[] | Promise<readonly string[]>) | undefined;
  readonly onCommand: (result: CommandLineResult) => void;
  readonly onFilter: (text: string) => void;
  readonly onSearch: (text: string) => void;
  /** The config file's `aliases:`: alias → the `:` line it stands for. */
  readonly aliases?: Readonly<Record<string, string>> | undefined;
  /** The `:` words this screen knows, when not the console's (the fleet's). */
  readonly words?: readonly string[] | undefined;
}

const NO_ALIASES: Readonly<Record<string, string>> = {};

export function useConsolePrompt(o: ConsolePromptOptions) {
  const [contexts, setContexts] = useState<readonly string[]>([]);
  const { listNamespaces, listContexts, words } = o;
  const aliases = o.aliases ?? NO_ALIASES;
  const suggest = useCallback(
    (state: PromptState) =>
      state.kind === 'command'
        ? completeCommandLine(state.text, {
            namespaces: listNamespaces(),
            contexts,
            aliases: Object.keys(aliases),
            ...(words ? { words } : {}),
          })
        : [],
    [listNamespaces, contexts, aliases, words],
  );
  const live = (state: PromptState, text: string) => {
    if (state.kind === 'filter') o.onFilter(text);
    if (state.kind === 'search') o.onSearch(text);
  };
  const prompt = usePrompt({
    suggest,
    onChange: (state) => live(state, state.text),
    onSubmit: (state) => {
      if (state.kind === 'command' && state.text.trim() !== '')
        o.onCommand(parseCommandLine(expandAlias(state.text, aliases)));
    },
    onCancel: (state) => live(state, ''),
  });

  const open = (kind: PromptKind, text?: string) => {
    prompt.open(kind, text);
    if (kind === 'command' && listContexts) {
      // Contexts only complete `:ctx`; a failing lookup just means no suggestions.
      Promise.resolve()
        .then(listContexts)
        .then((names) => setContexts(names))
        .catch(() => setContexts([]));
    }
  };

  const state = prompt.prompt;
  const suggestions = useMemo(() => (state ? suggest(state) : []), [state, suggest]);
  const problem = state && state.kind !== 'command' ? compileFilter(state.text).problem : undefined;
  return { prompt: state, suggestions, problem, open };
}
