// The console's key-table command ids (src/keymap.ts ACTION_COMMANDS) → the action they run. Action ids
// themselves are accepted too, so callers other than the key dispatcher can name actions directly.
import type { ActionId } from './types.js';

export const ACTION_BY_COMMAND: Readonly<Record<string, ActionId>> = {
  reconcile: 'reconcile',
  reconcileWithSource: 'reconcile-with-source',
  suspend: 'suspend',
  resume: 'resume',
  rollback: 'rollback',
  clearHelmLock: 'clear-helm-lock',
  fixChain: 'fix-chain',
};

const ACTION_IDS: ReadonlySet<string> = new Set(Object.values(ACTION_BY_COMMAND));

export function actionForCommand(command: string): ActionId | undefined {
  if (Object.hasOwn(ACTION_BY_COMMAND, command)) return ACTION_BY_COMMAND[command];
  return ACTION_IDS.has(command) ? (command as ActionId) : undefined;
}

/** The reverse: which key-table command runs an action (to format its key for sentences). */
export function commandForAction(action: ActionId): string {
  return Object.entries(ACTION_BY_COMMAND).find(([, a]) => a === action)?.[0] ?? action;
}
