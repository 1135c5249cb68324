// Quitting: ask once while an action or a background plugin runs or while objects suspended in this session
// are still suspended (leaving them so is how a release silently stops deploying); otherwise exit and let Ink
// restore the terminal.
import { useApp } from 'ink';
import { type ObjectRef, objectKey } from '../flux/types.js';
import type { ClusterSnapshot } from '../kube/port.js';

export function stillSuspended(snapshot: ClusterSnapshot, refs: readonly ObjectRef[]): readonly ObjectRef[] {
  return refs.filter((ref) => snapshot.kinds.get(ref.kind)?.rows.get(objectKey(ref))?.suspended === true);
}

export function quitReasons(busy: boolean, suspended: readonly ObjectRef[]): readonly string[] {
  const reasons: string[] = [];
  if (busy) reasons.push('an action is still running');
  if (suspended.length > 0) {
    const names = suspended.slice(0, 3).map(objectKey).join(', ');
    const more = suspended.length > 3 ? ` and ${suspended.length - 3} more` : '';
    reasons.push(
      `you suspended ${suspended.length === 1 ? 'an object that is' : `${suspended.length} objects that are`} still suspended: ${names}${more}`,
    );
  }
  return reasons;
}

export function useQuit(
  snapshot: ClusterSnapshot,
  busy: boolean,
  suspendedThisSession: readonly ObjectRef[],
  onQuit: (() => void) | undefined,
  ask: (reasons: readonly string[]) => void,
  /** Reasons of the moment besides those (the background plugins still running). */
  running: () => readonly string[] = () => [],
) {
  const { exit } = useApp();
  const leave = () => {
    onQuit?.();
    exit();
  };
  return {
    request: () => {
      const reasons = [...quitReasons(busy, stillSuspended(snapshot, suspendedThisSession)), ...running()];
      if (reasons.length > 0) ask(reasons);
      else leave();
    },
    exit: leave,
  };
}
