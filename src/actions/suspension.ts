// Suspend and resume as merge patches (docs/reconcile-protocol.md): spec.suspend plus who/why annotations,
// removed again on resume. Patches and command lines for one object; suspend.ts / resume.ts build plans over many.
import { SUSPEND_REASON, SUSPENDED_BY } from '../flux/annotations.js';
import { suspendPatch } from '../flux/reconcile.js';
import type { ObjectRef } from '../flux/types.js';
import type { ClusterInfo, Command } from '../kube/port.js';
import { annotateCommand, fluxCommand } from './commands.js';

export function resumePatch(): Readonly<Record<string, unknown>> {
  return suspendPatch(false);
}

export function suspendPatchFor(who: string, reason: string): Readonly<Record<string, unknown>> {
  return suspendPatch(true, who, reason.trim() === '' ? undefined : reason.trim());
}

export function suspendCommands(ref: ObjectRef, info: ClusterInfo, who: string, reason: string): Command[] {
  const annotations: Record<string, string> = { [SUSPENDED_BY]: who };
  if (reason.trim() !== '') annotations[SUSPEND_REASON] = reason.trim();
  return [fluxCommand('suspend', ref, info), annotateCommand(ref, annotations, info)];
}

export function resumeCommands(ref: ObjectRef, info: ClusterInfo): Command[] {
  return [
    annotateCommand(ref, { [SUSPENDED_BY]: undefined, [SUSPEND_REASON]: undefined }, info),
    fluxCommand('resume', ref, info),
  ];
}
