// A runbook action stays typed from its key to its plan: the key table's dangerous bindings are a type
// (ActionCommand), ACTION_OF maps each to an ActionId, and ACTIONS (src/actions/registry.ts) has a module
// for every ActionId. The @ts-expect-error lines are checked by `npm run lint` (tsc over test/): if any of
// them compiled, tsc would fail on the unused directive.
import { describe, expect, it } from 'vitest';
import { ACTIONS, type ActionModule } from '../../src/actions/registry.js';
import type { ActionId } from '../../src/actions/types.js';
import {
  ACTION_COMMANDS,
  ACTION_OF,
  type ActionTable,
  type Binding,
  commandOfAction,
  type DangerousCommand,
  KEYMAP,
} from '../../src/keymap.js';

type Dangerous<C extends string> = Binding<C> & { readonly dangerous: true };

describe('runbook keys and their plans', () => {
  it('maps every dangerous key to an action with a plan, and back', () => {
    const dangerous = KEYMAP.filter((k) => k.dangerous).map((k) => k.command);
    expect([...ACTION_COMMANDS].sort()).toEqual([...dangerous].sort());
    for (const command of ACTION_COMMANDS) {
      const action = ACTION_OF[command];
      expect(typeof ACTIONS[action].plan).toBe('function');
      expect(commandOfAction(action)).toBe(command);
    }
  });

  it('does not compile a key-table action without a plan', () => {
    // The real table: every action key, no more.
    const keys: readonly DangerousCommand<typeof KEYMAP>[] = ACTION_COMMANDS;
    expect(keys).toHaveLength(7);

    // A new dangerous binding that ACTION_OF does not map.
    type Extended = readonly [...typeof KEYMAP, Dangerous<'deleteEverything'>];
    // @ts-expect-error — Property 'deleteEverything' is missing: the key has no action.
    const unmapped: ActionTable<Extended> = ACTION_OF;

    // A key mapped to an action id that the registry does not know.
    // @ts-expect-error — 'explode' is not an ActionId, so no module plans it.
    const unknown: ActionTable<typeof KEYMAP> = { ...ACTION_OF, rollback: 'explode' };

    // An action id without a module in the registry.
    // @ts-expect-error — Property 'fix-chain' (and the others) are missing.
    const partial: Readonly<Record<ActionId, ActionModule>> = { reconcile: ACTIONS.reconcile };

    expect([unmapped, unknown, partial]).toHaveLength(3);
  });
});
