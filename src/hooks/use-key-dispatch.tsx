// The one stdin consumer. Ink hands every key to every active useInput, so exactly one lives here: it turns
// the key into a command from the key table and offers it to the registered layers from the top (dialog,
// prompt, overlay, focused pane, global). A layer's handler returns true to consume the key; a modal layer
// (dialog, prompt) swallows every key whether it handled it or not.
import { type Key, useInput } from 'ink';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef } from 'react';
import { type CommandId, canonicalKey, resolveKey, type Scope } from '../keymap.js';

export interface KeyEvent {
  /** What Ink reported as typed text (empty for named keys). */
  readonly input: string;
  readonly key: Key;
  /** The canonical key name (`j`, `ctrl+d`, `esc` …), undefined for pasted text. */
  readonly name: string | undefined;
  /** The command the key means in this layer's scopes, if any. */
  readonly command: CommandId | undefined;
}

export type KeyHandler = (event: KeyEvent) => boolean;

/** An Ink Key with nothing pressed: spread it and set the flags a key carries. */
export const NO_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

/** One character of a coalesced chunk as Ink would have reported it alone. */
export function charKey(ch: string): [string, Key] {
  if (ch === '\r' || ch === '\n') return ['', { ...NO_KEY, return: true }];
  if (ch === '\t') return ['', { ...NO_KEY, tab: true }];
  return [ch, { ...NO_KEY, shift: /^[A-Z]$/.test(ch) }];
}

/** Higher first. Within one priority the most recently registered layer goes first. */
export const LAYER = { global: 0, pane: 100, overlay: 200, prompt: 300, dialog: 400 } as const;

export interface LayerOptions {
  readonly priority: number;
  readonly scopes: readonly Scope[];
  /** Swallows every key: nothing below it sees input while it is active. */
  readonly modal?: boolean;
  readonly active?: boolean;
}

interface LayerEntry {
  options: LayerOptions;
  handler: KeyHandler;
  order: number;
}

interface Registry {
  add(entry: LayerEntry): () => void;
}

const KeyLayers = createContext<Registry | undefined>(undefined);

export interface KeyDispatchProps {
  readonly readonly: boolean;
  /** A dangerous command was pressed in --readonly: say why nothing happens. */
  readonly onRefused: (command: CommandId) => void;
  /** Any key arrived, before it is handled (the port holds snapshot publishes back for its frame). */
  readonly onInput?: (() => void) | undefined;
  readonly children: ReactNode;
}

export function KeyDispatchProvider({ readonly, onRefused, onInput, children }: KeyDispatchProps) {
  const layers = useRef(new Set<LayerEntry>());
  const counter = useRef(0);
  const registry = useMemo<Registry>(
    () => ({
      add(entry) {
        counter.current += 1;
        entry.order = counter.current;
        layers.current.add(entry);
        return () => {
          layers.current.delete(entry);
        };
      },
    }),
    [],
  );

  const dispatch = (input: string, key: Key) => {
    const name = canonicalKey(input, key);
    const ordered = [...layers.current].sort(
      (a, b) => b.options.priority - a.options.priority || b.order - a.order,
    );
    for (const layer of ordered) {
      const found = resolveKey(name, layer.options.scopes);
      if (found?.dangerous && readonly) {
        onRefused(found.command);
        return;
      }
      if (layer.handler({ input, key, name, command: found?.command })) return;
      if (layer.options.modal) return;
    }
  };

  // Keys typed faster than a frame (holding j, typing `:hr` then enter) arrive as one chunk, which Ink reports
  // like a paste, or as several keys Ink reports back to back (→ → →: one read, three escape sequences). They
  // are replayed one at a time, each after the previous one's render, so every key sees the state its
  // predecessors left (`jj` then enter opens the row the user landed on; → → → moves three tabs).
  const queue = useRef<[string, Key][]>([]);
  const draining = useRef(false);
  const drain = () => {
    const next = queue.current.shift();
    if (!next) {
      draining.current = false;
      return;
    }
    dispatch(...next);
    // Even with the queue empty: a key reported right after this one must wait for this one's render.
    setImmediate(drain);
  };
  useInput((input, key) => {
    onInput?.();
    const chunked = input.length > 1 && !key.ctrl && !key.meta && !key.escape;
    if (chunked) for (const ch of Array.from(input)) queue.current.push(charKey(ch));
    else queue.current.push([input, key]);
    if (draining.current) return;
    draining.current = true;
    drain();
  });

  return <KeyLayers.Provider value={registry}>{children}</KeyLayers.Provider>;
}

/** Registers a key layer while mounted and active; the handler may change every render. */
export function useKeyLayer(options: LayerOptions, handler: KeyHandler): void {
  const registry = useContext(KeyLayers);
  if (!registry) throw new Error('useKeyLayer needs a KeyDispatchProvider above it');
  const entry = useRef<LayerEntry>({ options, handler, order: 0 });
  // Latest handler and options without re-registering (which would reorder same-priority layers).
  entry.current.options = options;
  entry.current.handler = handler;
  const active = options.active ?? true;
  const stable = useCallback(() => entry.current, []);
  useEffect(() => (active ? registry.add(stable()) : undefined), [active, registry, stable]);
}
